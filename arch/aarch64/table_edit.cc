// arch/aarch64/table_edit.cc - table pages, block splitting and batched TLB invalidation.
//
// The helpers behind map/unmap/protect (page_table.cc, page_table_protect.cc), kept
// apart so the lab's core stays small. All run with the owning PageTable's lock held.
//
// Splitting a block follows the architecture's "break-before-make" rule for user
// tables: the old block entry is cleared and invalidated on every CPU before the table
// that replaces it is linked, so no CPU ever holds both a 2 MiB and a 4 KiB translation
// for one address (which real CPUs may report as a TLB conflict abort). The kernel table
// cannot do that: the CPU splitting a direct-map block may be running on it (its stack,
// or the very table page it is editing, may lie inside), and the break would fault. So
// a kernel block is replaced in place by an equivalent table (same memory, same
// attributes) and invalidated after; Linux's linear map splits the same way on CPUs
// that promise to cope (FEAT_BBM level 2). QEMU has no TLB conflict aborts.
#include "kernel/panic.hh"
#include "mm/mm.hh"
#include "page_table_internal.hh"

namespace page_table {

ktl::Result<uint64_t> alloc_table() {
  uint64_t phys = TRY(mm::page_alloc_zeroed());
  pte::publish();  // the zeros reach the walker before the table is linked
  return phys;
}

ktl::Result<void> split_block(uint64_t* entry, int level, uintptr_t va, bool kernel_table,
                              uint16_t asid) {
  uint64_t block = *entry;
  if (level < 1 || level > 2 || !pte::is_leaf(block, level))
    panic("page table: split of a non-block entry %#lx at level %d",
          static_cast<unsigned long>(block), level);
  uint64_t child_phys = TRY(alloc_table());
  uint64_t* child = table_at(child_phys);
  uint64_t piece = pte::entry_size(level + 1);
  uint64_t attrs = pte::attributes(block) | pte::leaf_type(level + 1);
  for (uint64_t i = 0; i < pte::kEntries; ++i) child[i] = (pte::address(block) + i * piece) | attrs;
  pte::publish();
  if (!kernel_table) {  // break ...
    *entry = 0;
    pte::publish();
    pte::invalidate_va(va, kernel_table, asid);
    pte::complete();
  }
  *entry = child_phys | DESC_TABLE;  // ... and make
  pte::publish();
  if (kernel_table) pte::invalidate_va(va, kernel_table, asid);
  pte::complete();
  return {};
}

void Invalidator::changed(uintptr_t va) {
  pte::publish();
  if (++count_ <= kMaxSingle) pte::invalidate_va(va, kernel_, asid_);
}

void Invalidator::free_later(uint64_t phys) {
  // An unlinked table is all invalid entries; a page address in entry 0 (bits 1:0 = 0)
  // is one more invalid entry, so a stale walk through it still finds nothing.
  table_at(phys)[0] = free_list_;
  free_list_ = phys;
}

void Invalidator::finish() {
  if (count_ > kMaxSingle) {
    if (kernel_)
      pte::invalidate_all();
    else
      pte::invalidate_asid(asid_);
  }
  if (count_) pte::complete();
  while (free_list_) {
    uint64_t next = table_at(free_list_)[0];
    mm::page_free(free_list_);
    free_list_ = next;
  }
  count_ = 0;
}

}  // namespace page_table
