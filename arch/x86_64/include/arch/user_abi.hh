// arch/user_abi.hh (x86_64) - the Linux user ABI facts src/ must know (contract/user_abi.hh).
#pragma once

#include <contract/user_abi.hh>
#include <stdint.h>

#include "uapi/fcntl.hh"
#include "uapi/stat.hh"

namespace arch {

// The x86_64 column of src/syscalls/syscalls.def (open, fork, ...; clone's argument
// order flags, sp, ptid, ctid, tls).
inline constexpr contract::SyscallTable kSyscallTable = contract::SyscallTable::X86_64;
inline constexpr uint16_t kElfMachine = contract::kElfMachineX86_64;
inline constexpr const char* kPlatform = "x86_64";
// AT_HWCAP on x86_64 is CPUID.1:EDX; 0 is what the contract allows and musl ignores it.
inline constexpr uint64_t kHwcap = 0;

// The signal return trampoline the kernel maps into every process (proc/program.hh) for
// handlers installed without SA_RESTORER: `mov $15 (rt_sigreturn), %eax; syscall`.
inline constexpr uint8_t kSigreturnCode[] = {0xb8, 0x0f, 0x00, 0x00, 0x00, 0x0f, 0x05};

using Stat = uapi::StatX86_64;
inline constexpr uapi::OpenFlagAbi kOpenFlags = uapi::kOpenFlagsGeneric;

}  // namespace arch
