// uapi/futex.hh - futex operations.
#pragma once

namespace uapi {

inline constexpr int kFutexWait = 0, kFutexWake = 1, kFutexRequeue = 3, kFutexCmpRequeue = 4,
                     kFutexWaitBitset = 9, kFutexWakeBitset = 10;
inline constexpr int kFutexPrivateFlag = 128, kFutexClockRealtime = 256;
inline constexpr int kFutexCmdMask = ~(kFutexPrivateFlag | kFutexClockRealtime);
inline constexpr unsigned kFutexBitsetMatchAny = 0xffffffffu;

}  // namespace uapi
