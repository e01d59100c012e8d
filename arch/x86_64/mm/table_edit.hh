// mm/table_edit.hh - what the page-table files share (internal to arch/x86_64/mm).
//
// page_table.cc (map, unmap, query), page_table_protect.cc, user_table.cc and
// kernel_map.cc work on table pages reached through the direct map, split large pages,
// and batch their TLB work with an Invalidator. Everything here runs with the owning
// PageTable's lock held (or, in mmu_init, before anyone else can see the tree).
#pragma once

#include <arch/layout.hh>
#include <stdint.h>

#include "lib/result.hh"
#include "pte.hh"

namespace page_table {

inline uint64_t* table_at(uint64_t phys) { return arch::phys_to_ptr<uint64_t>(phys); }

// A zeroed page for a new table. Errors: NoMem.
ktl::Result<uint64_t> alloc_table();

// True when the CPU can map 1 GiB pages (CPUID.80000001H:EDX.Page1GB).
bool has_gigabyte_pages();

// Replaces the large page `*entry` (level 1 or 2, mapping `va`) by a table of 512
// entries that map the same memory with the same attributes one level down, and drops
// the old translation from this CPU's TLB when `live`. Errors: NoMem.
ktl::Result<void> split_large_page(uint64_t* entry, int level, uintptr_t va, bool kernel_table,
                                   bool live);

// Collects the TLB work of one unmap/protect call on a tree this CPU may have cached
// (`live`; nothing to do otherwise): up to kMaxSingle pages are invalidated one by one
// with invlpg; past that, one flush at the end is cheaper (a CR3 write for a user tree,
// a CR4.PGE toggle when kernel entries, which are global, are involved). Table pages
// that became empty are freed only after that, so no paging-structure cache can still
// point into a page that has found a new owner.
class Invalidator {
 public:
  static constexpr unsigned kMaxSingle = 32;

  Invalidator(bool kernel_table, bool live) : kernel_(kernel_table), live_(live) {}
  // The entry for `va` was just changed or cleared.
  void changed(uintptr_t va);
  // The table page at `phys` was unlinked; free it once the TLB forgets it.
  void free_later(uint64_t phys);
  // Finishes the invalidation and frees the collected table pages.
  void finish();

 private:
  bool kernel_;
  bool live_;
  unsigned count_ = 0;
  uint64_t free_list_ = 0;  // unlinked table pages, chained through their entry 0
};

// Flushes every TLB entry of this CPU, global ones included (CR4.PGE off and on).
void flush_everything();

}  // namespace page_table
