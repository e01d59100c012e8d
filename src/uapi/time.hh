// uapi/time.hh - struct timespec and clock ids (64-bit time on both architectures).
#pragma once

#include <stdint.h>

namespace uapi {

struct Timespec {
  int64_t sec;
  int64_t nsec;
};

inline constexpr int kClockRealtime = 0, kClockMonotonic = 1, kClockProcessCputime = 2,
                     kClockThreadCputime = 3, kClockMonotonicRaw = 4, kClockRealtimeCoarse = 5,
                     kClockMonotonicCoarse = 6, kClockBoottime = 7;
inline constexpr int kTimerAbstime = 1;
inline constexpr int64_t kNsPerSec = 1000000000;

}  // namespace uapi
