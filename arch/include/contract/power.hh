// contract/power.hh - leaving the machine: power off with an exit status.
//
// Tests learn their result from QEMU's exit status instead of waiting for a timeout.
// Both architectures map the kernel's status the same way, so one runner reads both:
//   Power::exit(0)  -> QEMU exits with 33  (x86_64: isa-debug-exit writes 0x10;
//   Power::exit(1)  -> QEMU exits with 35   aarch64: semihosting SYS_EXIT with that code)
// Without an exit device (real hardware, QEMU without semihosting) the arch falls back
// to a plain power-off (ACPI / PSCI SYSTEM_OFF) and finally halts.
#pragma once

#include <concepts>

namespace contract {

inline constexpr int kQemuExitPass = 33;
inline constexpr int kQemuExitFail = 35;

template <class P>
concept PowerOps = requires(int status) {
  { P::exit(status) } -> std::same_as<void>;  // [[noreturn]]; 0 = success
};

}  // namespace contract
