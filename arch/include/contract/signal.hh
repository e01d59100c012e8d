// contract/signal.hh - signal frames on the user stack, per architecture.
//
// When a signal with a handler is delivered, Linux pushes an `rt_sigframe` on the user
// stack: the siginfo, a ucontext holding every user register, the blocked mask and the
// FPU/SIMD state, and (x86_64) the return address of the handler. The handler returns
// into sa_restorer (musl's __restore_rt: `rt_sigreturn`), and the kernel reads the frame
// back. The layout is Linux's and differs per architecture (x86_64: struct sigcontext
// + fxsave area; arm64: sigcontext with x0-x30/sp/pc/pstate + fpsimd_context record), so
// the arch provides it in <arch/signal.hh> as arch::SignalFrame with these static
// members; src/proc/signal_frame.cc does the rest (choosing the stack, copying the frame
// with copy_to_user/copy_from_user, masks, SA_RESETHAND, SA_ONSTACK bookkeeping).
//
// The arch never touches user memory itself: it fills and reads a kernel buffer of
// kFrameSize bytes that the kernel copies to and from the user stack.
#pragma once

#include <concepts>
#include <stddef.h>
#include <stdint.h>

namespace contract {

// Everything arch-independent about one delivery, decided by src/proc.
struct SignalFrameRequest {
  int signal;               // 1..64
  uint64_t handler;         // sa_handler (or sa_sigaction: the same address)
  uint64_t restorer;        // sa_restorer: where the handler returns (SA_RESTORER)
  uint64_t saved_mask;      // goes into uc_sigmask: the mask rt_sigreturn restores
  const void* siginfo;      // 128 bytes, Linux siginfo_t, already filled (src/uapi)
  uint64_t altstack_sp;     // the thread's sigaltstack, as uc_stack reports it
  uint64_t altstack_size;
  int altstack_flags;       // SS_ONSTACK / SS_DISABLE / 0
};

template <class S, class Frame, class Fpu>
concept SignalFrameOps = requires(void* buf, const void* cbuf, Frame& f, const Frame& cf,
                                  Fpu& fpu, const Fpu& cfpu, const SignalFrameRequest& req,
                                  uintptr_t addr, uint64_t* mask) {
  // Size of the whole frame image (a multiple of 16).
  { S::kFrameSize } -> std::convertible_to<size_t>;
  // MINSIGSTKSZ of this ABI (x86_64 2048, arm64 5120): sigaltstack rejects smaller.
  { S::kMinStackSize } -> std::convertible_to<size_t>;
  // The user address where the frame starts, for a stack whose top is `addr` (the
  // alternate stack's top), or for the interrupted stack when addr is 0 (x86_64 skips
  // the 128-byte red zone first). Aligned as the ABI requires at handler entry.
  { S::frame_address(cf, addr) } -> std::same_as<uintptr_t>;
  // Fills buf (kFrameSize bytes) with the frame as it will sit at user address `addr`,
  // from the interrupted registers cf, the thread's saved FPU state cfpu and req.
  { S::build(buf, addr, cf, cfpu, req) } -> std::same_as<void>;
  // Points the registers at the handler: pc = handler, sp = frame, arguments (signal,
  // &info, &uc), and the return path into req.restorer (x86_64: the return address
  // stored by build; arm64: x30).
  { S::enter_handler(f, addr, req) } -> std::same_as<void>;
  // At rt_sigreturn: the user address of the frame, given the registers of that call
  // (x86_64: rsp - 8, the handler's `ret` popped pretcode; arm64: sp).
  { S::sigreturn_address(cf) } -> std::same_as<uintptr_t>;
  // Restores registers and FPU state from the frame image in cbuf, and the saved mask
  // into *mask. Sanitizes what user code may not choose (privilege level, interrupt
  // flag, segment selectors / PSTATE mode bits). False: the frame is unusable (the
  // kernel then kills the thread with SIGSEGV).
  { S::restore(f, fpu, cbuf, mask) } -> std::same_as<bool>;
};

}  // namespace contract
