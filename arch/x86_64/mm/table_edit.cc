// mm/table_edit.cc - table pages, large-page splitting and batched TLB invalidation.
//
// The helpers behind map/unmap/protect, kept apart so the lab's core (page_table.cc)
// stays small. All run with the owning PageTable's lock held.
//
// Splitting: a 2 MiB page becomes a page table of 512 4 KiB pages, a 1 GiB page a page
// directory of 512 2 MiB pages, each with the old attributes. The new table is filled
// before it is linked, and the entry is then replaced in one 64-bit store: the CPU sees
// either the old large page or the new table, which translate every address the same
// way, so the split is safe even for the page holding the code or stack doing it. The
// SDM (4.10.2.3) allows a CPU to keep both sizes in its TLB for a moment; invlpg of the
// address right after the store removes the large one.
#include "table_edit.hh"

#include "../cpu/regs.hh"
#include "../cpu/x86.hh"
#include "kernel/panic.hh"
#include "mm/mm.hh"

namespace page_table {

ktl::Result<uint64_t> alloc_table() { return mm::page_alloc_zeroed(); }

bool has_gigabyte_pages() {
  static int cached = -1;  // written once on the boot CPU, before any other CPU runs
  if (cached < 0)
    cached = x86::cpuid(0x80000000).eax >= 0x80000001 &&
             ((x86::cpuid(0x80000001).edx >> 26) & 1);
  return cached == 1;
}

ktl::Result<void> split_large_page(uint64_t* entry, int level, uintptr_t va, bool kernel_table,
                                   bool live) {
  uint64_t large = *entry;
  if (level < 1 || level > 2 || !pte::is_leaf(large, level))
    panic("page table: split of a non-large entry %#lx at level %d",
          static_cast<unsigned long>(large), level);
  uint64_t child_phys = TRY(alloc_table());
  uint64_t* child = table_at(child_phys);
  uint64_t piece = pte::entry_size(level + 1);
  uint64_t attrs = pte::attributes(large) | pte::leaf_type(level + 1);
  for (unsigned i = 0; i < pte::kEntries; ++i) child[i] = (pte::address(large) + i * piece) | attrs;
  __atomic_store_n(entry, pte::table_entry(child_phys, kernel_table), __ATOMIC_RELEASE);
  if (live) x86::invlpg(va);
  return {};
}

void Invalidator::changed(uintptr_t va) {
  if (live_ && ++count_ <= kMaxSingle) x86::invlpg(va);
}

void Invalidator::free_later(uint64_t phys) {
  // An unlinked table holds only empty entries; a page address in entry 0 (P clear) is
  // one more empty entry, so even a stale walk through it finds nothing.
  table_at(phys)[0] = free_list_;
  free_list_ = phys;
}

void Invalidator::finish() {
  if (count_ > kMaxSingle) {
    if (kernel_) flush_everything();
    else x86::write_cr3(x86::read_cr3());
  }
  while (free_list_) {
    uint64_t next = table_at(free_list_)[0];
    table_at(free_list_)[0] = 0;
    mm::page_free(free_list_);
    free_list_ = next;
  }
  count_ = 0;
}

void flush_everything() {
  uint64_t cr4 = x86::read_cr4();
  if (cr4 & x86::kCr4Pge) {
    x86::write_cr4(cr4 & ~x86::kCr4Pge);  // clearing PGE flushes global entries too
    x86::write_cr4(cr4);
  } else {
    x86::write_cr3(x86::read_cr3());
  }
}

}  // namespace page_table
