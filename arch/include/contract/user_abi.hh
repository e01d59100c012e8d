// contract/user_abi.hh - the facts of the Linux user ABI that differ per architecture.
//
// SeaOS runs Linux binaries, so what a program sees follows Linux on each architecture.
// Most of the ABI is shared (errno numbers, signal numbers, siginfo, clone flags, mmap
// flags); the few differences that src/ must know, and may not learn by testing
// __x86_64__, are constants in <arch/user_abi.hh>:
//
//   arch::kSyscallTable   which column of src/syscalls/syscalls.def holds this
//                         architecture's system call numbers: X86_64 (the x86_64 table,
//                         with open/fork/...) or Generic (asm-generic/unistd.h, used by
//                         arm64: openat, clone, no fork). The column also fixes clone's
//                         argument order (x86_64: flags, sp, ptid, ctid, tls; generic on
//                         arm64, "CLONE_BACKWARDS": flags, sp, ptid, tls, ctid).
//   arch::kElfMachine     e_machine of this architecture's ELF files (EM_X86_64 = 62,
//                         EM_AARCH64 = 183): execve refuses other machines with ENOEXEC.
//   arch::kPlatform       uname's `machine` and AT_PLATFORM: "x86_64" / "aarch64".
//   arch::kHwcap          AT_HWCAP for the auxiliary vector (0 is acceptable).
#pragma once

#include <stdint.h>

namespace contract {

enum class SyscallTable : uint8_t { X86_64 = 0, Generic = 1 };

inline constexpr uint16_t kElfMachineX86_64 = 62;
inline constexpr uint16_t kElfMachineAarch64 = 183;

}  // namespace contract
