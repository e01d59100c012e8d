// arch/aarch64/direct_map.cc - rewriting the direct map's level-1 table after discovery.
//
// The direct map is one level-1 table (boot_direct_map_l1, boot_mmu.S) of 1 GiB blocks.
// Entries are rewritten in place through the kernel's own mapping of .bss; the table
// walker sees the writes after `dsb ishst`, and the TLB forgets the old entries after
// `tlbi vmalle1is` (all CPUs; only this one runs yet, but the habit is the right one).
#include "direct_map.hh"

#include <stdint.h>

#include "lib/printk.hh"
#include "mmu_defs.hh"

extern "C" uint64_t boot_direct_map_l1[TABLE_ENTRIES];

namespace direct_map {
namespace {

constexpr uint64_t kGiB = 1ull << L1_BLOCK_SHIFT;

bool block_holds_ram(const boot::Info& info, uint64_t block_start) {
  for (size_t i = 0; i < info.mem_count; ++i) {
    const boot::MemRange& r = info.mem[i];
    if (r.kind == boot::MemKind::Usable && r.base < block_start + kGiB &&
        r.base + r.size > block_start)
      return true;
  }
  return false;
}

}  // namespace

void fit_to_ram(const boot::Info& info) {
  if (block_holds_ram(info, 0)) log_warn("direct map: RAM below 1 GiB is mapped as MMIO\n");
  for (size_t i = 1; i < TABLE_ENTRIES; ++i) {
    uint64_t start = i * kGiB;
    boot_direct_map_l1[i] = block_holds_ram(info, start) ? start | BLOCK_RAM_DATA : 0;
  }
  for (size_t i = 0; i < info.mem_count; ++i)
    if (info.mem[i].base + info.mem[i].size > TABLE_ENTRIES * kGiB)
      log_warn("direct map: RAM above 512 GiB is not mapped\n");
  __asm__ volatile("dsb ishst\n\ttlbi vmalle1is\n\tdsb ish\n\tisb" : : : "memory");
}

}  // namespace direct_map
