// boot/page_tables.hh - finishing the boot page tables of long_mode.S.
#pragma once

#include <stdint.h>

namespace boot_paging {

// Removes the identity map of low memory that only the mode switch needed, so that a
// null-ish pointer faults from here on. Call once running at kernel addresses.
void drop_identity_map();

// Extends the direct map (boot maps 0..4 GiB) to cover physical addresses below
// `phys_end`. Uses 1 GiB pages when the CPU has them, else 2 MiB pages from a small
// static pool; returns the end actually covered (less than asked if the pool ran out).
uint64_t extend_direct_map(uint64_t phys_end);

}  // namespace boot_paging
