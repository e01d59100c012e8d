// mm/address_space_remap.cc - mremap: growing, shrinking and moving a mapping.
//
// Because a Region is only a window on a VmObject, moving memory never copies a page:
// the new region maps the same object at the same offset and the old one goes away
// without dropping the object's pages (only its translations). Growing adds a region
// with a fresh object of its own for the new part; the two halves behave as one mapping
// for every later munmap/mprotect, which work on address ranges anyway.
#include <contract/layout.hh>

#include "mm/address_space.hh"
#include "mm/user_layout.hh"
#include "mm/vm_object.hh"

namespace mm {
namespace {

constexpr size_t kPage = contract::kPageSize;

bool user_range_ok(uintptr_t addr, size_t size) {
  return addr >= kUserMin && addr < contract::kUserEnd && size <= contract::kUserEnd - addr;
}

// Adds [start, end) after region `r` (same protection, kind and sharing) with a fresh
// anonymous object. The caller holds the address space's lock. Errors: NoMem.
ktl::Result<void> add_tail(RegionMap& regions, const Region& r, uintptr_t start, uintptr_t end) {
  VmObject* object = TRY(VmObject::create_anonymous((end - start) / kPage, r.shared));
  TRY(regions.insert(start, end, r.prot, r.kind, object, 0, r.shared));
  return {};
}

}  // namespace

ktl::Result<uintptr_t> AddressSpace::remap(uintptr_t addr, size_t old_size, size_t new_size,
                                           bool may_move) {
  if (addr % kPage || new_size == 0) return ktl::Errno::Inval;
  old_size = page_up(old_size);
  new_size = page_up(new_size);
  if (old_size == 0 || new_size == 0) return ktl::Errno::Inval;
  if (addr >= contract::kUserEnd || old_size > contract::kUserEnd - addr) return ktl::Errno::Fault;
  ktl::SpinGuard guard(lock_);
  uintptr_t old_end = addr + old_size;
  // The old range may be several regions (an earlier grow added one), but no holes.
  if (!regions_.covered(addr, old_end)) return ktl::Errno::Fault;

  if (new_size <= old_size) {  // shrink: unmap the tail
    if (new_size < old_size)
      TRY(regions_.remove_range(addr + new_size, old_end,
                                [&](uintptr_t s, uintptr_t e) { release_range_locked(s, e); }));
    return addr;
  }
  // Grow in place when the pages above are free.
  Region* last = regions_.find(old_end - 1);
  if (user_range_ok(addr, new_size) && regions_.is_free(old_end, addr + new_size)) {
    TRY(add_tail(regions_, *last, old_end, addr + new_size));
    return addr;
  }
  if (!may_move) return ktl::Errno::NoMem;

  // Move: each region piece of the old range is mapped at the new place with the same
  // object and offset; the old pieces then only lose their translations.
  uintptr_t to = TRY(regions_.find_free_top_down(new_size, kUserMin, kMmapTop));
  TRY(regions_.split_at(addr));
  TRY(regions_.split_at(old_end));
  ktl::Result<void> status;
  for (Region* r = regions_.find(addr); r && r->start < old_end && status.is_ok(); r = r->next) {
    vm_object_get(r->object);
    uintptr_t at = to + (r->start - addr);
    auto moved =
        regions_.insert(at, at + r->size(), r->prot, r->kind, r->object, r->offset, r->shared);
    if (moved.is_error()) status = moved.error();
  }
  if (status.is_ok())
    status = add_tail(regions_, *regions_.find(to + old_size - 1), to + old_size, to + new_size);
  if (status.is_error()) {  // undo: the new place goes, the old one is untouched
    (void)regions_.remove_range(to, to + new_size, [](uintptr_t, uintptr_t) {});
    return status.error();
  }
  TRY(regions_.remove_range(addr, old_end,
                            [&](uintptr_t s, uintptr_t e) { table_->unmap(s, e - s); }));
  return to;
}

}  // namespace mm
