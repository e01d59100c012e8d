// arch/signal.hh (x86_64) - Linux's x86_64 signal frame (contract/signal.hh).
//
// What a handler finds on its stack, lowest address first (Linux arch/x86, rt_sigframe):
//
//   +0    pretcode      the handler's return address: sa_restorer (musl's __restore_rt,
//                       which calls rt_sigreturn)
//   +8    ucontext      uc_flags, uc_link, uc_stack, uc_mcontext (struct sigcontext: every
//                       register, the error code, trap number, CR2, and a pointer to the
//                       FPU state), uc_sigmask
//   +312  siginfo       128 bytes
//   +456  FPU state     the 512-byte FXSAVE image uc_mcontext.fpstate points to
//
// The handler is entered as if called: RSP = the frame (so RSP + 8 is 16-byte aligned),
// RDI = signal, RSI = &siginfo, RDX = &ucontext, RAX = 0. rt_sigreturn finds the frame
// at RSP - 8 (the handler's `ret` popped pretcode) and restores from it whatever the
// program may choose: general registers, RIP, the arithmetic flags, the FPU state.
#pragma once

#include <arch/context.hh>
#include <contract/signal.hh>
#include <stddef.h>
#include <stdint.h>

namespace arch {

struct SignalFrame {
  static constexpr size_t kFpuOffset = 456;  // 16-byte aligned when the frame is placed
  static constexpr size_t kFrameSize = 976;  // kFpuOffset + 512, rounded up to 16
  static constexpr size_t kMinStackSize = 2048;  // MINSIGSTKSZ

  static uintptr_t frame_address(const TrapFrame& f, uintptr_t stack_top);
  static void build(void* buf, uintptr_t addr, const TrapFrame& f, const FpuState& fpu,
                    const contract::SignalFrameRequest& req);
  static void enter_handler(TrapFrame& f, uintptr_t addr, const contract::SignalFrameRequest& req);
  static uintptr_t sigreturn_address(const TrapFrame& f) { return f.rsp - 8; }
  static bool restore(TrapFrame& f, FpuState& fpu, const void* buf, uint64_t* mask);
};

static_assert(contract::SignalFrameOps<SignalFrame, TrapFrame, FpuState>);

}  // namespace arch
