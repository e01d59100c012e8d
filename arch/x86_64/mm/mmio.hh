// mm/mmio.hh - device registers in the kernel's MMIO window (contract::kMmioBase).
//
// Registers must be mapped uncached (PCD|PWT): a cached read would return a stale
// value and a cached write might never reach the device. The final kernel map has no
// device memory in the direct map (it maps RAM only), so every device the kernel drives
// - the local APIC, the I/O APIC, the VGA text screen, later PCI - is mapped here, with
// an unmapped page after each one to catch overruns.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "lib/result.hh"

namespace mmio {

// Maps the `size` bytes of registers at physical `phys` (any alignment) and returns the
// virtual address of `phys` itself. Asking again for registers inside an earlier
// mapping returns that mapping. Mappings are never removed. Errors: NoMem (the window
// or table pages), Inval, and whatever PageTable::map says (NoSys in a lab-3 tree).
ktl::Result<uintptr_t> map(uint64_t phys, size_t size);

// Like map(), but when the page tables cannot do it (mmu_init failed, so the boot map
// is still in use) falls back to the boot direct map, which covers the first 4 GiB of
// physical space, devices included (cached, which QEMU does not mind). 0 when neither.
uintptr_t map_or_boot_alias(uint64_t phys, size_t size);

// Called by mmu_init once CR3 holds the final map: boot aliases no longer exist.
void final_map_active();

}  // namespace mmio
