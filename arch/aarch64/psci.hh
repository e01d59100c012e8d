// arch/aarch64/psci.hh - calling the firmware: the Power State Coordination Interface.
//
// PSCI functions (power off, start a CPU, ...) are called with hvc or smc, whichever the
// device tree's /psci "method" names: hvc when the firmware is an EL2 hypervisor (QEMU
// without virtualization=on emulates one), smc when it is EL3 firmware (QEMU with
// virtualization=on, where EL2 is ours and hvc would trap to ourselves).
#pragma once

#include <stdint.h>

#include "platform.hh"

namespace psci {

inline constexpr uint32_t kSystemOff = 0x84000008;
inline constexpr uint32_t kCpuOn64 = 0xc4000003;
inline constexpr int64_t kNotSupported = -1;

void set_conduit(arch::PsciConduit conduit);

// Calls PSCI `function` with up to three arguments (SMC Calling Convention); returns x0,
// or kNotSupported when there is no conduit.
int64_t call(uint32_t function, uint64_t arg1 = 0, uint64_t arg2 = 0, uint64_t arg3 = 0);

// Asks the firmware to power the machine off. Returns only if that failed.
void system_off();

}  // namespace psci
