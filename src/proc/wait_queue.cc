// proc/wait_queue.cc - wait queues and timed sleeps on top of the scheduler.
#include "proc/wait_queue.hh"

#include <arch/context.hh>

#include "proc/current.hh"
#include "proc/process.hh"
#include "proc/sched.hh"
#include "proc/signal.hh"
#include "proc/thread.hh"

namespace proc {

void WaitQueue::prepare(Thread* t, bool interruptible) {
  ktl::SpinGuard guard(lock_);
  if (!static_cast<ktl::ListLink<WaitTag>*>(t)->is_linked()) {
    waiters_.push_back(t);
    t->waiting_on = this;
  }
  sched_prepare_sleep(t, interruptible);
}

void WaitQueue::finish(Thread* t) {
  {
    ktl::SpinGuard guard(lock_);
    if (static_cast<ktl::ListLink<WaitTag>*>(t)->is_linked()) waiters_.remove(t);
    t->waiting_on = nullptr;
  }
  sched_cancel_sleep(t);
}

int WaitQueue::wake_one() {
  ktl::SpinGuard guard(lock_);
  while (Thread* t = waiters_.pop_front()) {
    t->waiting_on = nullptr;
    if (wake(t)) return 1;
  }
  return 0;
}

int WaitQueue::wake_all() {
  ktl::SpinGuard guard(lock_);
  int n = 0;
  while (Thread* t = waiters_.pop_front()) {
    t->waiting_on = nullptr;
    if (wake(t)) ++n;
  }
  return n;
}

bool WaitQueue::empty() {
  ktl::SpinGuard guard(lock_);
  return waiters_.empty();
}

bool signal_pending_current() {
  Thread* t = current_thread();
  return t && t->process && has_deliverable_signal(t);
}

WakeReason sleep_prepared(uint64_t deadline_ns) {
  Thread* self = current_thread();
  if (self->interruptible && signal_pending_current()) return WakeReason::Signal;
  if (deadline_ns && arch::Timer::now_ns() >= deadline_ns) return WakeReason::Timeout;
  if (deadline_ns) sched_set_deadline(self, deadline_ns);
  schedule();
  if (sched_timed_out(self)) return WakeReason::Timeout;
  if (self->interruptible && signal_pending_current()) return WakeReason::Signal;
  return WakeReason::Event;
}

WakeReason sleep_until(uint64_t deadline_ns, bool interruptible) {
  Thread* self = current_thread();
  WakeReason r;
  for (;;) {
    sched_prepare_sleep(self, interruptible);
    r = sleep_prepared(deadline_ns);
    if (r != WakeReason::Event) break;  // a stray wake-up: sleep again
  }
  sched_cancel_sleep(self);
  return r;
}

}  // namespace proc
