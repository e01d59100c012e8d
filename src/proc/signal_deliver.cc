// proc/signal_deliver.cc - what a thread does on its way back to user mode.
//
// kernel_entry::return_to_user_hook ends every system call, exception and interrupt
// that returns to user mode. Here the thread gives up the CPU if the tick asked it to,
// then looks at its signals: a group exit makes it exit; a stopped process makes it
// sleep until SIGCONT; otherwise it takes the lowest pending, unblocked signal (its own
// before the process's) and applies the disposition. At most one handler frame is
// pushed per return; the next return delivers the next signal. Last, a system call that
// returned a restart code (restart.hh) is restarted or turned into EINTR.
#include "proc/current.hh"
#include "proc/lifecycle.hh"
#include "proc/process.hh"
#include "proc/restart.hh"
#include "proc/sched.hh"
#include "proc/signal.hh"
#include "uapi/wait.hh"

namespace proc {
namespace {

using namespace uapi;

enum class Next : uint8_t { None, Handler, Stop, Exit };

struct Decision {
  Next next = Next::None;
  int sig = 0;
  KernelSigaction act{};
  SigRecord info{};
};

int lowest(SigSet set) { return __builtin_ctzll(set) + 1; }

// Takes the next signal that needs the thread's attention, applying "ignore" itself.
Decision next_signal(Thread* t) {
  Process* p = t->process;
  for (;;) {
    Decision d;
    {
      ktl::SpinGuard guard(p->lock);
      if (p->group_exiting || (p->exec_survivor && p->exec_survivor != t))
        return Decision{Next::Exit};
      if (p->stopped) return Decision{Next::Stop};
      SigSet own = t->pending.set & ~t->blocked;
      SigSet shared = p->shared_pending.set & ~t->blocked;
      if (!own && !shared) return d;
      PendingSignals& from = own ? t->pending : p->shared_pending;
      d.sig = lowest(own ? own : shared);
      d.info = from.info[d.sig - 1];
      from.remove(d.sig);
    }
    d.act = action_of(p, d.sig);
    if (d.act.handler == kSigIgn) continue;
    if (d.act.handler != kSigDfl) {
      d.next = Next::Handler;
      return d;
    }
    switch (default_action(d.sig)) {
      case DefaultAction::Ignore:
      case DefaultAction::Continue:
        continue;
      case DefaultAction::Stop:
        d.next = Next::Stop;
        return d;
      case DefaultAction::Core:
      case DefaultAction::Terminate:
        exit_group(wait_status_signaled(d.sig, default_action(d.sig) == DefaultAction::Core));
    }
  }
}

// Stops the whole process for `sig` (0: it is already stopped) and sleeps until SIGCONT
// or SIGKILL.
void group_stop(Thread* t, int sig) {
  Process* p = t->process;
  if (sig) {
    ktl::SpinGuard tree(tree_lock);
    bool now_stopped = false;
    {
      ktl::SpinGuard guard(p->lock);
      if (!p->stopped && !p->group_exiting) {
        p->stopped = now_stopped = true;
        p->stop_report = wait_status_stopped(sig);
        p->threads.for_each([&](Thread* other) {
          if (other != t) wake_interruptible(other);
        });
      }
    }
    if (now_stopped) notify_parent_locked(p, kCldStopped, sig);
  }
  (void)wait_event(p->stop_events, t, [&] {
    ktl::SpinGuard guard(p->lock);
    return !p->stopped || p->group_exiting;
  }, 0, false);
}

// The interrupted call's result, now that we know whether a handler runs.
void settle_restart(arch::TrapFrame& frame, long code, bool handler, uint64_t flags) {
  if (!code) return;
  bool restart = code == static_cast<long>(kRestartNoIntr) ||
                 !handler || (code == static_cast<long>(kRestartSys) && (flags & kSaRestart));
  if (restart)
    arch::SyscallAbi::restart(frame);
  else
    arch::SyscallAbi::set_result(frame, static_cast<uint64_t>(-static_cast<long>(ktl::Errno::Intr)));
}

}  // namespace

void handle_signals(arch::TrapFrame& frame) {
  Thread* t = current_thread();
  if (sched_need_resched()) schedule();
  long restart = t->restart;
  t->restart = 0;
  for (;;) {
    Decision d = next_signal(t);
    if (d.next == Next::Exit) exit_thread(0);  // the group's status is already set
    if (d.next == Next::Stop) {
      group_stop(t, d.sig);
      continue;
    }
    if (d.next == Next::None) break;
    settle_restart(frame, restart, true, d.act.flags);
    restart = 0;
    // No room for the frame (a bad stack): Linux forces SIGSEGV with its default
    // action, which is what this does directly.
    if (!push_signal_frame(t, frame, d.sig, d.act, d.info))
      exit_group(wait_status_signaled(kSigSegv, true));
    return;
  }
  settle_restart(frame, restart, false, 0);
  if (t->restore_saved_blocked) {
    t->blocked = t->saved_blocked;
    t->restore_saved_blocked = false;
  }
}

}  // namespace proc

void kernel_entry::return_to_user_hook(arch::TrapFrame& frame) {
  proc::Thread* t = proc::current_thread();
  if (!t || !t->process) return;
  proc::handle_signals(frame);
}

