// arch/user_abi.hh (x86_64) - the Linux user ABI facts src/ must know (contract/user_abi.hh).
#pragma once

#include <contract/user_abi.hh>
#include <stdint.h>

namespace arch {

// The x86_64 column of src/syscalls/syscalls.def (open, fork, ...; clone's argument
// order flags, sp, ptid, ctid, tls).
inline constexpr contract::SyscallTable kSyscallTable = contract::SyscallTable::X86_64;
inline constexpr uint16_t kElfMachine = contract::kElfMachineX86_64;
inline constexpr const char* kPlatform = "x86_64";
// AT_HWCAP on x86_64 is CPUID.1:EDX; 0 is what the contract allows and musl ignores it.
inline constexpr uint64_t kHwcap = 0;

}  // namespace arch
