// arch/context.hh (aarch64) - user mode, threads, the FPU, per-CPU data and time.
//
// What contract/context.hh asks of every architecture, the Arm way:
//   - TrapFrame (arch/trap_frame.hh): x0-x30, the user's SP (SP_EL0), ELR, SPSR, the
//     syndrome, and x0 as it was at a system call (orig_x0, for restarting it).
//   - SyscallAbi: the Linux arm64 convention, `svc #0` with the number in x8, arguments
//     in x0-x5 and the result in x0.
//   - ThreadContext: x19-x28, x29 (frame pointer), x30 (return address) and SP - the
//     registers a C++ function must preserve, which is all a switch between two kernel
//     threads, always inside a call to switch_to(), has to keep (context.S).
//   - FpuState: V0-V31, FPSR and FPCR. The kernel is compiled -mgeneral-regs-only and
//     never touches them, so a thread's FP state survives any trap untouched and only
//     needs saving when another thread will run (CPACR_EL1.FPEN lets EL0 use it).
//   - PerCpu: TPIDR_EL1 points at this CPU's arch::CpuLocal (cpu_local.hh), whose first
//     word is the kernel's per-CPU pointer.
//   - Timer: the Arm generic timer. CNTVCT_EL0 counts at CNTFRQ_EL0 Hz on every CPU
//     alike, so now_ns() is a register read and a multiply; the tick is each CPU's
//     virtual timer (CNTV) interrupt, a PPI routed through the GIC (timer.cc). The
//     wall-clock time at boot comes from the PL031 RTC.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include <arch/cpu_local.hh>
#include <arch/trap_frame.hh>
#include <contract/context.hh>

namespace arch {

struct SyscallAbi {
  static uint64_t number(const TrapFrame& f) { return f.x[8]; }
  // Argument 0 is read from orig_x0, so it survives set_result().
  static uint64_t arg(const TrapFrame& f, unsigned i) {
    return i == 0 ? f.orig_x0 : i < 6 ? f.x[i] : 0;
  }
  static void set_result(TrapFrame& f, uint64_t v) { f.x[0] = v; }
  // Back to the `svc` (ELR points past it) with x0 as it was: the call runs again.
  static void restart(TrapFrame& f) {
    f.x[0] = f.orig_x0;
    f.elr -= 4;
  }
  static uint64_t pc(const TrapFrame& f) { return f.elr; }
  static void set_pc(TrapFrame& f, uint64_t v) { f.elr = v; }
  static uint64_t sp(const TrapFrame& f) { return f.sp; }
  static void set_sp(TrapFrame& f, uint64_t v) { f.sp = v; }
  // SPSR 0: EL0 with SP_EL0 (EL0t), AArch64, no interrupt masked, flags clear.
  static void init_user(TrapFrame& f, uint64_t pc, uint64_t sp) {
    f = TrapFrame{};
    f.elr = pc;
    f.sp = sp;
  }
};

static_assert(contract::SyscallAbiOps<SyscallAbi, TrapFrame>);

struct alignas(16) FpuState {
  uint64_t v[64];  // V0..V31, 128 bits each, low half first
  uint32_t fpsr, fpcr;
  uint64_t padding;
};

struct ThreadContext {
  uint64_t x19_x28[10];
  uint64_t fp, lr, sp;
  uint64_t padding;
};

// context.S
extern "C" void context_switch(ThreadContext* save, const ThreadContext* load);
extern "C" [[noreturn]] void context_enter_user(const TrapFrame* frame, uintptr_t stack_top);
extern "C" void context_fpu_save(FpuState* fpu);
extern "C" void context_fpu_restore(const FpuState* fpu);

struct Context {
  static void switch_to(ThreadContext* save, const ThreadContext* load) {
    context_switch(save, load);
  }
  // The new thread starts in context_thread_start (context.S), which calls entry(arg)
  // with an empty frame-record chain and panics if entry returns.
  static void init_kernel_thread(ThreadContext* tc, uintptr_t top, void (*entry)(void*), void* arg);
  // Calls kernel_entry::return_to_user_hook(*frame) (interrupts on), then restores
  // *frame and erets to EL0 (SPSR limited to what EL0 may choose). SP_EL1 is left at the stack top
  // given to set_kernel_stack() (else just above the frame), where the next entry from user mode
  // will build its frame.
  [[noreturn]] static void return_to_user(TrapFrame* frame);
  static void set_kernel_stack(uintptr_t top) { cpu_local()->kernel_stack_top = top; }
  static void set_user_tls(uint64_t v) { __asm__ volatile("msr tpidr_el0, %0" : : "r"(v)); }
  static uint64_t user_tls() {
    uint64_t v;
    __asm__ volatile("mrs %0, tpidr_el0" : "=r"(v));
    return v;
  }
  static void fpu_init(FpuState* fpu) { *fpu = FpuState{}; }  // zeros; FPCR 0: round to nearest
  static void fpu_save(FpuState* fpu) { context_fpu_save(fpu); }
  static void fpu_restore(const FpuState* fpu) { context_fpu_restore(fpu); }
};

static_assert(contract::ContextOps<Context, TrapFrame, ThreadContext, FpuState>);

struct PerCpu {
  static void set(void* p) { cpu_local()->kernel = p; }
  static void* get() { return cpu_local()->kernel; }
};

static_assert(contract::PerCpuOps<PerCpu>);

// The counter-to-nanoseconds conversion, fixed at boot (timer.cc): ns = (count -
// boot_count) * mult >> 32, exact for QEMU's 62.5 MHz and within 1 ns per 4 s elsewhere.
struct ClockScale {
  uint64_t boot_count;
  uint64_t mult;
  uint64_t realtime_at_boot_ns;  // from the PL031, 0 when there is none
};
extern ClockScale clock_scale;

struct Timer {
  static void start_tick(unsigned hz);
  static uint64_t now_ns() {
    uint64_t count;
    __asm__ volatile("isb\n\tmrs %0, cntvct_el0" : "=r"(count) : : "memory");
    return static_cast<uint64_t>(
        static_cast<unsigned __int128>(count - clock_scale.boot_count) * clock_scale.mult >> 32);
  }
  static uint64_t boot_realtime_ns() { return clock_scale.realtime_at_boot_ns; }
};

static_assert(contract::TimerOps<Timer>);

}  // namespace arch
