// fs/hooks.hh - what the file layer needs from the process layer, as an interface.
//
// Pipes and terminals put readers and writers to sleep, a tty sends SIGINT to a process
// group, a write to a broken pipe sends SIGPIPE, and timestamps need the clock. Those
// belong to src/proc and the arch timer, which the host unit tests do not have; so fs
// calls them through one table of functions that the kernel installs at boot
// (install_hooks) and the tests replace with fakes. Until something is installed the
// defaults behave like a machine with no other threads: waits fail at once with EAGAIN,
// signals go nowhere, and the clock reads zero.
//
// Sleeping uses WaitChannel, a wait queue owned by the process layer behind a pointer.
// The contract of wait(): the caller's `ready(ctx)` is evaluated after the thread is on
// the queue (so a wake-up between the check and the sleep is never lost) and must take
// whatever lock guards the condition itself; wait() returns when ready() holds, or with
// TimedOut at `deadline_ns` (monotonic, 0 = none), or with the error the process layer
// uses for "interrupted by a signal" (a restart code in the kernel), which fs passes back
// unchanged. A waker changes the condition under its lock, then calls wake_all().
#pragma once

#include <stdint.h>

#include "lib/result.hh"
#include "uapi/time.hh"

namespace fs {

using ktl::Errno;
using ktl::Result;

struct ProcessHooks {
  // A new wait queue; nullptr when out of memory. queue_delete frees an empty one.
  void* (*queue_new)(const char* name);
  void (*queue_delete)(void* queue);
  // Sleeps the current thread on `queue` until ready(ctx) (see above).
  Result<void> (*wait)(void* queue, bool (*ready)(void* ctx), void* ctx, uint64_t deadline_ns);
  void (*wake_all)(void* queue);

  // Signals: to the calling thread (SIGPIPE), to a process group (^C, SIGTTIN).
  void (*signal_current)(int sig);
  void (*signal_group)(int pgid, int sig);
  // TIOCSPGRP: may the foreground group become `pgid`, for a caller of session `sid`?
  // Errors: Srch (no such group), Perm (the group is in another session).
  Result<void> (*check_group_in_session)(int pgid, int sid);
  // True when `sig` would be ignored or blocked by the calling thread (job control:
  // a background read of the terminal then fails with EIO instead of stopping).
  bool (*signal_ignored_or_blocked)(int sig);

  // Clocks: monotonic nanoseconds (deadlines) and the wall clock (file times).
  uint64_t (*monotonic_ns)();
  uapi::Timespec (*realtime)();

  // What a call returns after it sent the caller a stopping signal and must be redone
  // (a background read of the terminal): the kernel's restart code, EINTR by default.
  Errno interrupted;
};

// The table in use (the defaults until install_hooks).
const ProcessHooks& hooks();
// Installs `h` (kept by pointer, so it must live forever). Returns the previous table.
const ProcessHooks* install_hooks(const ProcessHooks* h);

// A wait queue owned by a pipe, a tty or a poll caller. Moves nothing; the queue is
// created by init() (Errors: NoMem) and freed by the destructor.
class WaitChannel {
 public:
  WaitChannel() = default;
  ~WaitChannel();
  WaitChannel(const WaitChannel&) = delete;
  WaitChannel& operator=(const WaitChannel&) = delete;

  Result<void> init(const char* name);
  // Sleeps until ready(ctx); see the file comment for the protocol and errors.
  Result<void> wait(bool (*ready)(void*), void* ctx, uint64_t deadline_ns = 0);
  // Same, with any callable (a lambda capturing what it checks).
  template <class Fn>
  Result<void> wait_until(Fn& ready, uint64_t deadline_ns = 0) {
    return wait([](void* f) { return (*static_cast<Fn*>(f))(); }, &ready, deadline_ns);
  }
  // Wakes every sleeper here, and every poll() caller (they recheck their files).
  void wake_all();

 private:
  void* queue_ = nullptr;
};

// poll()/select() sleep on one channel of their own, which every WaitChannel::wake_all
// also wakes (fs/poll.cc): a teaching simplification of Linux's per-file poll tables.
// poll_init makes it (at boot; Errors: NoMem); poll_notify is what wake_all calls.
Result<void> poll_init();
void poll_notify(WaitChannel* woken);

}  // namespace fs
