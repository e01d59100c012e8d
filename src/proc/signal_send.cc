// proc/signal_send.cc - default actions, sending, and the parent's SIGCHLD.
#include "proc/current.hh"
#include "proc/process.hh"
#include "proc/sched.hh"
#include "proc/signal.hh"
#include "uapi/wait.hh"

namespace proc {
namespace {

using namespace uapi;

constexpr SigSet kStopSignals =
    sig_bit(kSigStop) | sig_bit(kSigTstp) | sig_bit(kSigTtin) | sig_bit(kSigTtou);

// Wakes one thread of p that does not block sig (p->lock held).
void wake_taker_locked(Process* p, int sig) {
  Thread* taker = nullptr;
  p->threads.for_each([&](Thread* t) {
    if (!taker && !(t->blocked & sig_bit(sig))) taker = t;
  });
  if (taker) wake_interruptible(taker);
}

// SIGKILL: every thread of p leaves (p->lock held).
void kill_all_locked(Process* p) {
  if (p->group_exiting) return;
  p->group_exiting = true;
  p->group_exit_status = wait_status_signaled(kSigKill, false);
  p->stopped = false;
  p->threads.for_each([](Thread* t) { wake_interruptible(t); });
  p->stop_events.wake_all();
}

// SIGCONT: drop pending stops and resume a stopped process (tree_lock, p->lock held).
// Returns true when the process was stopped.
bool continue_locked(Process* p) {
  p->shared_pending.set &= ~kStopSignals;
  p->threads.for_each([](Thread* t) { t->pending.set &= ~kStopSignals; });
  if (!p->stopped) return false;
  p->stopped = false;
  p->stop_report = kWaitStatusContinued;
  p->stop_events.wake_all();
  return true;
}

void drop_continue_locked(Process* p) {
  p->shared_pending.remove(kSigCont);
  p->threads.for_each([](Thread* t) { t->pending.remove(kSigCont); });
}

bool ignored(const KernelSigaction& act, int sig) {
  if (act.handler == kSigIgn) return true;
  if (act.handler != kSigDfl) return false;
  DefaultAction d = default_action(sig);
  return d == DefaultAction::Ignore || d == DefaultAction::Continue;
}

}  // namespace

DefaultAction default_action(int sig) {
  switch (sig) {
    case kSigChld: case kSigUrg: case kSigWinch:
      return DefaultAction::Ignore;
    case kSigCont:
      return DefaultAction::Continue;
    case kSigStop: case kSigTstp: case kSigTtin: case kSigTtou:
      return DefaultAction::Stop;
    case kSigQuit: case kSigIll: case kSigTrap: case kSigAbrt: case kSigBus: case kSigFpe:
    case kSigSegv: case kSigXcpu: case kSigXfsz: case kSigSys:
      return DefaultAction::Core;
    default:
      return DefaultAction::Terminate;
  }
}

KernelSigaction action_of(Process* p, int sig) {
  ktl::SpinGuard guard(p->actions->lock);
  return p->actions->action[sig - 1];
}

void send_to_process_locked(Process* p, int sig, const SigRecord& info) {
  if (!p->actions) return;  // exited: nothing left to signal
  KernelSigaction act = action_of(p, sig);
  bool continued = false;
  {
    ktl::SpinGuard guard(p->lock);
    if (p->group_exiting || p->live_threads == 0) return;
    if (sig == kSigKill) return kill_all_locked(p);
    if (kStopSignals & sig_bit(sig)) drop_continue_locked(p);
    if (sig == kSigCont) continued = continue_locked(p);
    if (!ignored(act, sig)) {
      p->shared_pending.add(sig, info);
      wake_taker_locked(p, sig);
    }
  }
  if (continued) notify_parent_locked(p, kCldContinued, kSigCont);
}

void send_to_thread_locked(Thread* t, int sig, const SigRecord& info) {
  Process* p = t->process;
  if (sig == kSigKill || sig == kSigStop || sig == kSigCont || kStopSignals & sig_bit(sig))
    return send_to_process_locked(p, sig, info);  // process-wide by nature
  if (!p->actions) return;
  KernelSigaction act = action_of(p, sig);
  ktl::SpinGuard guard(p->lock);
  if (p->group_exiting || ignored(act, sig)) return;
  t->pending.add(sig, info);
  if (!(t->blocked & sig_bit(sig))) wake_interruptible(t);
}

void force_signal_current(int sig, const SigRecord& info) {
  Thread* t = current_thread();
  Process* p = t->process;
  {
    ktl::SpinGuard guard(p->actions->lock);
    KernelSigaction& act = p->actions->action[sig - 1];
    if (act.handler == kSigIgn || (t->blocked & sig_bit(sig))) act.handler = kSigDfl;
  }
  t->blocked &= ~sig_bit(sig);
  ktl::SpinGuard tree(tree_lock);
  ktl::SpinGuard guard(p->lock);
  t->pending.add(sig, info);
}

bool has_deliverable_signal(Thread* t) {
  Process* p = t->process;
  ktl::SpinGuard guard(p->lock);
  if (p->group_exiting || p->stopped || (p->exec_survivor && p->exec_survivor != t)) return true;
  return ((t->pending.set | p->shared_pending.set) & ~t->blocked) != 0;
}

void notify_parent_locked(Process* p, int code, int status) {
  Process* parent = p->parent;
  if (!parent) return;
  int sig = code == kCldExited || code == kCldKilled || code == kCldDumped ? p->exit_signal
                                                                             : kSigChld;
  bool stop_event = code == kCldStopped || code == kCldContinued;
  if (sig && parent->actions) {
    KernelSigaction act = action_of(parent, kSigChld);
    if (!(stop_event && (act.flags & kSaNoCldStop))) {
      SigRecord info{code, p->pid, p->creds.uid, status, 0};
      send_to_process_locked(parent, sig, info);
    }
  }
  parent->child_events.wake_all();
}

}  // namespace proc
