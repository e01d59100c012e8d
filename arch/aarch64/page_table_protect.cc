// arch/aarch64/page_table_protect.cc - changing the protection of mapped pages.
//
// protect() first checks that every page of the range is mapped (Fault otherwise, and
// nothing changes), then rewrites the attribute bits of each leaf, splitting a block the
// range covers only in part. Changing only permissions (AP, XN) may be done in place;
// changing the memory type (normal <-> device) must break the old entry first: the
// architecture forbids two live translations of one address with different types.
#include <arch/mmu.hh>

#include "page_table_internal.hh"

namespace arch {
namespace {

using page_table::table_at;

// Sets `attrs` on every leaf of [va, end) inside the table at `level`.
ktl::Result<void> protect_range(uint64_t* table, int level, uintptr_t va, uintptr_t end,
                                uint64_t attrs, bool kernel_table, uint16_t asid,
                                page_table::Invalidator& tlb) {
  while (va < end) {
    uint64_t size = pte::entry_size(level);
    uintptr_t start = va & ~(size - 1);
    uintptr_t stop = end - start > size ? start + size : end;
    uint64_t& entry = table[pte::index_of(va, level)];
    if (!pte::is_valid(entry)) {  // fully_mapped() said this cannot happen
      va = stop;
      continue;
    }
    if (pte::is_leaf(entry, level)) {
      if (va == start && stop - start == size) {
        uint64_t updated = pte::address(entry) | attrs | pte::leaf_type(level);
        if (updated != entry) {
          if (pte::memory_type(updated) != pte::memory_type(entry)) {
            entry = 0;  // break before make
            pte::publish();
            pte::invalidate_va(start, kernel_table, asid);
            pte::complete();
          }
          entry = updated;
          tlb.changed(start);
        }
        va = stop;
        continue;
      }
      TRY(page_table::split_block(&entry, level, start, kernel_table, asid));
    }
    TRY(protect_range(table_at(pte::address(entry)), level + 1, va, stop, attrs, kernel_table, asid,
                      tlb));
    va = stop;
  }
  return {};
}

}  // namespace

ktl::Result<void> PageTable::protect(uintptr_t va, size_t size, uint32_t prot) {
  TRY(check_range(va, size, prot));
  uint64_t attrs = pte::encode(prot, kernel_);
  ktl::SpinGuard guard(lock_);
  if (!fully_mapped(va, size)) return ktl::Errno::Fault;
  return protect_locked(va, size, attrs);
}

ktl::Result<void> PageTable::protect_locked(uintptr_t va, size_t size, uint64_t attrs) {
  page_table::Invalidator tlb(kernel_, asid_);
  auto result = protect_range(table_at(root_), 0, va, va + size, attrs, kernel_, asid_, tlb);
  tlb.finish();  // also after NoMem: what was changed must reach the TLB
  return result;
}

// True when every page of [va, va+size) is mapped; steps over whole leaves.
bool PageTable::fully_mapped(uintptr_t va, size_t size) const {
  uintptr_t end = va + size;
  while (va < end) {
    contract::Translation t;
    if (!query_locked(va, &t)) return false;
    uintptr_t next = (va & ~(t.page_size - 1)) + t.page_size;
    if (next <= va) return true;  // the leaf reaches the top of the address space
    va = next;
  }
  return true;
}

}  // namespace arch
