// uapi/sched.hh - clone() flags (identical on x86_64 and arm64).
#pragma once

#include <stdint.h>

namespace uapi {

inline constexpr uint64_t kCsignal = 0xff;  // the signal sent to the parent at exit
inline constexpr uint64_t kCloneVm = 0x100, kCloneFs = 0x200, kCloneFiles = 0x400,
                          kCloneSighand = 0x800, kClonePidfd = 0x1000, kClonePtrace = 0x2000,
                          kCloneVfork = 0x4000, kCloneParent = 0x8000, kCloneThread = 0x10000,
                          kCloneNewNs = 0x20000, kCloneSysvsem = 0x40000,
                          kCloneSettls = 0x80000, kCloneParentSettid = 0x100000,
                          kCloneChildCleartid = 0x200000, kCloneDetached = 0x400000,
                          kCloneUntraced = 0x800000, kCloneChildSettid = 0x1000000;

}  // namespace uapi
