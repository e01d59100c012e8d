// arch/user_abi.hh (aarch64) - the Linux user ABI facts src/ needs (contract/user_abi.hh).
#pragma once

#include <contract/user_abi.hh>
#include <stdint.h>

#include "uapi/fcntl.hh"
#include "uapi/stat.hh"

namespace arch {

// System call numbers: include/uapi/asm-generic/unistd.h; clone(flags, sp, ptid, tls,
// ctid) (CONFIG_CLONE_BACKWARDS order, as musl's aarch64 __clone passes them).
inline constexpr contract::SyscallTable kSyscallTable = contract::SyscallTable::Generic;
inline constexpr uint16_t kElfMachine = contract::kElfMachineAarch64;
inline constexpr const char* kPlatform = "aarch64";
inline constexpr uint64_t kHwcap = 0;

// The signal return trampoline the kernel maps into every process (proc/program.hh) for
// handlers installed without SA_RESTORER - glibc on arm64 relies on the vDSO's
// __kernel_rt_sigreturn for that: `mov x8, #139 (rt_sigreturn); svc #0`.
inline constexpr uint8_t kSigreturnCode[] = {0x68, 0x11, 0x80, 0xd2, 0x01, 0x00, 0x00, 0xd4};

using Stat = uapi::StatGeneric;
inline constexpr uapi::OpenFlagAbi kOpenFlags = uapi::kOpenFlagsArm64;

}  // namespace arch
