// syscalls/sys_signal.cc - rt_sigaction, rt_sigprocmask, rt_sigpending, rt_sigsuspend,
// pause, sigaltstack, kill, tkill, tgkill and rt_sigreturn.
//
// Signal sets are 8 bytes on both architectures (sigsetsize must be 8). SIGKILL and
// SIGSTOP can be neither caught nor blocked; masks silently drop them, as Linux does.
// Permission to signal: root, or the sender's real or effective uid equals the
// target's real uid.
#include "proc/current.hh"
#include "proc/lifecycle.hh"
#include "proc/process.hh"
#include "proc/restart.hh"
#include "proc/signal.hh"
#include "proc/wait_queue.hh"
#include "syscalls/syscall.hh"
#include "syscalls/uaccess.hh"
#include "uapi/signal.hh"
#include "uapi/wait.hh"

namespace syscalls {
namespace {

using namespace uapi;
using proc::Process;

constexpr uint64_t kSigSetSize = 8;

bool may_signal(const Process* from, const Process* to) {
  return from->creds.euid == 0 || from->creds.uid == to->creds.uid ||
         from->creds.euid == to->creds.uid;
}

proc::SigRecord user_record(int code) {
  Process* self = proc::current_process();
  return proc::SigRecord{code, self->pid, self->creds.uid, 0, 0};
}

// Drops pending instances of sig everywhere in p (it is now ignored).
void discard_pending(Process* p, int sig) {
  ktl::SpinGuard guard(p->lock);
  p->shared_pending.remove(sig);
  p->threads.for_each([&](proc::Thread* t) { t->pending.remove(sig); });
}

}  // namespace

Result<long> sys_rt_sigaction(Args& a) {
  int sig = a.i32(0);
  if (a.a[3] != kSigSetSize || !proc::valid_signal(sig)) return Errno::Inval;
  if (a.a[1] && (sig == kSigKill || sig == kSigStop)) return Errno::Inval;
  Process* p = proc::current_process();
  KernelSigaction act{};
  if (a.a[1]) act = TRY(uaccess::UserPtr<KernelSigaction>(a.a[1]).read());
  KernelSigaction old = proc::action_of(p, sig);
  if (a.a[2]) TRY(uaccess::UserPtr<KernelSigaction>(a.a[2]).write(old));
  if (!a.a[1]) return 0;
  act.mask &= ~proc::kUnblockable;
  {
    ktl::SpinGuard guard(p->actions->lock);
    p->actions->action[sig - 1] = act;
  }
  bool now_ignored = act.handler == kSigIgn ||
                     (act.handler == kSigDfl && proc::default_action(sig) == proc::DefaultAction::Ignore);
  if (now_ignored) discard_pending(p, sig);
  return 0;
}

Result<long> sys_rt_sigprocmask(Args& a) {
  if (a.a[3] != kSigSetSize) return Errno::Inval;
  proc::Thread* t = proc::current_thread();
  SigSet old = t->blocked;
  if (a.a[1]) {
    SigSet set = TRY(uaccess::UserPtr<SigSet>(a.a[1]).read());
    switch (a.i32(0)) {
      case kSigBlock: t->blocked |= set; break;
      case kSigUnblock: t->blocked &= ~set; break;
      case kSigSetMask: t->blocked = set; break;
      default: return Errno::Inval;
    }
    t->blocked &= ~proc::kUnblockable;
  }
  if (a.a[2]) TRY(uaccess::UserPtr<SigSet>(a.a[2]).write(old));
  return 0;
}

Result<long> sys_rt_sigpending(Args& a) {
  if (a.a[1] > kSigSetSize) return Errno::Inval;
  proc::Thread* t = proc::current_thread();
  Process* p = t->process;
  SigSet set;
  {
    ktl::SpinGuard guard(p->lock);
    set = (t->pending.set | p->shared_pending.set) & t->blocked;
  }
  TRY(uaccess::copy_to_user(a.a[0], &set, a.a[1]));
  return 0;
}

Result<long> sys_rt_sigsuspend(Args& a) {
  if (a.a[1] != kSigSetSize) return Errno::Inval;
  SigSet mask = TRY(uaccess::UserPtr<SigSet>(a.a[0]).read());
  proc::Thread* t = proc::current_thread();
  t->saved_blocked = t->blocked;
  t->restore_saved_blocked = true;
  t->blocked = mask & ~proc::kUnblockable;
  while (proc::sleep_until(0, true) != proc::WakeReason::Signal) {
  }
  return proc::kRestartNoHand;
}

Result<long> sys_pause(Args&) {
  while (proc::sleep_until(0, true) != proc::WakeReason::Signal) {
  }
  return proc::kRestartNoHand;
}

Result<long> sys_sigaltstack(Args& a) {
  proc::Thread* t = proc::current_thread();
  uint64_t sp = arch::SyscallAbi::sp(a.frame);
  bool on_stack = !(t->altstack.flags & kSsDisable) && sp - t->altstack.sp < t->altstack.size;
  if (a.a[1]) {
    StackT old = t->altstack;
    old.flags = on_stack ? kSsOnStack : (old.flags & kSsDisable);
    TRY(uaccess::UserPtr<StackT>(a.a[1]).write(old));
  }
  if (!a.a[0]) return 0;
  StackT ss = TRY(uaccess::UserPtr<StackT>(a.a[0]).read());
  if (on_stack) return Errno::Perm;
  if (ss.flags & ~(kSsDisable | kSsOnStack)) return Errno::Inval;
  if (ss.flags & kSsDisable) {
    t->altstack = {0, kSsDisable, 0, 0};
    return 0;
  }
  if (ss.size < proc::min_signal_stack_size()) return Errno::NoMem;
  t->altstack = {ss.sp, 0, 0, ss.size};
  return 0;
}

Result<long> sys_kill(Args& a) {
  int pid = a.i32(0), sig = a.i32(1);
  if (sig < 0 || sig > kNumSignals) return Errno::Inval;
  Process* self = proc::current_process();
  proc::SigRecord info = user_record(kSiUser);
  ktl::SpinGuard tree(proc::tree_lock);
  if (pid > 0) {
    Process* p = proc::find_process_locked(pid);
    if (!p || p->state != proc::ProcessState::Alive) return Errno::Srch;
    if (!may_signal(self, p)) return Errno::Perm;
    if (sig) proc::send_to_process_locked(p, sig, info);
    return 0;
  }
  // A group (pid 0: the caller's, pid < -1: group -pid) or everyone we may (pid -1).
  int pgid = pid == 0 ? self->pgid : -pid;
  int found = 0, allowed = 0;
  proc::for_each_process_locked([&](Process* p) {
    if (p->state != proc::ProcessState::Alive) return;
    if (pid == -1 ? (p->pid == 1 || p == self) : p->pgid != pgid) return;
    ++found;
    if (!may_signal(self, p)) return;
    ++allowed;
    if (sig) proc::send_to_process_locked(p, sig, info);
  });
  if (!found) return Errno::Srch;
  if (!allowed) return Errno::Perm;
  return 0;
}

// tkill and tgkill: one thread; tgid < 0 means "any process" (tkill).
Result<long> signal_thread(int tgid, int tid, int sig) {
  if (tid <= 0 || sig < 0 || sig > kNumSignals) return Errno::Inval;
  ktl::SpinGuard tree(proc::tree_lock);
  proc::Thread* t = proc::find_thread_locked(tid);
  if (!t || (tgid >= 0 && t->process->pid != tgid)) return Errno::Srch;
  if (!may_signal(proc::current_process(), t->process)) return Errno::Perm;
  if (sig) proc::send_to_thread_locked(t, sig, user_record(kSiTkill));
  return 0;
}

Result<long> sys_tkill(Args& a) { return signal_thread(-1, a.i32(0), a.i32(1)); }

Result<long> sys_tgkill(Args& a) {
  if (a.i32(0) <= 0) return Errno::Inval;
  return signal_thread(a.i32(0), a.i32(1), a.i32(2));
}

Result<long> sys_rt_sigreturn(Args& a) {
  a.frame_replaced = true;
  if (proc::pop_signal_frame(proc::current_thread(), a.frame).is_error())
    proc::exit_group(wait_status_signaled(kSigSegv, true));
  return 0;
}

}  // namespace syscalls
