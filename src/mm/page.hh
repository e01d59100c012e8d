// mm/page.hh - one descriptor per physical page, and the map from pages to addresses.
//
// The kernel needs to know things about each page of RAM that it cannot store in the
// page itself (the page belongs to whoever allocated it): is it free, how big is the
// block it starts, which slab cache owns it. So at boot mm builds an array of `Page`
// descriptors, one per 4 KiB page from the lowest to the highest free page, carved out of
// RAM itself (mm/boot_memory.cc). Page number (pfn), physical address, direct-map address
// and descriptor then convert into each other with a subtraction and a shift: PageMap.
//
// The PageMap does not know about the architecture: it is given the offset between a
// physical address and its direct-map address (arch::kDirectMapBase in the kernel; in
// the host tests, the distance from a made-up physical base to a malloc'd arena).
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "lib/atomic.hh"
#include "lib/list.hh"

namespace mm {

using PhysAddr = uint64_t;

inline constexpr unsigned kPageShift = 12;
inline constexpr size_t kPageSize = size_t{1} << kPageShift;
// Largest buddy block: 2^kMaxOrder pages (order 10 = 4 MiB).
inline constexpr unsigned kMaxOrder = 10;

class SlabCache;

// What a page is doing. `state` and `order` are meaningful on the first page of a block
// (the head); every other page of a free or allocated block is a Tail.
enum class PageState : uint8_t {
  Reserved,   // not RAM we manage: firmware, kernel image, initrd, a hole, this array
  Free,       // head of a free buddy block, on the buddy's free list for `order`
  Tail,       // inside a block whose head is elsewhere
  Allocated,  // head of a block handed out by the page allocator
  Cached,     // a free order-0 page parked in a per-CPU cache (counts as free)
  Slab,       // part of a slab; `slab_cache` says whose
  Large,      // head of a block handed out by kmalloc for a large size
};

constexpr const char* page_state_name(PageState s) {
  switch (s) {
    case PageState::Reserved:
      return "reserved";
    case PageState::Free:
      return "free";
    case PageState::Tail:
      return "tail";
    case PageState::Allocated:
      return "allocated";
    case PageState::Cached:
      return "cached";
    case PageState::Slab:
      return "slab";
    case PageState::Large:
      return "large";
  }
  return "?";
}

// Guarded by whoever owns the page at the moment: the zone lock while it is Free or Tail
// of a free block, its CPU (interrupts off) while Cached, the slab cache's lock while Slab,
// and the allocating code while Allocated or Large.
struct Page : ktl::ListLink<> {  // the link: a buddy free list, a per-CPU cache or a slab list
  PageState state = PageState::Reserved;
  uint8_t order = 0;                // heads: the block is 2^order pages
  uint16_t slab_in_use = 0;         // Slab head: objects handed out from this slab
  // Allocated pages of user memory: how many VmObjects hold this page in a slot
  // (mm/vm_object.hh). Copy-on-write shares a page while this is above 1. Atomic: the
  // objects sharing a page are locked independently. Sits in what was padding.
  ktl::Atomic<uint32_t> user_refs{0};
  SlabCache* slab_cache = nullptr;  // Slab (every page of the slab): the owning cache
  void* slab_free = nullptr;        // Slab head: first free object; each points to the next
};

// Converts between page numbers, descriptors, physical and direct-map addresses for the
// pages [first_pfn, first_pfn + count). Written once at boot, read-only afterwards.
class PageMap {
 public:
  void init(Page* pages, uint64_t first_pfn, size_t count, uintptr_t direct_map_offset) {
    pages_ = pages;
    first_pfn_ = first_pfn;
    count_ = count;
    offset_ = direct_map_offset;
  }

  uint64_t first_pfn() const { return first_pfn_; }
  size_t page_count() const { return count_; }
  uintptr_t direct_map_offset() const { return offset_; }

  bool contains_pfn(uint64_t pfn) const { return pfn - first_pfn_ < count_; }  // wraps below
  // True when `page` points at one of this map's descriptors (a stray pointer is not).
  bool contains(const Page* page) const {
    auto at = reinterpret_cast<uintptr_t>(page), base = reinterpret_cast<uintptr_t>(pages_);
    return at >= base && at < base + count_ * sizeof(Page) && (at - base) % sizeof(Page) == 0;
  }
  Page* page_at_pfn(uint64_t pfn) const { return &pages_[pfn - first_pfn_]; }
  uint64_t pfn_of(const Page* page) const {
    return first_pfn_ + static_cast<uint64_t>(page - pages_);
  }
  PhysAddr phys_of(const Page* page) const { return pfn_of(page) << kPageShift; }

  void* phys_to_virt(PhysAddr phys) const { return reinterpret_cast<void*>(phys + offset_); }
  PhysAddr virt_to_phys(const void* virt) const {
    return reinterpret_cast<uintptr_t>(virt) - offset_;
  }
  void* virt_of(const Page* page) const { return phys_to_virt(phys_of(page)); }

  // The descriptor of the page holding `phys` / `virt`, or nullptr outside the map.
  Page* page_of_phys(PhysAddr phys) const {
    uint64_t pfn = phys >> kPageShift;
    return contains_pfn(pfn) ? page_at_pfn(pfn) : nullptr;
  }
  Page* page_of_virt(const void* virt) const { return page_of_phys(virt_to_phys(virt)); }

 private:
  Page* pages_ = nullptr;
  uint64_t first_pfn_ = 0;
  size_t count_ = 0;
  uintptr_t offset_ = 0;  // direct-map address = physical address + offset_
};

}  // namespace mm
