// lib/atomic.hh - a thin typed wrapper over GCC's __atomic builtins.
//
// The kernel does not use <atomic> (it wants nothing from libstdc++ beyond headers that
// are pure templates). Orders are explicit at every call site so a reader sees them.
#pragma once

namespace ktl {

enum class Order : int {
  Relaxed = __ATOMIC_RELAXED,
  Acquire = __ATOMIC_ACQUIRE,
  Release = __ATOMIC_RELEASE,
  AcqRel = __ATOMIC_ACQ_REL,
  SeqCst = __ATOMIC_SEQ_CST,
};

template <class T>
class Atomic {
 public:
  constexpr Atomic(T v = T()) : value_(v) {}
  Atomic(const Atomic&) = delete;
  Atomic& operator=(const Atomic&) = delete;

  T load(Order o = Order::SeqCst) const { return __atomic_load_n(&value_, static_cast<int>(o)); }
  void store(T v, Order o = Order::SeqCst) { __atomic_store_n(&value_, v, static_cast<int>(o)); }
  T exchange(T v, Order o = Order::SeqCst) {
    return __atomic_exchange_n(&value_, v, static_cast<int>(o));
  }
  T fetch_add(T v, Order o = Order::SeqCst) {
    return __atomic_fetch_add(&value_, v, static_cast<int>(o));
  }
  T fetch_sub(T v, Order o = Order::SeqCst) {
    return __atomic_fetch_sub(&value_, v, static_cast<int>(o));
  }
  bool compare_exchange(T& expected, T desired, Order o = Order::SeqCst) {
    return __atomic_compare_exchange_n(&value_, &expected, desired, false, static_cast<int>(o),
                                       static_cast<int>(o == Order::Release || o == Order::AcqRel
                                                            ? Order::Acquire
                                                            : o));
  }

 private:
  T value_;
};

}  // namespace ktl
