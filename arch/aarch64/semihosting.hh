// arch/aarch64/semihosting.hh - asking the host (QEMU) to do something for us.
//
// Arm semihosting: operation number in w0, parameter in x1, then `hlt #0xf000`; QEMU
// (with -semihosting-config enable=on) performs the operation and returns to the next
// instruction with the result in x0. Without semihosting the hlt is an undefined
// instruction; the trap handler calls recover_from_trap(), which turns that into a -1
// result and remembers not to try again.
#pragma once

#include <stdint.h>

namespace semihosting {

inline constexpr uint64_t kSysExit = 0x18;
inline constexpr uint64_t kApplicationExit = 0x20026;  // ADP_Stopped_ApplicationExit

// False once a call has trapped (QEMU without semihosting, real hardware).
bool available();

// Performs `operation` with `parameter` (usually the address of a parameter block).
int64_t call(uint64_t operation, uint64_t parameter);

// For the trap handler: true when `pc` is the semihosting instruction, i.e. the trap
// means "no semihosting here". The caller then resumes at pc + 4 with x0 = -1.
bool recover_from_trap(uintptr_t pc);

}  // namespace semihosting
