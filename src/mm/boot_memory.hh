// mm/boot_memory.hh - from the firmware's memory map to a filled buddy allocator.
//
// See mm/boot_memory.cc. Two steps, so the host tests can check the arithmetic apart
// from the memory writes: plan_boot_memory() works out which pages are free and where
// the Page array goes; install_boot_memory() builds the array and frees the pages.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include <contract/boot.hh>

#include "lib/result.hh"
#include "mm/buddy.hh"

namespace mm {

// Physical memory below this stays out of the allocator: on x86 it holds the BIOS data
// area, the EBDA and the AP start-up trampoline; page 0 would be a null pointer.
inline constexpr uint64_t kLowMemoryEnd = 1ull << 20;

struct PhysRange {
  uint64_t start, end;  // [start, end), page-aligned
  uint64_t pages() const { return (end - start) >> kPageShift; }
};

struct BootMemoryPlan {
  static constexpr size_t kMaxRanges = boot::kMaxMemRanges + 8;
  PhysRange free[kMaxRanges];  // free RAM, sorted, disjoint, never touching
  size_t free_count = 0;

  uint64_t first_pfn = 0, end_pfn = 0;  // the pages the Page array describes
  PhysAddr page_array = 0;              // where the Page array goes (physical)

  // Page counts: usable = free + every reservation below.
  uint64_t usable_pages = 0;
  uint64_t free_pages = 0;
  uint64_t low_pages = 0;     // below kLowMemoryEnd
  uint64_t kernel_pages = 0;  // the loaded kernel image
  uint64_t initrd_pages = 0;
  uint64_t boot_data_pages = 0;   // Multiboot2 information / device tree blob
  uint64_t page_array_pages = 0;  // the Page descriptors themselves
  uint64_t reserved_pages() const {
    return low_pages + kernel_pages + initrd_pages + boot_data_pages + page_array_pages;
  }
};

// Works out the free RAM of `info` (usable ranges, overlaps merged, minus the reserved
// ranges above) and places the Page array in it. Errors: NoMem when nothing usable is
// left or no free range can hold the Page array.
Result<void> plan_boot_memory(const boot::Info& info, BootMemoryPlan& plan);

// Builds the Page array where the plan says (reached at phys + direct_map_offset), and
// hands every free page of the plan to `buddy`. Boot only: one CPU, nothing allocated.
void install_boot_memory(const BootMemoryPlan& plan, uintptr_t direct_map_offset,
                         BuddyAllocator& buddy);

}  // namespace mm
