// arch/aarch64/devicetree.hh - platform discovery: the device tree into boot::Info.
#pragma once

#include <contract/boot.hh>
#include <stdint.h>

#include "platform.hh"

namespace devicetree {

// Reads the DTB at `blob` (a kernel virtual address; `blob_phys` is where it lives) and
// fills `info` (RAM ranges, firmware reservations, CPUs with the boot CPU first, command
// line, initrd, the DTB's own range) and `platform` (UART, GIC, PSCI method). Returns
// false, touching nothing, when the blob is not a valid device tree.
bool discover(const void* blob, uint64_t blob_phys, boot::Info& info, arch::Platform& platform);

}  // namespace devicetree
