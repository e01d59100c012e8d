// proc/wait_queue.hh - sleeping until something happens, with timeouts and signals.
//
// The pattern (Linux's prepare_to_wait) that makes lost wake-ups impossible:
//
//   for (;;) {
//     queue.prepare(self, interruptible);   // on the queue, state Sleeping
//     if (condition) break;                 // checked *after* being on the queue
//     if (WakeReason r = sleep(deadline); r != Event) { ... EINTR / ETIMEDOUT ... }
//   }
//   queue.finish(self);
//
// A waker first makes the condition true (under whatever lock guards it), then calls
// wake_one/wake_all. If that happens between prepare and sleep, the thread is already
// Runnable again and sleep() returns at once. wait_event() wraps the loop.
//
// Locking: lock_ guards waiters_ and each waiter's waiting_on; taken before Cpu::lock.
#pragma once

#include <stdint.h>

#include "lib/list.hh"
#include "lib/result.hh"
#include "lib/spinlock.hh"

namespace proc {

struct Thread;
struct WaitTag;

enum class WakeReason : uint8_t { Event, Timeout, Signal };

class WaitQueue {
 public:
  explicit WaitQueue(const char* name) : lock_(name) {}
  WaitQueue(const WaitQueue&) = delete;
  WaitQueue& operator=(const WaitQueue&) = delete;

  // Puts t (the current thread) on the queue and marks it Sleeping.
  void prepare(Thread* t, bool interruptible);
  // Takes t off the queue (if a waker has not) and marks it Running again.
  void finish(Thread* t);
  // Wakes the first / every waiter. Returns how many were woken.
  int wake_one();
  int wake_all();
  bool empty();

 private:
  ktl::SpinLock lock_;
  ktl::List<Thread, WaitTag> waiters_;  // lock_
};

// Gives up the CPU after prepare(): returns when woken, when `deadline_ns` (monotonic,
// 0 = never) passes, or (interruptible) when a signal is pending for the thread.
WakeReason sleep_prepared(uint64_t deadline_ns);

// Sleeps without a queue until deadline_ns (nanosleep). Returns Timeout, or Signal.
WakeReason sleep_until(uint64_t deadline_ns, bool interruptible);

// True when the current thread has a signal it must act on (pending and not blocked,
// or its process is exiting).
bool signal_pending_current();

// Waits on `q` until cond() holds. Errors: Intr (a signal; callers usually return a
// restart code instead), TimedOut.
template <class Cond>
ktl::Result<void> wait_event(WaitQueue& q, Thread* self, Cond cond, uint64_t deadline_ns = 0,
                             bool interruptible = true) {
  ktl::Result<void> result;
  for (;;) {
    q.prepare(self, interruptible);
    if (cond()) break;
    WakeReason r = sleep_prepared(deadline_ns);
    if (r == WakeReason::Signal) {
      result = ktl::Errno::Intr;
      break;
    }
    if (r == WakeReason::Timeout) {
      if (cond()) break;
      result = ktl::Errno::TimedOut;
      break;
    }
  }
  q.finish(self);
  return result;
}

}  // namespace proc
