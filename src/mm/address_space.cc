// mm/address_space.cc - creating, copying (fork, copy-on-write) and destroying address
// spaces; mmap, munmap, mprotect, madvise and brk over the region map.
//
// Every operation follows one pattern: take lock_, change the RegionMap, then bring the
// page table in line with it. The table is only a cache of what the regions' objects
// hold, so "in line" is mostly "drop the translations": removed ranges lose theirs (and
// private ones their object pages), re-protected ranges lose theirs and fault back in
// with the new protection. Object pages are dropped after their translation is gone, so
// no CPU can still reach a page that the allocator hands out again (this CPU; other
// CPUs' TLBs wait for the SMP shootdown).
#include "mm/address_space.hh"

#include <arch/layout.hh>
#include <new>

#include "lib/string.hh"
#include "mm/mm.hh"
#include "mm/user_layout.hh"
#include "mm/vm_object.hh"
#include "uapi/mman.hh"

namespace mm {
namespace {

constexpr size_t kPage = contract::kPageSize;
constexpr size_t kBrkMax = 1ull << 30;  // how far the heap may grow past its start

bool user_range(uintptr_t addr, size_t size) {
  return addr >= kUserMin && addr < contract::kUserEnd && size <= contract::kUserEnd - addr;
}

}  // namespace

uint32_t arch_prot(uint32_t prot) {
  if (!(prot & (uapi::kProtRead | uapi::kProtWrite | uapi::kProtExec)))
    return contract::kProtRead;  // PROT_NONE: keep the data, kernel-only
  uint32_t p = contract::kProtUser | contract::kProtRead;
  if (prot & uapi::kProtWrite) p |= contract::kProtWrite;
  if (prot & uapi::kProtExec) p |= contract::kProtExec;
  return p;
}

ktl::Result<AddressSpace*> AddressSpace::create() {
  AddressSpace* as = new (std::nothrow) AddressSpace;
  if (!as) return ktl::Errno::NoMem;
  auto table = arch::PageTable::create_user();
  if (table.is_error()) {
    delete as;
    return table.error();
  }
  as->table_ = table.value();
  return as;
}

AddressSpace::~AddressSpace() {
  if (!table_) return;
  // The table is not active anywhere (put()'s precondition): free it first, then let the
  // regions drop their objects, whose last reference frees the pages.
  arch::PageTable::destroy(table_);
  regions_.clear();
}

void AddressSpace::put() {
  if (refs_.fetch_sub(1) == 1) delete this;
}

void AddressSpace::release_range_locked(uintptr_t start, uintptr_t end) {
  table_->unmap(start, end - start);
  Region* r = regions_.find(start);
  // Private pages mapped nowhere else: give them back now (a shared object keeps its
  // pages for the other mappings, until its last reference goes).
  if (r && !r->shared && r->object)
    r->object->discard(r->page_index(start), (end - start) / kPage);
}

ktl::Result<uintptr_t> AddressSpace::map_anonymous(uintptr_t addr, size_t size, uint32_t prot,
                                                   bool fixed, bool noreplace, RegionKind kind,
                                                   bool shared) {
  if (size == 0) return ktl::Errno::Inval;
  size = page_up(size);
  if (size == 0) return ktl::Errno::NoMem;  // wrapped
  VmObject* object = TRY(VmObject::create_anonymous(size / kPage, shared));
  ktl::SpinGuard guard(lock_);
  uintptr_t at;
  auto placed = [&]() -> ktl::Result<uintptr_t> {
    if (fixed) {
      if (addr % kPage) return ktl::Errno::Inval;
      if (!user_range(addr, size)) return ktl::Errno::NoMem;
      if (!regions_.is_free(addr, addr + size)) {
        if (noreplace) return ktl::Errno::Exist;
        // MAP_FIXED: whatever was there is unmapped first.
        TRY(regions_.remove_range(addr, addr + size, [&](uintptr_t s, uintptr_t e) {
          release_range_locked(s, e);
        }));
      }
      return addr;
    }
    if (addr && user_range(page_down(addr), size) &&
        regions_.is_free(page_down(addr), page_down(addr) + size))
      return page_down(addr);
    return regions_.find_free_top_down(size, kUserMin, kMmapTop);
  }();
  if (placed.is_error()) {
    object->put();
    return placed.error();
  }
  at = placed.value();
  TRY(regions_.insert(at, at + size, prot, kind, object, 0, shared));  // takes `object`
  return at;
}

ktl::Result<void> AddressSpace::unmap(uintptr_t addr, size_t size) {
  if (addr % kPage || size == 0) return ktl::Errno::Inval;
  size = page_up(size);
  if (addr >= contract::kUserEnd || size > contract::kUserEnd - addr) return ktl::Errno::Inval;
  ktl::SpinGuard guard(lock_);
  return regions_.remove_range(addr, addr + size,
                               [&](uintptr_t s, uintptr_t e) { release_range_locked(s, e); });
}

ktl::Result<void> AddressSpace::protect(uintptr_t addr, size_t size, uint32_t prot) {
  if (addr % kPage) return ktl::Errno::Inval;
  if (size == 0) return {};
  size = page_up(size);
  if (addr >= contract::kUserEnd || size > contract::kUserEnd - addr) return ktl::Errno::NoMem;
  ktl::SpinGuard guard(lock_);
  // The table is only a cache of the regions: drop the changed pages' translations and
  // let the next touch map them again with the new protection (and COW state).
  TRY(regions_.protect_range(addr, addr + size, prot,
                             [&](Region& r) { table_->unmap(r.start, r.size()); }));
  return {};
}

ktl::Result<void> AddressSpace::discard(uintptr_t addr, size_t size) {
  if (addr % kPage) return ktl::Errno::Inval;
  size = page_up(size);
  if (addr >= contract::kUserEnd || size > contract::kUserEnd - addr) return ktl::Errno::Inval;
  ktl::SpinGuard guard(lock_);
  if (!regions_.covered(addr, addr + size)) return ktl::Errno::NoMem;
  for (Region* r = regions_.first_ending_after(addr); r && r->start < addr + size; r = r->next) {
    uintptr_t s = r->start > addr ? r->start : addr;
    uintptr_t e = r->end < addr + size ? r->end : addr + size;
    // Private: the pages go, the next touch reads zeros. Shared: only this mapping's
    // translations go; the data stays in the object (Linux does the same for shmem).
    table_->unmap(s, e - s);
    if (!r->shared && r->object) r->object->discard(r->page_index(s), (e - s) / kPage);
  }
  return {};
}

void AddressSpace::set_brk_start(uintptr_t start) {
  ktl::SpinGuard guard(lock_);
  brk_start_ = brk_ = page_up(start);
}

uintptr_t AddressSpace::brk(uintptr_t request) {
  ktl::SpinGuard guard(lock_);
  if (!brk_start_ || request < brk_start_ || request - brk_start_ > kBrkMax) return brk_;
  uintptr_t old_top = page_up(brk_), new_top = page_up(request);
  if (new_top > old_top) {
    if (!regions_.is_free(old_top, new_top)) return brk_;
    // The heap is one private object as big as the heap may grow: growing extends the
    // top heap region over more of it.
    Region* below = old_top > brk_start_ ? regions_.find(old_top - 1) : nullptr;
    if (below && below->end == old_top && below->kind == RegionKind::Heap && !below->shared &&
        below->object && below->page_index(new_top - 1) < below->object->size_pages()) {
      below->end = new_top;
    } else {
      auto object = VmObject::create_anonymous(kBrkMax / kPage, false);
      if (object.is_error()) return brk_;
      auto r = regions_.insert(old_top, new_top, uapi::kProtRead | uapi::kProtWrite,
                               RegionKind::Heap, object.value());
      if (r.is_error()) return brk_;
    }
  } else if (new_top < old_top) {
    auto removed = regions_.remove_range(
        new_top, old_top, [&](uintptr_t s, uintptr_t e) { release_range_locked(s, e); });
    if (removed.is_error()) return brk_;
  }
  brk_ = request;
  return brk_;
}

// LAB 7 mmap: BEGIN
// fork: a shared region maps the very same object in the child; a private one gets a
// copy-on-write clone (the child's own object, sharing every page with a raised count),
// and the parent's writable translations become read-only, so the first write on
// either side faults and copies (mm/address_space_fault.cc).
ktl::Result<void> AddressSpace::copy_region_locked(AddressSpace* child, const Region& r) {
  VmObject* object = r.object;
  uint64_t offset = r.offset;
  if (r.shared) {
    vm_object_get(object);
  } else {
    object = TRY(r.object->clone_cow(r.page_index(r.start), r.size() / kPage));
    offset = 0;
    if (r.prot & uapi::kProtWrite) {
      uint32_t read_only = arch_prot(r.prot) & ~contract::kProtWrite;
      for (uintptr_t va = r.start; va < r.end; va += kPage) {
        contract::Translation t;
        if (table_->query(va, &t) && (t.prot & contract::kProtWrite))
          TRY(table_->protect(va, kPage, read_only));
      }
    }
  }
  TRY(child->regions_.insert(r.start, r.end, r.prot, r.kind, object, offset, r.shared));
  return {};
}
// LAB 7: STUB
// ktl::Result<void> AddressSpace::copy_region_locked(AddressSpace* child, const Region& r) {
//   // Shared: the child maps the same object. Private: clone_cow() the object and make
//   // the parent's writable translations read-only.
//   (void)child; (void)r;
//   return ktl::Errno::NoMem;
// }
// LAB 7: END

ktl::Result<AddressSpace*> AddressSpace::copy_for_fork() {
  AddressSpace* child = TRY(create());
  ktl::Result<void> status;
  {
    ktl::SpinGuard guard(lock_);
    child->brk_start_ = brk_start_;
    child->brk_ = brk_;
    for (Region* r = regions_.first(); r && status.is_ok(); r = r->next)
      status = copy_region_locked(child, *r);
  }
  if (status.is_error()) {
    child->put();
    return status.error();
  }
  return child;
}

ktl::Result<void> AddressSpace::write_bytes(uintptr_t addr, const void* src, size_t size) {
  auto* from = static_cast<const uint8_t*>(src);
  ktl::SpinGuard guard(lock_);
  while (size > 0) {
    Region* r = regions_.find(addr);
    if (!r) return ktl::Errno::Fault;
    uintptr_t page = page_down(addr);
    PhysAddr frame = TRY(fault_in_locked(*r, page, true));
    size_t chunk = page + kPage - addr;
    if (chunk > size) chunk = size;
    memcpy(arch::phys_to_ptr<uint8_t>(frame) + (addr - page), from, chunk);
    addr += chunk;
    from += chunk;
    size -= chunk;
  }
  return {};
}

ktl::Result<void> AddressSpace::read_bytes(uintptr_t addr, void* dst, size_t size) {
  auto* to = static_cast<uint8_t*>(dst);
  ktl::SpinGuard guard(lock_);
  while (size > 0) {
    Region* r = regions_.find(addr);
    if (!r) return ktl::Errno::Fault;
    uintptr_t page = page_down(addr);
    PhysAddr frame = TRY(fault_in_locked(*r, page, false));
    size_t chunk = page + kPage - addr;
    if (chunk > size) chunk = size;
    memcpy(to, arch::phys_to_ptr<uint8_t>(frame) + (addr - page), chunk);
    addr += chunk;
    to += chunk;
    size -= chunk;
  }
  return {};
}

size_t AddressSpace::region_count() {
  ktl::SpinGuard guard(lock_);
  return regions_.count();
}

size_t AddressSpace::resident_pages() {
  ktl::SpinGuard guard(lock_);
  size_t n = 0;
  regions_.for_each([&](const Region& r) {
    for (uintptr_t va = r.start; va < r.end; va += kPage) {
      contract::Translation t;
      if (table_->query(va, &t)) ++n;
    }
  });
  return n;
}

}  // namespace mm
