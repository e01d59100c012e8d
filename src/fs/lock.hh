// fs/lock.hh - the lock the file system layer takes, in the kernel and in host tests.
//
// The VFS, ramfs, pipes and the tty are plain C++ that the host unit tests run too, but
// ktl::SpinLock reaches the CPU through <arch/cpu.hh>, which the host build does not have.
// So fs code names its lock fs::Lock and its guard fs::Guard: in the kernel these are the
// real ticket lock and the guard that saves and restores the interrupt state; on the host
// (one thread) a flag that traps when a lock is taken twice, which is the self-deadlock a
// spin lock would turn into a hang. The choice tests for the arch include path, never for
// an architecture (the same idea as proc/user_mode_ready.hh).
//
// fs locks are never held across a sleep, a copy to or from user memory, or a call into
// another subsystem that may take them again; the lock order is in docs/files.md.
#pragma once

#if __has_include(<arch/cpu.hh>)
#include "lib/spinlock.hh"

namespace fs {
using Lock = ktl::SpinLock;
using Guard = ktl::SpinGuard;
}  // namespace fs

#else

namespace fs {

class Lock {
 public:
  explicit constexpr Lock(const char* name) : name_(name) {}
  Lock(const Lock&) = delete;
  Lock& operator=(const Lock&) = delete;
  void lock() {
    if (held_) __builtin_trap();  // would deadlock in the kernel
    held_ = true;
  }
  void unlock() { held_ = false; }
  bool is_locked() const { return held_; }
  const char* name() const { return name_; }

 private:
  const char* name_;
  bool held_ = false;
};

class [[nodiscard]] Guard {
 public:
  explicit Guard(Lock& lock) : lock_(lock) { lock_.lock(); }
  ~Guard() { lock_.unlock(); }
  Guard(const Guard&) = delete;
  Guard& operator=(const Guard&) = delete;

 private:
  Lock& lock_;
};

}  // namespace fs

#endif
