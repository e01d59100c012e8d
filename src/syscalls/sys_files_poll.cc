// syscalls/sys_files_poll.cc - poll, ppoll, select, pselect6.
//
// fs/poll.cc does the waiting; here are the user structures and the two timeouts
// (milliseconds for poll, a timespec for ppoll/pselect6, a timeval for select) and the
// signal mask of ppoll/pselect6. That mask is installed for the wait only, the way
// rt_sigsuspend does it: if a signal interrupts the wait, its handler runs with the
// temporary mask and the old one comes back after it (restore_saved_blocked); otherwise
// the old mask is restored before returning. Like Linux, an interrupted poll or select
// is restarted when no handler runs and fails with EINTR when one does, SA_RESTART or not.
#include "mm/mm.hh"
#include "proc/current.hh"
#include "proc/restart.hh"
#include "proc/signal_state.hh"
#include "proc/thread.hh"
#include "syscalls/files.hh"
#include "syscalls/uaccess.hh"
#include "uapi/poll.hh"
#include "uapi/signal.hh"
#include "uapi/time.hh"

namespace syscalls {
namespace {

constexpr uint64_t kSigSetSize = 8;

Result<long> interrupted_no_restart(Result<long> r) {
  if (r.is_error() && proc::is_restart_code(static_cast<long>(r.error())))
    return proc::kRestartNoHand;
  return r;
}

// A user timespec as nanoseconds; null means forever (-1). Errors: Fault, Inval.
Result<int64_t> timeout_from_timespec(uint64_t user) {
  if (!user) return int64_t{-1};
  uapi::Timespec ts = TRY(uaccess::UserPtr<uapi::Timespec>(user).read());
  if (ts.sec < 0 || ts.nsec < 0 || ts.nsec >= uapi::kNsPerSec) return Errno::Inval;
  if (ts.sec > INT64_MAX / uapi::kNsPerSec - 1) return int64_t{-1};
  return ts.sec * uapi::kNsPerSec + ts.nsec;
}

// Runs wait() with `user_mask` (if any) as the thread's signal mask; see the file comment.
template <class Wait>
Result<long> with_sigmask(uint64_t user_mask, uint64_t size, Wait wait) {
  if (!user_mask) return interrupted_no_restart(wait());
  if (size != kSigSetSize) return Errno::Inval;
  uapi::SigSet mask = TRY(uaccess::UserPtr<uapi::SigSet>(user_mask).read());
  proc::Thread* t = proc::current_thread();
  uapi::SigSet old = t->blocked;
  t->blocked = mask & ~proc::kUnblockable;
  Result<long> r = interrupted_no_restart(wait());
  if (r.is_error() && proc::is_restart_code(static_cast<long>(r.error()))) {
    t->saved_blocked = old;
    t->restore_saved_blocked = true;
  } else {
    t->blocked = old;
  }
  return r;
}

Result<long> poll(uint64_t ufds, uint64_t nfds, int64_t timeout_ns, uint64_t umask,
                  uint64_t masksize) {
  fs::Caller c = caller();
  if (nfds > c.nofile_limit) return Errno::Inval;
  size_t bytes = (nfds ? nfds : 1) * sizeof(uapi::PollFd);
  auto* fds = static_cast<uapi::PollFd*>(TRY(mm::kmalloc(bytes)));
  Result<long> r = uaccess::copy_from_user(fds, ufds, nfds * sizeof(uapi::PollFd)).is_ok()
                       ? with_sigmask(umask, masksize,
                                      [&] { return fs::do_poll(c, fds, nfds, timeout_ns); })
                       : Result<long>(Errno::Fault);
  if (r.is_ok()) {
    // Only revents changes; copy the whole array back as Linux does.
    if (auto w = uaccess::copy_to_user(ufds, fds, nfds * sizeof(uapi::PollFd)); w.is_error())
      r = w.error();
  }
  mm::kfree(fds);
  return r;
}

Result<long> select(int nfds, const uint64_t user_sets[3], int64_t timeout_ns, uint64_t umask,
                    uint64_t masksize) {
  if (nfds < 0) return Errno::Inval;
  if (nfds > uapi::kFdSetSize) nfds = uapi::kFdSetSize;
  size_t bytes = (static_cast<size_t>(nfds) + 63) / 64 * 8;
  uapi::FdSet sets[3] = {};
  uapi::FdSet* ptrs[3] = {};
  for (int k = 0; k < 3; ++k) {
    if (!user_sets[k]) continue;
    TRY(uaccess::copy_from_user(sets[k].bits, user_sets[k], bytes));
    ptrs[k] = &sets[k];
  }
  fs::Caller c = caller();
  long n = TRY(with_sigmask(umask, masksize, [&] {
    return fs::do_select(c, nfds, ptrs[0], ptrs[1], ptrs[2], timeout_ns);
  }));
  for (int k = 0; k < 3; ++k)
    if (user_sets[k]) TRY(uaccess::copy_to_user(user_sets[k], sets[k].bits, bytes));
  return n;
}

}  // namespace

Result<long> sys_poll(Args& a) {
  int timeout_ms = a.i32(2);
  int64_t ns = timeout_ms < 0 ? -1 : int64_t{timeout_ms} * 1000000;
  return poll(a.a[0], a.a[1], ns, 0, 0);
}

Result<long> sys_ppoll(Args& a) {
  int64_t ns = TRY(timeout_from_timespec(a.a[2]));
  return poll(a.a[0], a.a[1], ns, a.a[3], a.a[4]);
}

// The timeval is not updated with the time left (Linux does; portable code may not rely
// on it).
Result<long> sys_select(Args& a) {
  int64_t ns = -1;
  if (a.a[4]) {
    struct {
      int64_t sec, usec;
    } tv;
    TRY(uaccess::copy_from_user(&tv, a.a[4], sizeof tv));
    if (tv.sec < 0 || tv.usec < 0 || tv.usec >= 1000000) return Errno::Inval;
    ns = tv.sec * uapi::kNsPerSec + tv.usec * 1000;
  }
  const uint64_t sets[3] = {a.a[1], a.a[2], a.a[3]};
  return select(a.i32(0), sets, ns, 0, 0);
}

// The sixth argument points at {const sigset_t* mask; size_t size}.
Result<long> sys_pselect6(Args& a) {
  int64_t ns = TRY(timeout_from_timespec(a.a[4]));
  uint64_t sig[2] = {0, 0};
  if (a.a[5]) TRY(uaccess::copy_from_user(sig, a.a[5], sizeof sig));
  const uint64_t sets[3] = {a.a[1], a.a[2], a.a[3]};
  return select(a.i32(0), sets, ns, sig[0], sig[1]);
}

}  // namespace syscalls
