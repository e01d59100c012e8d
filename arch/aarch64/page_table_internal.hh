// arch/aarch64/page_table_internal.hh - what the page-table files share.
//
// page_table.cc (map, unmap, query, splitting), page_table_protect.cc and
// user_table.cc all work on table pages reached through the direct map and on the TLB
// batching below. Everything here runs with the owning PageTable's lock held.
#pragma once

#include <stdint.h>

#include <arch/layout.hh>

#include "lib/result.hh"
#include "pte.hh"

namespace page_table {

inline uint64_t* table_at(uint64_t phys) { return arch::phys_to_ptr<uint64_t>(phys); }

// A zeroed page for a new table, already published to the walker. Errors: NoMem.
ktl::Result<uint64_t> alloc_table();

// Replaces the block `*entry` (level 1 or 2, mapping `va`) by a table of 512 entries
// that map the same memory with the same attributes one level down. Errors: NoMem.
ktl::Result<void> split_block(uint64_t* entry, int level, uintptr_t va, bool kernel_table,
                              uint16_t asid);

// Collects the TLB work of one unmap/protect call: a few entries are invalidated one by
// one as they go; past kMaxSingle, one flush of the whole address space at the end is
// cheaper. Table pages that became empty are freed only after that, so no TLB walk cache
// can point into a page that has found a new owner.
class Invalidator {
 public:
  static constexpr unsigned kMaxSingle = 32;

  Invalidator(bool kernel_table, uint16_t asid) : kernel_(kernel_table), asid_(asid) {}
  // The entry for `va` was just changed or cleared.
  void changed(uintptr_t va);
  // The table page at `phys` was unlinked; free it once the TLB forgets it.
  void free_later(uint64_t phys);
  // Finishes the invalidation and frees the collected table pages.
  void finish();

 private:
  bool kernel_;
  uint16_t asid_;
  unsigned count_ = 0;
  uint64_t free_list_ = 0;  // unlinked table pages, chained through their entry 0
};

}  // namespace page_table

namespace arch {

// How many ASID bits TCR_EL1 was set up for (8 or 16); mmu_init calls it once.
void asid_init(unsigned bits);

}  // namespace arch
