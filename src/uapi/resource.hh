// uapi/resource.hh - resource limits (prlimit64), generic numbering on both archs.
#pragma once

#include <stdint.h>

namespace uapi {

struct Rlimit {
  uint64_t cur;
  uint64_t max;
};

inline constexpr int kRlimitCpu = 0, kRlimitFsize = 1, kRlimitData = 2, kRlimitStack = 3,
                     kRlimitCore = 4, kRlimitRss = 5, kRlimitNproc = 6, kRlimitNofile = 7,
                     kRlimitMemlock = 8, kRlimitAs = 9, kRlimitLocks = 10,
                     kRlimitSigpending = 11, kRlimitMsgqueue = 12, kRlimitNice = 13,
                     kRlimitRtprio = 14, kRlimitRttime = 15;
inline constexpr int kRlimitCount = 16;
inline constexpr uint64_t kRlimInfinity = ~uint64_t{0};

}  // namespace uapi
