// syscalls/sys_futex.cc - futex(2): WAIT, WAKE, REQUEUE, CMP_REQUEUE and the BITSET forms.
//
// FUTEX_WAIT's timeout is relative; FUTEX_WAIT_BITSET's is absolute, on CLOCK_MONOTONIC
// or, with FUTEX_CLOCK_REALTIME, on CLOCK_REALTIME. FUTEX_PRIVATE_FLAG changes nothing
// here: every futex is keyed by (address space, address) today (proc/futex.hh).
#include <arch/context.hh>

#include "proc/current.hh"
#include "proc/futex.hh"
#include "syscalls/syscall.hh"
#include "syscalls/uaccess.hh"
#include "uapi/futex.hh"
#include "uapi/time.hh"

namespace syscalls {
namespace {

// The monotonic deadline for a wait (0: none). Errors: Fault, Inval.
Result<uint64_t> deadline_of(uint64_t addr, bool absolute, bool realtime) {
  if (!addr) return uint64_t{0};
  uapi::Timespec t = TRY(uaccess::UserPtr<uapi::Timespec>(addr).read());
  if (t.sec < 0 || t.nsec < 0 || t.nsec >= uapi::kNsPerSec) return Errno::Inval;
  uint64_t ns = static_cast<uint64_t>(t.sec) * uapi::kNsPerSec + static_cast<uint64_t>(t.nsec);
  uint64_t now = arch::Timer::now_ns();
  if (!absolute) return now + ns;
  if (realtime) ns = ns > arch::Timer::boot_realtime_ns() ? ns - arch::Timer::boot_realtime_ns() : 0;
  return ns > 0 ? ns : 1;
}

}  // namespace

Result<long> sys_futex(Args& a) {
  uint64_t uaddr = a.a[0];
  int op = a.i32(1);
  uint32_t val = a.u32(2), val3 = a.u32(5);
  bool realtime = op & uapi::kFutexClockRealtime;
  mm::AddressSpace* as = proc::current_address_space();
  switch (op & uapi::kFutexCmdMask) {
    case uapi::kFutexWait: {
      uint64_t deadline = TRY(deadline_of(a.a[3], false, false));
      return proc::futex_wait(as, uaddr, val, deadline, uapi::kFutexBitsetMatchAny);
    }
    case uapi::kFutexWaitBitset: {
      uint64_t deadline = TRY(deadline_of(a.a[3], true, realtime));
      return proc::futex_wait(as, uaddr, val, deadline, val3);
    }
    case uapi::kFutexWake:
      if (uaddr % 4) return Errno::Inval;
      return proc::futex_wake(as, uaddr, static_cast<int>(val), uapi::kFutexBitsetMatchAny);
    case uapi::kFutexWakeBitset:
      if (uaddr % 4 || !val3) return Errno::Inval;
      return proc::futex_wake(as, uaddr, static_cast<int>(val), val3);
    case uapi::kFutexRequeue:
      return proc::futex_requeue(as, uaddr, static_cast<int>(val), a.a[4],
                                 static_cast<int>(a.a[3]), false, 0);
    case uapi::kFutexCmpRequeue:
      return proc::futex_requeue(as, uaddr, static_cast<int>(val), a.a[4],
                                 static_cast<int>(a.a[3]), true, val3);
    default:
      return Errno::NoSys;
  }
}

}  // namespace syscalls
