// arch/power.hh (x86_64) - leaving the machine with an exit status.
//
// Under QEMU the isa-debug-exit device (port 0xf4) ends the emulator with status
// (value << 1) | 1, so writing 0x10 | status gives 33 for success and 35 for failure
// (contract/power.hh). Elsewhere that write does nothing and the ACPI soft-off found
// in the FADT/DSDT is tried; if even that fails the CPU halts with interrupts off.
#pragma once

#include <contract/power.hh>

namespace arch {

struct Power {
  [[noreturn]] static void exit(int status);
};

static_assert(contract::PowerOps<Power>);

}  // namespace arch
