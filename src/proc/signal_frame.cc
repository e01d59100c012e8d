// proc/signal_frame.cc - entering a signal handler and coming back (rt_sigreturn).
//
// The frame itself is the arch's (contract/signal.hh): it is built in a kernel buffer,
// and this file decides everything else - which stack (the alternate stack for
// SA_ONSTACK handlers when the thread is not already on it), the siginfo, the mask
// while the handler runs (sa_mask plus the signal itself unless SA_NODEFER), the mask
// restored afterwards (rt_sigsuspend's saved one if that is pending), SA_RESETHAND -
// and copies the frame to and from user memory with the uaccess helpers.
//
// Until an architecture provides <arch/signal.hh>, handlers cannot be entered there:
// push_signal_frame() fails, and the thread gets SIGSEGV's default action (logged once).
#include "proc/process.hh"
#include "proc/program.hh"
#include "proc/signal.hh"
#include "proc/thread.hh"
#include "syscalls/uaccess.hh"
#include "uapi/signal.hh"

#if __has_include(<arch/signal.hh>)
#include <arch/signal.hh>

#include "mm/mm.hh"

namespace proc {
namespace {

using namespace uapi;

bool on_altstack(const Thread* t, uint64_t sp) {
  return !(t->altstack.flags & kSsDisable) && sp - t->altstack.sp < t->altstack.size;
}

SigInfo make_siginfo(int sig, const SigRecord& r) {
  SigInfo info{};
  info.signo = sig;
  info.code = r.code;
  if (sig == kSigSegv || sig == kSigBus || sig == kSigIll || sig == kSigFpe || sig == kSigTrap) {
    info.addr = r.addr;
  } else {
    info.proc.pid = r.pid;
    info.proc.uid = r.uid;
    info.proc.status = r.status;
  }
  return info;
}

// A kernel buffer for one frame (arm64's is over 4 KiB: not on the kernel stack).
struct FrameBuffer {
  void* data = nullptr;
  FrameBuffer() {
    auto m = mm::kmalloc(arch::SignalFrame::kFrameSize);
    if (m.is_ok()) data = m.value();
  }
  ~FrameBuffer() { mm::kfree(data); }
};

}  // namespace

bool push_signal_frame(Thread* t, arch::TrapFrame& frame, int sig, const KernelSigaction& act,
                       const SigRecord& record) {
  // Without SA_RESTORER the handler returns into the kernel's trampoline page.
  uint64_t restorer = (act.flags & kSaRestorer) ? act.restorer : kSigreturnPage;
  if (!restorer) return false;
  uint64_t sp = arch::SyscallAbi::sp(frame);
  uint64_t alt_top = 0;
  if ((act.flags & kSaOnStack) && !(t->altstack.flags & kSsDisable) && !on_altstack(t, sp))
    alt_top = t->altstack.sp + t->altstack.size;
  uintptr_t addr = arch::SignalFrame::frame_address(frame, alt_top);

  SigInfo info = make_siginfo(sig, record);
  contract::SignalFrameRequest req{};
  req.signal = sig;
  req.handler = act.handler;
  req.restorer = restorer;
  req.saved_mask = t->restore_saved_blocked ? t->saved_blocked : t->blocked;
  req.siginfo = &info;
  req.altstack_sp = t->altstack.sp;
  req.altstack_size = t->altstack.size;
  req.altstack_flags = (t->altstack.flags & kSsDisable) ? kSsDisable
                       : on_altstack(t, sp)             ? kSsOnStack
                                                        : 0;
  FrameBuffer buf;
  if (!buf.data) return false;
  arch::Context::fpu_save(&t->fpu);
  arch::SignalFrame::build(buf.data, addr, frame, t->fpu, req);
  if (uaccess::copy_to_user(addr, buf.data, arch::SignalFrame::kFrameSize).is_error())
    return false;
  arch::SignalFrame::enter_handler(frame, addr, req);

  t->blocked |= act.mask | ((act.flags & kSaNoDefer) ? 0 : sig_bit(sig));
  t->blocked &= ~kUnblockable;
  t->restore_saved_blocked = false;
  if (act.flags & kSaResetHand) {
    ktl::SpinGuard guard(t->process->actions->lock);
    KernelSigaction& a = t->process->actions->action[sig - 1];
    a.handler = kSigDfl;
    a.flags &= ~kSaSigInfo;
  }
  return true;
}

size_t min_signal_stack_size() { return arch::SignalFrame::kMinStackSize; }

ktl::Result<void> pop_signal_frame(Thread* t, arch::TrapFrame& frame) {
  uintptr_t addr = arch::SignalFrame::sigreturn_address(frame);
  FrameBuffer buf;
  if (!buf.data) return ktl::Errno::NoMem;
  TRY(uaccess::copy_from_user(buf.data, addr, arch::SignalFrame::kFrameSize));
  uint64_t mask = 0;
  if (!arch::SignalFrame::restore(frame, t->fpu, buf.data, &mask)) return ktl::Errno::Fault;
  arch::Context::fpu_restore(&t->fpu);
  t->blocked = mask & ~kUnblockable;
  return {};
}

}  // namespace proc

#else  // no <arch/signal.hh> yet

#include "lib/printk.hh"

namespace proc {

bool push_signal_frame(Thread*, arch::TrapFrame&, int sig, const uapi::KernelSigaction&,
                       const SigRecord&) {
  static bool told = false;
  if (!told) log_warn("signals: no <arch/signal.hh>: cannot run the handler of signal %d\n", sig);
  told = true;
  return false;
}

ktl::Result<void> pop_signal_frame(Thread*, arch::TrapFrame&) { return ktl::Errno::NoSys; }
size_t min_signal_stack_size() { return 2048; }

}  // namespace proc

#endif
