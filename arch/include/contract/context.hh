// contract/context.hh - user mode, system calls, threads and time, per architecture.
//
// The arch-independent process layer (src/proc, src/syscalls) runs threads and user
// programs only through what this header names. Each architecture defines, in
// <arch/context.hh>:
//
//   arch::TrapFrame      every user register, saved on the kernel stack at each entry
//                        from user mode (syscall, exception, interrupt) and restored on
//                        the way back. Its address is what the kernel hands around.
//   arch::SyscallAbi     reads and writes a TrapFrame the way the Linux ABI of this
//                        architecture says (x86_64: rax = number, rdi rsi rdx r10 r8 r9,
//                        result in rax; aarch64: x8 = number, x0..x5, result in x0).
//   arch::ThreadContext  what a kernel-to-kernel switch saves (callee-saved registers,
//                        stack pointer); lives in the Thread.
//   arch::FpuState       the FPU/SIMD registers (x87/SSE FXSAVE area; V0-V31, FPCR, FPSR).
//   arch::Context        static operations below.
//   arch::Timer          the per-CPU tick and a monotonic clock.
//   arch::PerCpu         the per-CPU pointer (%gs base / TPIDR_EL1).
//
// And the arch calls into the kernel through the functions in namespace kernel_entry
// at the bottom, which src/ defines.
#pragma once

#include <concepts>
#include <stddef.h>
#include <stdint.h>

namespace contract {

template <class A, class Frame>
concept SyscallAbiOps = requires(Frame& f, const Frame& cf, uint64_t v, unsigned i) {
  { A::number(cf) } -> std::same_as<uint64_t>;
  { A::arg(cf, i) } -> std::same_as<uint64_t>;  // i = 0..5
  { A::set_result(f, v) } -> std::same_as<void>;
  // Makes the thread execute the same system call again when it returns to user mode
  // (SA_RESTART, and restarting after a stop). Restores what set_result overwrote.
  { A::restart(f) } -> std::same_as<void>;
  { A::pc(cf) } -> std::same_as<uint64_t>;
  { A::set_pc(f, v) } -> std::same_as<void>;
  { A::sp(cf) } -> std::same_as<uint64_t>;
  { A::set_sp(f, v) } -> std::same_as<void>;
  // A fresh frame that starts user code at `pc` with stack `sp`, all else zero and
  // interrupts enabled in user mode.
  { A::init_user(f, v, v) } -> std::same_as<void>;
};

template <class C, class Frame, class ThreadCtx, class Fpu>
concept ContextOps = requires(Frame* f, ThreadCtx* tc, const ThreadCtx* ctc, Fpu* fpu,
                              const Fpu* cfpu, void (*entry)(void*), void* arg, uintptr_t top,
                              uint64_t v) {
  // Saves the current kernel thread's callee-saved state in *tc and resumes *ctc. Returns
  // when something switches back to tc. Interrupts: as the caller left them.
  { C::switch_to(tc, ctc) } -> std::same_as<void>;
  // Prepares *tc so that the first switch_to() into it runs entry(arg) on the kernel
  // stack ending at `top` (16-byte aligned). entry must not return.
  { C::init_kernel_thread(tc, top, entry, arg) } -> std::same_as<void>;
  // Leaves the kernel for user mode with the registers in *f. Does not return.
  { C::return_to_user(f) } -> std::same_as<void>;
  // The kernel stack this CPU uses for the next entry from user mode (TSS.RSP0 and the
  // syscall stack on x86_64; on aarch64 the stack switch is implicit but recorded).
  { C::set_kernel_stack(top) } -> std::same_as<void>;
  // The thread pointer user code sees (FS base / TPIDR_EL0): set on switch and by
  // arch_prctl(ARCH_SET_FS) / clone(CLONE_SETTLS).
  { C::set_user_tls(v) } -> std::same_as<void>;
  { C::user_tls() } -> std::same_as<uint64_t>;
  { C::fpu_init(fpu) } -> std::same_as<void>;      // the state a new program starts with
  { C::fpu_save(fpu) } -> std::same_as<void>;
  { C::fpu_restore(cfpu) } -> std::same_as<void>;
};

template <class T>
concept TimerOps = requires(unsigned hz) {
  // Starts this CPU's periodic tick at `hz`; each tick calls kernel_entry::timer_tick().
  { T::start_tick(hz) } -> std::same_as<void>;
  // Monotonic nanoseconds since boot, the same on every CPU. Callable before
  // start_tick() (the clock is calibrated at boot) and with interrupts off.
  { T::now_ns() } -> std::same_as<uint64_t>;
  // Nanoseconds since the Unix epoch at boot (x86_64: CMOS RTC; aarch64: PL031).
  { T::boot_realtime_ns() } -> std::same_as<uint64_t>;
};

template <class P>
concept PerCpuOps = requires(void* p) {
  { P::set(p) } -> std::same_as<void>;   // this CPU's block, once at CPU start
  { P::get() } -> std::same_as<void*>;   // this CPU's block; cheap (one instruction)
};

}  // namespace contract

namespace arch {
struct TrapFrame;
}

// Called by the arch trap code; defined in src/ (src/proc, src/syscalls, src/mm).
namespace kernel_entry {

// A system call instruction from user mode. The result goes into the frame through
// arch::SyscallAbi. Interrupts are enabled on entry.
void syscall(arch::TrapFrame& frame);

// A synchronous exception in user mode that is not a handled page fault: the process
// layer turns it into a signal (SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP) for the thread.
// `signal` is the Linux signal number, `code` the si_code, `address` the si_addr.
void user_exception(arch::TrapFrame& frame, int signal, int code, uintptr_t address);

// The periodic timer interrupt on this CPU (interrupts are off).
void timer_tick();

// Last stop before any return to user mode (after syscall, exception or interrupt):
// delivers pending signals and reschedules if asked. May modify the frame.
void return_to_user_hook(arch::TrapFrame& frame);

}  // namespace kernel_entry
