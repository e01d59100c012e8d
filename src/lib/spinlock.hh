// lib/spinlock.hh - ticket spinlocks and the RAII guard that owns the interrupt state.
//
// A ticket lock hands the lock out in arrival order, so no CPU starves. Taking a
// SpinLock through SpinGuard disables interrupts first and restores the previous state
// on release: an interrupt handler that takes the same lock on the same CPU cannot then
// deadlock against the code it interrupted. Locks carry a name for reports.
#pragma once

#include <arch/cpu.hh>
#include <stdint.h>

#include "lib/atomic.hh"

namespace ktl {

class SpinLock {
 public:
  explicit constexpr SpinLock(const char* name) : name_(name) {}
  SpinLock(const SpinLock&) = delete;
  SpinLock& operator=(const SpinLock&) = delete;

  // Caller has interrupts disabled (use SpinGuard).
  void lock() {
    uint32_t ticket = next_.fetch_add(1, Order::Relaxed);
    while (serving_.load(Order::Acquire) != ticket) arch::Cpu::relax();
  }
  void unlock() { serving_.store(serving_.load(Order::Relaxed) + 1, Order::Release); }
  bool is_locked() const { return next_.load(Order::Relaxed) != serving_.load(Order::Relaxed); }
  const char* name() const { return name_; }

 private:
  Atomic<uint32_t> next_{0};     // next ticket to hand out
  Atomic<uint32_t> serving_{0};  // ticket now allowed in
  const char* name_;
};

class [[nodiscard]] SpinGuard {
 public:
  explicit SpinGuard(SpinLock& lock) : lock_(lock), flags_(arch::Cpu::irq_save()) { lock_.lock(); }
  ~SpinGuard() {
    lock_.unlock();
    arch::Cpu::irq_restore(flags_);
  }
  SpinGuard(const SpinGuard&) = delete;
  SpinGuard& operator=(const SpinGuard&) = delete;

 private:
  SpinLock& lock_;
  uintptr_t flags_;
};

}  // namespace ktl
