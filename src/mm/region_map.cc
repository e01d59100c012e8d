// mm/region_map.cc - the sorted region chain: lookups, gaps, splits and merges.
//
// Every lookup is a walk from the lowest region. Splitting allocates the upper half as a
// new Region (new (std::nothrow): a user request must not panic the kernel), so the
// operations that split do all their splits before they change anything else.
#include <new>

#include "mm/region.hh"

namespace mm {

RegionMap::~RegionMap() { clear(); }

void RegionMap::clear() {
  while (first_) erase(first_);
}

size_t RegionMap::count() const {
  size_t n = 0;
  for (Region* r = first_; r; r = r->next) ++n;
  return n;
}

void RegionMap::link_after(Region* pos, Region* r) {
  r->prev = pos;
  r->next = pos ? pos->next : first_;
  if (r->next) r->next->prev = r;
  if (pos)
    pos->next = r;
  else
    first_ = r;
}

void RegionMap::erase(Region* r) {
  if (r->prev)
    r->prev->next = r->next;
  else
    first_ = r->next;
  if (r->next) r->next->prev = r->prev;
  vm_object_put(r->object);
  delete r;
}

Region* RegionMap::find(uintptr_t addr) const {
  Region* r = first_ending_after(addr);
  return r && r->start <= addr ? r : nullptr;
}

Region* RegionMap::first_ending_after(uintptr_t start) const {
  Region* r = first_;
  while (r && r->end <= start) r = r->next;
  return r;
}

bool RegionMap::is_free(uintptr_t start, uintptr_t end) const {
  Region* r = first_ending_after(start);
  return !r || r->start >= end;
}

bool RegionMap::covered(uintptr_t start, uintptr_t end) const {
  uintptr_t at = start;
  for (Region* r = first_ending_after(start); r && at < end; r = r->next) {
    if (r->start > at) return false;
    at = r->end;
  }
  return at >= end;
}

ktl::Result<uintptr_t> RegionMap::find_free_top_down(size_t size, uintptr_t lo,
                                                      uintptr_t hi) const {
  if (size == 0 || hi < lo || hi - lo < size) return ktl::Errno::NoMem;
  // Walk the gaps upwards and keep the last (highest) one that fits.
  uintptr_t best = 0;
  bool found = false;
  auto consider = [&](uintptr_t gap_lo, uintptr_t gap_hi) {
    if (gap_lo < lo) gap_lo = lo;
    if (gap_hi > hi) gap_hi = hi;
    if (gap_hi > gap_lo && gap_hi - gap_lo >= size) {
      best = gap_hi - size;
      found = true;
    }
  };
  uintptr_t gap_start = 0;
  for (Region* r = first_; r && r->start < hi; r = r->next) {
    consider(gap_start, r->start);
    gap_start = r->end;
  }
  consider(gap_start, hi);
  if (!found) return ktl::Errno::NoMem;
  return best;
}

ktl::Result<Region*> RegionMap::insert(uintptr_t start, uintptr_t end, uint32_t prot,
                                       RegionKind kind, VmObject* object, uint64_t offset,
                                       bool shared) {
  ktl::Errno err = ktl::Errno::NoMem;
  Region* r = nullptr;
  if (end <= start)
    err = ktl::Errno::Inval;
  else if (!is_free(start, end))
    err = ktl::Errno::Exist;
  else
    r = new (std::nothrow) Region;
  if (!r) {
    vm_object_put(object);
    return err;
  }
  r->start = start;
  r->end = end;
  r->prot = prot;
  r->kind = kind;
  r->object = object;
  r->offset = offset;
  r->shared = shared;
  Region* above = first_ending_after(start);  // the first region above the new one
  link_after(above ? above->prev : last(), r);
  return r;
}

Region* RegionMap::last() const {
  Region* r = first_;
  while (r && r->next) r = r->next;
  return r;
}

ktl::Result<void> RegionMap::split_at(uintptr_t addr) {
  Region* r = find(addr);
  if (!r || r->start == addr) return {};
  // LAB 7 mmap: BEGIN
  // The upper half maps the same object further in, and holds its own reference.
  Region* upper = new (std::nothrow) Region;
  if (!upper) return ktl::Errno::NoMem;
  upper->start = addr;
  upper->end = r->end;
  upper->prot = r->prot;
  upper->kind = r->kind;
  upper->shared = r->shared;
  upper->object = r->object;
  upper->offset = r->offset + (addr - r->start);
  vm_object_get(upper->object);
  r->end = addr;
  link_after(r, upper);
  return {};
  // LAB 7: STUB
  // // Split r at addr: a new Region for [addr, r->end) mapping the same object (with its
  // // own reference) at the right offset, linked after r; r ends at addr.
  // return ktl::Errno::NoMem;
  // LAB 7: END
}

void RegionMap::merge_around(Region* r) {
  auto joinable = [](const Region* a, const Region* b) {
    return a && b && a->end == b->start && a->prot == b->prot && a->kind == b->kind &&
           a->shared == b->shared && a->object == b->object &&
           (!a->object || a->offset + a->size() == b->offset);
  };
  if (joinable(r->prev, r)) {
    Region* prev = r->prev;
    prev->end = r->end;
    erase(r);
    r = prev;
  }
  if (joinable(r, r->next)) {
    r->end = r->next->end;
    erase(r->next);
  }
}

}  // namespace mm
