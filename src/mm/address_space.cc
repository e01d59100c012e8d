// mm/address_space.cc - creating, copying and destroying address spaces; mmap, munmap,
// mprotect, madvise and brk over the region map.
//
// Every operation follows one pattern: take lock_, change the RegionMap, then bring the
// page table in line with it (free the pages of removed ranges, re-protect the pages of
// changed regions). Pages are freed one at a time after their translation is gone, so
// no CPU can still reach a page that the allocator hands out again.
#include "mm/address_space.hh"

#include <arch/layout.hh>
#include <new>

#include "lib/string.hh"
#include "mm/mm.hh"
#include "mm/user_layout.hh"
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
  regions_.for_each([&](const Region& r) { release_pages_locked(r.start, r.end); });
  regions_.clear();
  arch::PageTable::destroy(table_);
}

void AddressSpace::put() {
  if (refs_.fetch_sub(1) == 1) delete this;
}

void AddressSpace::release_pages_locked(uintptr_t start, uintptr_t end) {
  for (uintptr_t va = start; va < end; va += kPage) {
    contract::Translation t;
    if (!table_->query(va, &t)) continue;
    table_->unmap(va, kPage);
    page_free(page_down(t.phys));
  }
}

void AddressSpace::apply_prot_locked(const Region& r) {
  uint32_t prot = arch_prot(r.prot);
  for (uintptr_t va = r.start; va < r.end; va += kPage) {
    contract::Translation t;
    if (table_->query(va, &t) && t.prot != prot) (void)table_->protect(va, kPage, prot);
  }
}

ktl::Result<void> AddressSpace::fault_in_locked(const Region& r, uintptr_t page) {
  PhysAddr frame = TRY(page_alloc_zeroed());
  auto mapped = table_->map(page, frame, kPage, arch_prot(r.prot));
  if (mapped.is_error()) {
    page_free(frame);
    if (mapped.error() != ktl::Errno::Exist) return mapped.error();
  }
  return {};
}

ktl::Result<uintptr_t> AddressSpace::map_anonymous(uintptr_t addr, size_t size, uint32_t prot,
                                                   bool fixed, bool noreplace, RegionKind kind) {
  if (size == 0) return ktl::Errno::Inval;
  size = page_up(size);
  if (size == 0) return ktl::Errno::NoMem;  // wrapped
  ktl::SpinGuard guard(lock_);
  uintptr_t at;
  if (fixed) {
    if (addr % kPage) return ktl::Errno::Inval;
    if (!user_range(addr, size)) return ktl::Errno::NoMem;
    if (!regions_.is_free(addr, addr + size)) {
      if (noreplace) return ktl::Errno::Exist;
      TRY(regions_.remove_range(addr, addr + size,
                                [&](uintptr_t s, uintptr_t e) { release_pages_locked(s, e); }));
    }
    at = addr;
  } else if (addr && user_range(page_down(addr), size) &&
             regions_.is_free(page_down(addr), page_down(addr) + size)) {
    at = page_down(addr);
  } else {
    at = TRY(regions_.find_free_top_down(size, kUserMin, kMmapTop));
  }
  Region* r = TRY(regions_.insert(at, at + size, prot, kind));
  regions_.merge_around(r);
  return at;
}

ktl::Result<void> AddressSpace::unmap(uintptr_t addr, size_t size) {
  if (addr % kPage || size == 0) return ktl::Errno::Inval;
  size = page_up(size);
  if (addr >= contract::kUserEnd || size > contract::kUserEnd - addr) return ktl::Errno::Inval;
  ktl::SpinGuard guard(lock_);
  return regions_.remove_range(addr, addr + size,
                               [&](uintptr_t s, uintptr_t e) { release_pages_locked(s, e); });
}

ktl::Result<void> AddressSpace::protect(uintptr_t addr, size_t size, uint32_t prot) {
  if (addr % kPage) return ktl::Errno::Inval;
  if (size == 0) return {};
  size = page_up(size);
  if (addr >= contract::kUserEnd || size > contract::kUserEnd - addr) return ktl::Errno::NoMem;
  ktl::SpinGuard guard(lock_);
  TRY(regions_.protect_range(addr, addr + size, prot,
                             [&](Region& r) { apply_prot_locked(r); }));
  return {};
}

ktl::Result<void> AddressSpace::discard(uintptr_t addr, size_t size) {
  if (addr % kPage) return ktl::Errno::Inval;
  size = page_up(size);
  if (addr >= contract::kUserEnd || size > contract::kUserEnd - addr) return ktl::Errno::Inval;
  ktl::SpinGuard guard(lock_);
  for (Region* r = regions_.first_ending_after(addr); r && r->start < addr + size; r = r->next) {
    uintptr_t s = r->start > addr ? r->start : addr;
    uintptr_t e = r->end < addr + size ? r->end : addr + size;
    release_pages_locked(s, e);
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
    auto r = regions_.insert(old_top, new_top, uapi::kProtRead | uapi::kProtWrite,
                             RegionKind::Heap);
    if (r.is_error()) return brk_;
    regions_.merge_around(r.value());
  } else if (new_top < old_top) {
    auto removed = regions_.remove_range(
        new_top, old_top, [&](uintptr_t s, uintptr_t e) { release_pages_locked(s, e); });
    if (removed.is_error()) return brk_;
  }
  brk_ = request;
  return brk_;
}

ktl::Result<AddressSpace*> AddressSpace::copy_for_fork() {
  AddressSpace* child = TRY(create());
  ktl::Result<void> status;
  {
    ktl::SpinGuard guard(lock_);
    child->brk_start_ = brk_start_;
    child->brk_ = brk_;
    for (Region* r = regions_.first(); r && status.is_ok(); r = r->next) {
      auto copy = child->regions_.insert(r->start, r->end, r->prot, r->kind);
      if (copy.is_error()) {
        status = copy.error();
        break;
      }
      for (uintptr_t va = r->start; va < r->end; va += kPage) {
        contract::Translation t;
        if (!table_->query(va, &t)) continue;
        auto frame = page_alloc();
        if (frame.is_error()) {
          status = frame.error();
          break;
        }
        memcpy(arch::phys_to_ptr<void>(frame.value()),
               arch::phys_to_ptr<void>(page_down(t.phys)), kPage);
        auto mapped = child->table_->map(va, frame.value(), kPage, t.prot);
        if (mapped.is_error()) {
          page_free(frame.value());
          status = mapped.error();
          break;
        }
      }
    }
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
    contract::Translation t;
    if (!table_->query(page, &t)) {
      TRY(fault_in_locked(*r, page));
      if (!table_->query(page, &t)) return ktl::Errno::Fault;
    }
    size_t chunk = page + kPage - addr;
    if (chunk > size) chunk = size;
    memcpy(arch::phys_to_ptr<uint8_t>(page_down(t.phys)) + (addr - page), from, chunk);
    addr += chunk;
    from += chunk;
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
