// arch/aarch64/mmio.hh - device registers in the kernel's MMIO window.
//
// Device registers must be mapped as Device memory (uncached, no speculative reads, no
// merging of writes). The final kernel map has no such memory in the direct map (it
// maps RAM only), so every device the kernel drives is mapped here, in the window at
// contract::kMmioBase, with an unmapped page between neighbours to catch overruns.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "lib/result.hh"

namespace mmio {

// Maps the `size` bytes of registers at physical `phys` (any alignment) and returns the
// virtual address of `phys` itself. The same range asked for twice gets the same
// mapping. Mappings are never removed. Errors: NoMem (window or table pages), Inval.
ktl::Result<uintptr_t> map(uint64_t phys, size_t size);

}  // namespace mmio
