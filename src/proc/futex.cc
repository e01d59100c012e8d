// proc/futex.cc - futex wait queues, hashed by address.
//
// Waiters are FutexWaiter records on the sleeping thread's stack, linked into one of
// kBuckets hash buckets. FUTEX_WAIT reads the user word with the bucket lock held and
// queues itself before releasing it; FUTEX_WAKE takes the same lock, so a waker that
// changed the word before waking either sees the waiter queued or the waiter sees the
// new value. A requeued waiter moves to another bucket; `bucket` tells it where it is.
#include "proc/futex.hh"

#include "lib/list.hh"
#include "lib/spinlock.hh"
#include "proc/current.hh"
#include "proc/restart.hh"
#include "proc/sched.hh"
#include "proc/thread.hh"
#include "proc/wait_queue.hh"
#include "syscalls/uaccess.hh"

namespace proc {
namespace {

constexpr unsigned kBuckets = 64;

struct Bucket;

struct FutexWaiter : ktl::ListLink<> {
  Thread* thread = nullptr;
  mm::AddressSpace* as = nullptr;
  uint64_t uaddr = 0;
  uint32_t bitset = 0;
  Bucket* bucket = nullptr;  // guarded by the lock of the bucket it names
  bool woken = false;        // same
};

struct Bucket {
  ktl::SpinLock lock{"futex bucket"};
  ktl::List<FutexWaiter> waiters;  // lock
};

Bucket buckets[kBuckets];

Bucket& bucket_of(mm::AddressSpace* as, uint64_t uaddr) {
  uint64_t h = (uaddr >> 2) ^ (reinterpret_cast<uintptr_t>(as) >> 4);
  h ^= h >> 17;
  return buckets[(h * 0x9e3779b97f4a7c15ull) >> 58];
}

// Wakes up to n matching waiters of b (b.lock held). Returns how many.
int wake_locked(Bucket& b, mm::AddressSpace* as, uint64_t uaddr, int n, uint32_t bitset) {
  int woken = 0;
  b.waiters.for_each([&](FutexWaiter* w) {
    if (woken >= n || w->as != as || w->uaddr != uaddr || !(w->bitset & bitset)) return;
    b.waiters.remove(w);
    w->woken = true;
    wake(w->thread);
    ++woken;
  });
  return woken;
}

// Takes w off whatever bucket it is on now (requeue may have moved it).
void unqueue(FutexWaiter& w) {
  for (;;) {
    Bucket* b = w.bucket;
    ktl::SpinGuard guard(b->lock);
    if (w.bucket != b) continue;
    if (w.is_linked()) b->waiters.remove(&w);
    return;
  }
}

}  // namespace

ktl::Result<long> futex_wait(mm::AddressSpace* as, uint64_t uaddr, uint32_t expected,
                             uint64_t deadline_ns, uint32_t bitset) {
  if (uaddr % 4 || !bitset) return ktl::Errno::Inval;
  Thread* self = current_thread();
  FutexWaiter w;
  w.thread = self;
  w.as = as;
  w.uaddr = uaddr;
  w.bitset = bitset;
  w.bucket = &bucket_of(as, uaddr);
  {
    ktl::SpinGuard guard(w.bucket->lock);
    uint32_t value;
    TRY(uaccess::copy_from_user(&value, uaddr, sizeof value));
    if (value != expected) return ktl::Errno::Again;
    w.bucket->waiters.push_back(&w);
    sched_prepare_sleep(self, true);
  }
  WakeReason r = sleep_prepared(deadline_ns);
  unqueue(w);
  sched_cancel_sleep(self);
  if (w.woken) return 0;
  if (r == WakeReason::Timeout) return ktl::Errno::TimedOut;
  if (r == WakeReason::Signal) return deadline_ns ? ktl::Errno::Intr : kRestartSys;
  return 0;  // a spurious wake-up: futex callers re-check their word
}

long futex_wake(mm::AddressSpace* as, uint64_t uaddr, int n, uint32_t bitset) {
  if (n <= 0) return 0;
  Bucket& b = bucket_of(as, uaddr);
  ktl::SpinGuard guard(b.lock);
  return wake_locked(b, as, uaddr, n, bitset);
}

ktl::Result<long> futex_requeue(mm::AddressSpace* as, uint64_t uaddr, int n, uint64_t uaddr2,
                                int requeue, bool check, uint32_t expected) {
  if (uaddr % 4 || uaddr2 % 4 || n < 0 || requeue < 0) return ktl::Errno::Inval;
  Bucket& from = bucket_of(as, uaddr);
  Bucket& to = bucket_of(as, uaddr2);
  Bucket* first = &from < &to ? &from : &to;
  Bucket* second = &from < &to ? &to : &from;
  ktl::SpinGuard g1(first->lock);
  if (second != first) second->lock.lock();
  long result = 0;
  uint32_t value = expected;
  if (check && uaccess::copy_from_user(&value, uaddr, sizeof value).is_error())
    result = -static_cast<long>(ktl::Errno::Fault);
  else if (check && value != expected)
    result = -static_cast<long>(ktl::Errno::Again);
  else {
    result = wake_locked(from, as, uaddr, n, ~0u);
    int moved = 0;
    from.waiters.for_each([&](FutexWaiter* w) {
      if (moved >= requeue || w->as != as || w->uaddr != uaddr) return;
      from.waiters.remove(w);
      w->uaddr = uaddr2;
      w->bucket = &to;
      to.waiters.push_back(w);
      ++moved;
    });
    result += moved;
  }
  if (second != first) second->lock.unlock();
  if (result < 0) return static_cast<ktl::Errno>(-result);
  return result;
}

}  // namespace proc
