// syscalls/sys_time.cc - clocks, sleeping and yielding.
//
// CLOCK_MONOTONIC (and MONOTONIC_RAW, BOOTTIME: the same clock, SeaOS never suspends) is
// arch::Timer::now_ns(); CLOCK_REALTIME adds the wall-clock time read at boot. The CPU-
// time clocks answer monotonic time for now (no per-thread accounting yet). Sleeps end
// at the first tick after their deadline (kTickHz), or early for a signal.
#include <arch/context.hh>

#include "proc/restart.hh"
#include "proc/sched.hh"
#include "proc/wait_queue.hh"
#include "syscalls/syscall.hh"
#include "syscalls/uaccess.hh"
#include "uapi/time.hh"

namespace syscalls {
namespace {

using uapi::Timespec;

// The clock's value now, in ns. Errors: Inval (unknown clock).
Result<uint64_t> clock_now(int clock) {
  uint64_t mono = arch::Timer::now_ns();
  switch (clock) {
    case uapi::kClockRealtime:
    case uapi::kClockRealtimeCoarse:
      return arch::Timer::boot_realtime_ns() + mono;
    case uapi::kClockMonotonic:
    case uapi::kClockMonotonicRaw:
    case uapi::kClockMonotonicCoarse:
    case uapi::kClockBoottime:
    case uapi::kClockProcessCputime:
    case uapi::kClockThreadCputime:
      return mono;
    default:
      return Errno::Inval;
  }
}

Timespec to_timespec(uint64_t ns) {
  return Timespec{static_cast<int64_t>(ns / uapi::kNsPerSec),
                  static_cast<int64_t>(ns % uapi::kNsPerSec)};
}

Result<uint64_t> read_duration(uint64_t addr) {
  Timespec t = TRY(uaccess::UserPtr<Timespec>(addr).read());
  if (t.sec < 0 || t.nsec < 0 || t.nsec >= uapi::kNsPerSec) return Errno::Inval;
  uint64_t limit = ~uint64_t{0} / 4 / uapi::kNsPerSec;
  uint64_t sec = static_cast<uint64_t>(t.sec) < limit ? static_cast<uint64_t>(t.sec) : limit;
  return sec * uapi::kNsPerSec + static_cast<uint64_t>(t.nsec);
}

// Sleeps until the monotonic `deadline`; on a signal stores what is left in `rem`.
Result<long> sleep_to(uint64_t deadline, uint64_t rem) {
  if (proc::sleep_until(deadline, true) == proc::WakeReason::Timeout) return 0;
  if (rem) {
    uint64_t now = arch::Timer::now_ns();
    TRY(uaccess::UserPtr<Timespec>(rem).write(to_timespec(deadline > now ? deadline - now : 0)));
  }
  return proc::kRestartNoHand;
}

}  // namespace

Result<long> sys_clock_gettime(Args& a) {
  uint64_t ns = TRY(clock_now(a.i32(0)));
  TRY(uaccess::UserPtr<Timespec>(a.a[1]).write(to_timespec(ns)));
  return 0;
}

Result<long> sys_clock_getres(Args& a) {
  int clock = a.i32(0);
  TRY(clock_now(clock));
  bool coarse = clock == uapi::kClockRealtimeCoarse || clock == uapi::kClockMonotonicCoarse;
  if (a.a[1])
    TRY(uaccess::UserPtr<Timespec>(a.a[1]).write(
        to_timespec(coarse ? uapi::kNsPerSec / proc::kTickHz : 1)));
  return 0;
}

Result<long> sys_gettimeofday(Args& a) {
  uint64_t ns = TRY(clock_now(uapi::kClockRealtime));
  struct {
    int64_t sec, usec;
  } tv{static_cast<int64_t>(ns / uapi::kNsPerSec),
       static_cast<int64_t>(ns % uapi::kNsPerSec / 1000)};
  if (a.a[0]) TRY(uaccess::copy_to_user(a.a[0], &tv, sizeof tv));
  if (a.a[1]) {
    int32_t tz[2] = {0, 0};
    TRY(uaccess::copy_to_user(a.a[1], tz, sizeof tz));
  }
  return 0;
}

Result<long> sys_nanosleep(Args& a) {
  uint64_t duration = TRY(read_duration(a.a[0]));
  return sleep_to(arch::Timer::now_ns() + duration, a.a[1]);
}

Result<long> sys_clock_nanosleep(Args& a) {
  int clock = a.i32(0);
  if (clock == uapi::kClockThreadCputime) return Errno::Inval;
  TRY(clock_now(clock));
  uint64_t t = TRY(read_duration(a.a[2]));
  uint64_t now = arch::Timer::now_ns();
  if (a.i32(1) & uapi::kTimerAbstime) {
    uint64_t offset = (clock == uapi::kClockRealtime || clock == uapi::kClockRealtimeCoarse)
                          ? arch::Timer::boot_realtime_ns() : 0;
    uint64_t deadline = t > offset ? t - offset : 0;
    return sleep_to(deadline > now ? deadline : now, 0);
  }
  return sleep_to(now + t, a.a[3]);
}

Result<long> sys_sched_yield(Args&) {
  proc::schedule();
  return 0;
}

}  // namespace syscalls
