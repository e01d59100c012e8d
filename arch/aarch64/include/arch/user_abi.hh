// arch/user_abi.hh (aarch64) - the Linux user ABI facts src/ needs (contract/user_abi.hh).
#pragma once

#include <contract/user_abi.hh>
#include <stdint.h>

namespace arch {

// System call numbers: include/uapi/asm-generic/unistd.h; clone(flags, sp, ptid, tls,
// ctid) (CONFIG_CLONE_BACKWARDS order, as musl's aarch64 __clone passes them).
inline constexpr contract::SyscallTable kSyscallTable = contract::SyscallTable::Generic;
inline constexpr uint16_t kElfMachine = contract::kElfMachineAarch64;
inline constexpr const char* kPlatform = "aarch64";
inline constexpr uint64_t kHwcap = 0;

}  // namespace arch
