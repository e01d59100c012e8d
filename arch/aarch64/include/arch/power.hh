// arch/power.hh (aarch64) - leaving the machine with an exit status.
//
// Under QEMU with -semihosting-config enable=on, semihosting SYS_EXIT makes QEMU exit
// with (status << 1) | 33: 33 for success, 35 for failure (contract/power.hh). Without
// semihosting the call traps as an undefined instruction; the trap handler notes that
// and the exit falls back to PSCI SYSTEM_OFF, then to waiting forever.
#pragma once

#include <contract/power.hh>

namespace arch {

struct Power {
  [[noreturn]] static void exit(int status);
};

static_assert(contract::PowerOps<Power>);

}  // namespace arch
