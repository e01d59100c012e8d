// mm/lock_policy.hh - which lock the allocators take: a template parameter.
//
// The page allocator and the kernel heap are used by the kernel (many CPUs, real spin
// locks) and by the host unit tests (one thread, and no <arch/...> headers, which
// ktl::SpinLock needs). So the classes that own shared state take their lock type as a
// template parameter: the kernel instantiates them with ktl::SpinLock (mm/physical.cc),
// the tests with NoLock. No virtual calls, and the kernel gets the real lock, with
// whatever checking lib/spinlock.hh grows later.
//
// The allocators only call lock() and unlock(): callers already have interrupts off
// (they pinned themselves to a CPU to use its per-CPU cache), so an interrupt handler
// cannot come in and deadlock on a lock its CPU holds.
#pragma once

#include "mm/debug.hh"

namespace mm {

template <class L>
concept Lockable = requires(L& lock) {
  lock.lock();
  lock.unlock();
};

// Holds `lock` for its own lifetime.
template <Lockable L>
class [[nodiscard]] LockHolder {
 public:
  explicit LockHolder(L& lock) : lock_(lock) { lock_.lock(); }
  ~LockHolder() { lock_.unlock(); }
  LockHolder(const LockHolder&) = delete;
  LockHolder& operator=(const LockHolder&) = delete;

 private:
  L& lock_;
};

// The host tests' lock: one thread, so nothing to exclude, but taking it twice (which
// would deadlock a spin lock) is reported.
class NoLock {
 public:
  explicit constexpr NoLock(const char* name) : name_(name) {}
  void lock() {
    if (held_) report_bug("lock %s taken twice", name_);
    held_ = true;
  }
  void unlock() { held_ = false; }
  bool is_locked() const { return held_; }

 private:
  const char* name_;
  bool held_ = false;
};

}  // namespace mm
