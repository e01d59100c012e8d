// uapi/fcntl.hh - file flags, modes and *at() constants as Linux user space sees them.
//
// Almost all of these are identical on x86_64 and arm64. The exception is four open(2)
// flags that arm64 renumbers (O_DIRECTORY, O_NOFOLLOW, O_DIRECT, O_LARGEFILE): the
// kernel keeps one internal numbering (the asm-generic one, which x86_64 uses) and the
// system call layer translates with the OpenFlagAbi of the running architecture
// (fs::open_flags_from_user). Everything else below is used unchanged.
// User programs (C++) may include this header; it uses no kernel types.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "uapi/misc.hh"  // kORdOnly/kOWrOnly/kORdWr/kOCloexec, kFDupFd..kFSetFl, kFdCloexec

namespace uapi {

// open(2) flags, internal numbering (= asm-generic = x86_64).
inline constexpr uint32_t kOAccMode = 03, kOCreat = 0100, kOExcl = 0200, kONoCtty = 0400,
                          kOTrunc = 01000, kOAppend = 02000, kONonBlock = 04000, kODsync = 010000,
                          kOAsync = 020000, kODirect = 040000, kOLargeFile = 0100000,
                          kODirectory = 0200000, kONoFollow = 0400000, kONoAtime = 01000000,
                          kOPath = 010000000, kOSync = 04010000, kOTmpFileBit = 020000000;

// The four flags whose numbers differ between the architectures' open(2).
struct OpenFlagAbi {
  uint32_t directory, nofollow, direct, largefile;
};
inline constexpr OpenFlagAbi kOpenFlagsGeneric{0200000, 0400000, 040000, 0100000};  // x86_64
inline constexpr OpenFlagAbi kOpenFlagsArm64{040000, 0100000, 0200000, 0400000};

// *at() conventions
inline constexpr int kAtFdCwd = -100;
inline constexpr uint32_t kAtSymlinkNoFollow = 0x100, kAtRemoveDir = 0x200, kAtEaccess = 0x200,
                          kAtSymlinkFollow = 0x400, kAtNoAutomount = 0x800, kAtEmptyPath = 0x1000,
                          kAtStatxSyncType = 0x6000;

// renameat2(2)
inline constexpr uint32_t kRenameNoReplace = 1, kRenameExchange = 2, kRenameWhiteout = 4;

// lseek(2)
inline constexpr int kSeekSet = 0, kSeekCur = 1, kSeekEnd = 2, kSeekData = 3, kSeekHole = 4;

// fcntl(2) beyond uapi/misc.hh
inline constexpr int kFSetPipeSz = 1031, kFGetPipeSz = 1032;

// access(2)
inline constexpr uint32_t kFOk = 0, kXOk = 1, kWOk = 2, kROk = 4;

// utimensat(2): tv_nsec values with a meaning
inline constexpr int64_t kUtimeNow = (1l << 30) - 1, kUtimeOmit = (1l << 30) - 2;

// st_mode
inline constexpr uint32_t kSIfMt = 0170000, kSIfSock = 0140000, kSIfLnk = 0120000,
                          kSIfReg = 0100000, kSIfBlk = 060000, kSIfDir = 040000, kSIfChr = 020000,
                          kSIfIfo = 010000;
inline constexpr uint32_t kSIsUid = 04000, kSIsGid = 02000, kSIsVtx = 01000, kSIxGrp = 00010,
                          kSPermMask = 07777;

// getdents64 d_type
inline constexpr uint8_t kDtUnknown = 0, kDtFifo = 1, kDtChr = 2, kDtDir = 4, kDtBlk = 6,
                         kDtReg = 8, kDtLnk = 10, kDtSock = 12;

// Limits
inline constexpr size_t kPathMax = 4096;  // including the NUL
inline constexpr size_t kNameMax = 255;
inline constexpr size_t kPipeBuf = 4096;  // writes up to this size are atomic

}  // namespace uapi
