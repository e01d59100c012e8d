// proc/signal_state.hh - the data that signals live in: pending sets and dispositions.
//
// A pending signal is a bit in a 64-bit set plus a compact record of where it came from
// (the parts of siginfo that the kernel fills), one per signal number: a standard signal
// sent twice before delivery is delivered once, as POSIX allows. Each thread has its own
// pending set (tgkill, faults) and the process has a shared one (kill). Dispositions
// (sigaction) belong to a SignalActions table that CLONE_SIGHAND shares between processes
// and that every thread of a process shares.
#pragma once

#include <stdint.h>

#include "lib/atomic.hh"
#include "lib/spinlock.hh"
#include "uapi/signal.hh"

namespace proc {

// The siginfo fields a sender fills in (uapi::SigInfo is built from it at delivery).
struct SigRecord {
  int32_t code = 0;
  int32_t pid = 0;
  uint32_t uid = 0;
  int32_t status = 0;  // SIGCHLD: exit code or signal
  uint64_t addr = 0;   // faults: si_addr
};

struct PendingSignals {
  uapi::SigSet set = 0;
  SigRecord info[uapi::kNumSignals];

  void add(int sig, const SigRecord& r) {
    if (!(set & uapi::sig_bit(sig))) info[sig - 1] = r;
    set |= uapi::sig_bit(sig);
  }
  void remove(int sig) { set &= ~uapi::sig_bit(sig); }
};

struct SignalActions {
  ktl::Atomic<int> refs{1};
  ktl::SpinLock lock{"sigactions"};
  uapi::KernelSigaction action[uapi::kNumSignals] = {};  // lock; index sig - 1

  void put() {
    if (refs.fetch_sub(1) == 1) delete this;
  }
};

// Signals that can be neither caught, blocked nor ignored.
inline constexpr uapi::SigSet kUnblockable =
    uapi::sig_bit(uapi::kSigKill) | uapi::sig_bit(uapi::kSigStop);

}  // namespace proc
