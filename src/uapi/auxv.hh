// uapi/auxv.hh - the auxiliary vector's keys (what execve leaves above envp).
#pragma once

namespace uapi {

inline constexpr unsigned long kAtNull = 0, kAtIgnore = 1, kAtPhdr = 3, kAtPhent = 4,
                               kAtPhnum = 5, kAtPagesz = 6, kAtBase = 7, kAtFlags = 8,
                               kAtEntry = 9, kAtUid = 11, kAtEuid = 12, kAtGid = 13,
                               kAtEgid = 14, kAtPlatform = 15, kAtHwcap = 16, kAtClktck = 17,
                               kAtSecure = 23, kAtRandom = 25, kAtHwcap2 = 26, kAtExecfn = 31,
                               kAtMinsigstksz = 51;

}  // namespace uapi
