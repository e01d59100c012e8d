// arch/context.hh (x86_64) - user mode, threads, the FPU, per-CPU data and time.
//
// What contract/context.hh asks of every architecture, the PC way:
//   - TrapFrame (arch/trap_frame.hh): every general register, RIP, CS, RFLAGS, RSP, SS,
//     the vector and error code, and RAX as it was at a system call (orig_rax).
//   - SyscallAbi: the Linux x86_64 convention, `syscall` with the number in RAX,
//     arguments in RDI RSI RDX R10 R8 R9 and the result in RAX. The instruction itself
//     leaves the return address in RCX and RFLAGS in R11, which is why the fourth
//     argument travels in R10 and not in RCX as in a C call.
//   - ThreadContext: RBX, RBP, R12-R15, RSP and the resume address - the registers a
//     C++ function must preserve, which is all a switch between two kernel threads,
//     always inside a call to switch_to(), has to keep (context/context.S).
//   - FpuState: the 512-byte FXSAVE image (x87, MXCSR, XMM0-15). The kernel is compiled
//     -mgeneral-regs-only and never touches those registers, so a thread's FP state
//     survives any trap untouched and only needs saving when another thread will run.
//   - PerCpu: GS base -> this CPU's arch::CpuLocal (cpu_local.hh), whose second word is
//     the kernel's per-CPU pointer; `swapgs` exchanges it with the user's GS base.
//   - Timer: the local APIC timer for the tick, calibrated against the PIT at boot; the
//     invariant TSC (or else the HPET) for the clock; the CMOS RTC for the wall-clock
//     time at boot (time/).
#pragma once

#include <arch/cpu_local.hh>
#include <arch/trap_frame.hh>
#include <contract/context.hh>
#include <stddef.h>
#include <stdint.h>

namespace arch {

// Selectors of the user segments (cpu/gdt.cc), with RPL 3, and the RFLAGS a user
// program starts with: IF on, the always-one bit 1, nothing else.
inline constexpr uint64_t kUserCodeSelector = 0x2b;
inline constexpr uint64_t kUserDataSelector = 0x23;
inline constexpr uint64_t kUserStartRflags = 0x202;

struct SyscallAbi {
  // The number is read from orig_rax, so it survives set_result().
  static uint64_t number(const TrapFrame& f) { return f.orig_rax; }
  static uint64_t arg(const TrapFrame& f, unsigned i) {
    switch (i) {
      case 0: return f.rdi;
      case 1: return f.rsi;
      case 2: return f.rdx;
      case 3: return f.r10;
      case 4: return f.r8;
      case 5: return f.r9;
      default: return 0;
    }
  }
  static void set_result(TrapFrame& f, uint64_t v) { f.rax = v; }
  // Back to the `syscall` instruction (2 bytes, 0f 05) with RAX as it was: it runs again.
  static void restart(TrapFrame& f) {
    f.rax = f.orig_rax;
    f.rip -= 2;
  }
  static uint64_t pc(const TrapFrame& f) { return f.rip; }
  static void set_pc(TrapFrame& f, uint64_t v) { f.rip = v; }
  static uint64_t sp(const TrapFrame& f) { return f.rsp; }
  static void set_sp(TrapFrame& f, uint64_t v) { f.rsp = v; }
  static void init_user(TrapFrame& f, uint64_t pc, uint64_t sp) {
    f = TrapFrame{};
    f.orig_rax = ~0ull;
    f.rip = pc;
    f.rsp = sp;
    f.cs = kUserCodeSelector;
    f.ss = kUserDataSelector;
    f.rflags = kUserStartRflags;
  }
};

static_assert(contract::SyscallAbiOps<SyscallAbi, TrapFrame>);

// The FXSAVE64 area (SDM vol. 1, 10.5.1), the same bytes Linux puts in a signal frame.
struct alignas(16) FpuState {
  uint16_t fcw, fsw;
  uint8_t ftw, reserved0;
  uint16_t fop;
  uint64_t fip, fdp;
  uint32_t mxcsr, mxcsr_mask;
  uint8_t st[8][16];    // x87 / MMX registers
  uint8_t xmm[16][16];  // XMM0-15
  uint8_t reserved1[96];
};

static_assert(sizeof(FpuState) == 512);

struct ThreadContext {
  uint64_t rbx, rbp, r12, r13, r14, r15;
  uint64_t rsp;  // just above the return address of the switch_to() call
  uint64_t rip;  // where the thread resumes: that return address
};

// context/context.S
extern "C" void context_switch(ThreadContext* save, const ThreadContext* load);
extern "C" [[noreturn]] void context_enter_user(const TrapFrame* frame);

struct Context {
  static void switch_to(ThreadContext* save, const ThreadContext* load) {
    context_switch(save, load);
  }
  // The new thread starts in context_thread_start (context.S), which calls entry(arg)
  // with an empty frame-record chain and panics if entry returns.
  static void init_kernel_thread(ThreadContext* tc, uintptr_t top, void (*entry)(void*),
                                 void* arg);
  // Calls kernel_entry::return_to_user_hook(*frame), then restores *frame and leaves
  // with iretq (after swapgs). RIP must be a user address; CS, SS and the privileged
  // RFLAGS bits are forced to user values whatever the frame says.
  [[noreturn]] static void return_to_user(TrapFrame* frame);
  // TSS.RSP0 (interrupts and exceptions from user mode) and the syscall entry's stack.
  static void set_kernel_stack(uintptr_t top);
  static void set_user_tls(uint64_t v) {
    __asm__ volatile("wrmsr" ::"c"(0xc0000100u), "a"(static_cast<uint32_t>(v)),
                     "d"(static_cast<uint32_t>(v >> 32)));  // FS base
  }
  static uint64_t user_tls() {
    uint32_t lo, hi;
    __asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(0xc0000100u));
    return static_cast<uint64_t>(hi) << 32 | lo;
  }
  // Round to nearest, every exception masked, empty x87 stack: what a new program gets.
  static void fpu_init(FpuState* fpu) {
    *fpu = FpuState{};
    fpu->fcw = 0x37f;
    fpu->mxcsr = 0x1f80;
  }
  static void fpu_save(FpuState* fpu) { __asm__ volatile("fxsave64 %0" : "=m"(*fpu)); }
  static void fpu_restore(const FpuState* fpu) { __asm__ volatile("fxrstor64 %0" ::"m"(*fpu)); }
};

static_assert(contract::ContextOps<Context, TrapFrame, ThreadContext, FpuState>);

struct PerCpu {
  static void set(void* p) { cpu_local()->kernel = p; }
  static void* get() {
    void* p;
    __asm__ volatile("mov %%gs:8, %0" : "=r"(p));
    return p;
  }
};

static_assert(contract::PerCpuOps<PerCpu>);

// The counter-to-nanoseconds conversion, fixed at boot (time/clock.cc):
// ns = (count - boot_count) * mult >> 32, where the count is the TSC when it is
// invariant, else the HPET's main counter (QEMU's TCG does not promise an invariant TSC).
struct ClockScale {
  uint64_t boot_count;
  uint64_t mult;                          // 0 until calibrated: now_ns() is 0 until then
  uint64_t realtime_at_boot_ns;           // from the CMOS RTC
  const volatile uint64_t* hpet_counter;  // nullptr: the counter is the TSC
};
extern ClockScale clock_scale;

struct Timer {
  // Starts this CPU's local APIC timer in periodic mode at `hz` (time/tick.cc).
  static void start_tick(unsigned hz);
  static uint64_t now_ns() {
    uint64_t count;
    if (clock_scale.hpet_counter) {
      count = *clock_scale.hpet_counter;
    } else {
      uint32_t lo, hi;
      __asm__ volatile("lfence; rdtsc" : "=a"(lo), "=d"(hi)::"memory");
      count = static_cast<uint64_t>(hi) << 32 | lo;
    }
    return static_cast<uint64_t>(
        static_cast<unsigned __int128>(count - clock_scale.boot_count) * clock_scale.mult >> 32);
  }
  static uint64_t boot_realtime_ns() { return clock_scale.realtime_at_boot_ns; }
};

static_assert(contract::TimerOps<Timer>);

}  // namespace arch
