// uapi/mman.hh - mmap/mprotect/madvise constants (generic values, x86_64 agrees).
#pragma once

namespace uapi {

inline constexpr int kProtNone = 0, kProtRead = 1, kProtWrite = 2, kProtExec = 4;
inline constexpr int kProtGrowsDown = 0x01000000, kProtGrowsUp = 0x02000000;

inline constexpr int kMapShared = 0x01, kMapPrivate = 0x02, kMapSharedValidate = 0x03,
                     kMapType = 0x0f, kMapFixed = 0x10, kMapAnonymous = 0x20,
                     kMapGrowsDown = 0x100, kMapDenyWrite = 0x800, kMapExecutable = 0x1000,
                     kMapLocked = 0x2000, kMapNoReserve = 0x4000, kMapPopulate = 0x8000,
                     kMapNonBlock = 0x10000, kMapStack = 0x20000, kMapHugeTlb = 0x40000,
                     kMapFixedNoReplace = 0x100000;

inline constexpr int kMremapMayMove = 1, kMremapFixed = 2, kMremapDontUnmap = 4;
inline constexpr int kMsAsync = 1, kMsInvalidate = 2, kMsSync = 4;

inline constexpr int kMadvNormal = 0, kMadvRandom = 1, kMadvSequential = 2, kMadvWillNeed = 3,
                     kMadvDontNeed = 4, kMadvFree = 8;

}  // namespace uapi
