// arch/signal.hh (aarch64) - Linux's arm64 signal frame (contract/signal.hh).
//
// What a handler finds on its stack, lowest address first (Linux arch/arm64, struct
// rt_sigframe and its user layout):
//
//   +0     siginfo        128 bytes
//   +128   ucontext       uc_flags, uc_link, uc_stack, uc_sigmask (with padding to 128
//                         bytes of signal set), then at +304 uc_mcontext: struct
//                         sigcontext - fault_address, x0-x30, sp, pc, pstate - and its
//                         4096-byte __reserved area at +592, holding records: an
//                         fpsimd_context (V0-V31, FPSR, FPCR), an esr_context for a
//                         fault, and a zero terminator
//   +4688  frame record   {x29, x30} of the interrupted code, which the handler's x29
//                         points at, so a backtrace from a handler continues into the
//                         interrupted function
//
// The handler is entered with SP = the frame (16-byte aligned), x0 = signal, x1 =
// &siginfo, x2 = &ucontext, x29 = &frame record and x30 = sa_restorer (musl's
// __restore_rt: `mov x8, #139; svc #0`), so its `ret` calls rt_sigreturn, which finds
// the frame at SP and restores registers, PC, the flags of PSTATE and the FP/SIMD state.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include <arch/context.hh>
#include <contract/signal.hh>

namespace arch {

struct SignalFrame {
  static constexpr size_t kRecordOffset = 4688;  // sizeof(struct rt_sigframe)
  static constexpr size_t kFrameSize = 4704;     // + the frame record
  static constexpr size_t kMinStackSize = 5120;  // MINSIGSTKSZ

  static uintptr_t frame_address(const TrapFrame& f, uintptr_t stack_top);
  static void build(void* buf, uintptr_t addr, const TrapFrame& f, const FpuState& fpu,
                    const contract::SignalFrameRequest& req);
  static void enter_handler(TrapFrame& f, uintptr_t addr, const contract::SignalFrameRequest& req);
  static uintptr_t sigreturn_address(const TrapFrame& f) { return f.sp; }
  static bool restore(TrapFrame& f, FpuState& fpu, const void* buf, uint64_t* mask);
};

static_assert(contract::SignalFrameOps<SignalFrame, TrapFrame, FpuState>);

}  // namespace arch
