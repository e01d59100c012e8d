// arch/aarch64/direct_map.hh - fitting the boot direct map to the machine's RAM.
#pragma once

#include <contract/boot.hh>

namespace direct_map {

// boot_mmu.S maps physical 1..65 GiB as RAM before anyone knows how much RAM there is.
// Once the device tree is read, this keeps exactly the 1 GiB blocks that hold usable
// RAM (up to 512 GiB) and unmaps the rest, so a stray direct-map pointer past the end of
// RAM faults instead of reading nothing. Physical 0..1 GiB stays mapped as MMIO.
void fit_to_ram(const boot::Info& info);

}  // namespace direct_map
