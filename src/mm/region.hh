// mm/region.hh - a Region: one contiguous, uniformly protected range of a user address
// space, and RegionMap, the ordered set of them.
//
// An address space is described by its regions, never by its page tables: a page table
// entry exists only once a page has been touched (demand paging), and it can always be
// rebuilt from the region that covers its address. A region says where ([start, end),
// page aligned), what the program may do there (PROT_READ/WRITE/EXEC as uapi numbers)
// and what it is for (kind: program image, heap, stack, anonymous mmap), and what memory
// appears there: pages [offset, offset + size) of a VmObject (mm/vm_object.hh), shared
// (MAP_SHARED: every mapping sees one set of pages) or private (copy-on-write). Today
// every object is anonymous memory, zero-filled on first touch; file and device objects
// come with the page cache.
//
// Each region holds one reference to its object: splitting a region takes another for
// the new half, erasing one drops it (vm_object_get/put; the host tests give objects as
// nullptr, which these skip).
//
// RegionMap keeps the regions sorted by address with no overlaps, so "which region holds
// this address" and "where is a free gap" are simple walks. It is a sorted list now
// (O(n)); the interface (find, insert, split_at, remove_range, protect_range) is what a
// balanced tree will provide later without touching the callers. It does no locking and
// knows nothing of page tables: AddressSpace (mm/address_space.hh) owns one under its
// lock and pairs each change with the page-table work. Host-tested (tests/unit/mm_as_*).
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "lib/result.hh"

namespace mm {

class VmObject;
void vm_object_get(VmObject* obj);  // mm/vm_object.cc; nullptr is ignored
void vm_object_put(VmObject* obj);

enum class RegionKind : uint8_t { Anonymous, Program, Heap, Stack };

struct Region {
  Region* prev = nullptr;  // neighbours in the RegionMap, by address; nullptr at the ends
  Region* next = nullptr;
  uintptr_t start = 0;  // page aligned
  uintptr_t end = 0;    // page aligned, > start
  uint32_t prot = 0;    // uapi kProtRead | kProtWrite | kProtExec
  RegionKind kind = RegionKind::Anonymous;
  bool shared = false;         // MAP_SHARED: writes go to the object, never copied
  VmObject* object = nullptr;  // the memory mapped here (one reference held)
  uint64_t offset = 0;         // byte offset in `object` of `start`, page aligned

  size_t size() const { return end - start; }
  // The object page index that backs the page at `addr`.
  size_t page_index(uintptr_t addr) const { return (offset + (addr - start)) >> 12; }
  bool contains(uintptr_t addr) const { return addr >= start && addr < end; }
};

class RegionMap {
 public:
  RegionMap() = default;
  ~RegionMap();
  RegionMap(const RegionMap&) = delete;
  RegionMap& operator=(const RegionMap&) = delete;

  // The region containing addr, or nullptr.
  Region* find(uintptr_t addr) const;
  // The first region (lowest address) that ends after `start`, or nullptr.
  Region* first_ending_after(uintptr_t start) const;
  // True when no region overlaps [start, end).
  bool is_free(uintptr_t start, uintptr_t end) const;
  // The highest address a such that [a, a + size) is free and lo <= a, a + size <= hi.
  // Errors: NoMem (no such gap).
  ktl::Result<uintptr_t> find_free_top_down(size_t size, uintptr_t lo, uintptr_t hi) const;

  // Adds a region over [start, end), which must be free, mapping `object` from `offset`
  // and taking over the caller's reference to it (dropped on error). Errors: NoMem, Exist.
  ktl::Result<Region*> insert(uintptr_t start, uintptr_t end, uint32_t prot, RegionKind kind,
                              VmObject* object = nullptr, uint64_t offset = 0, bool shared = false);
  // Makes `addr` a region boundary if it falls inside a region. Errors: NoMem.
  ktl::Result<void> split_at(uintptr_t addr);
  // Removes every part of a region inside [start, end), calling on_remove(start, end)
  // for each removed piece first. Errors: NoMem (a split failed; nothing was removed).
  template <class Fn>
  ktl::Result<void> remove_range(uintptr_t start, uintptr_t end, Fn on_remove);
  // Sets the protection of every region part inside [start, end), calling
  // on_change(region) for each after the change. The range must be fully covered
  // (Errors: NoMem for a gap, as mprotect reports, or for a failed split).
  template <class Fn>
  ktl::Result<void> protect_range(uintptr_t start, uintptr_t end, uint32_t prot, Fn on_change);
  // True when [start, end) is covered by regions without gaps.
  bool covered(uintptr_t start, uintptr_t end) const;
  // Joins `r` with its neighbours when they touch, have the same prot, kind and sharing,
  // and map the same object contiguously.
  void merge_around(Region* r);

  template <class Fn>
  void for_each(Fn fn) const {
    for (Region* r = first_; r; r = r->next) fn(*r);
  }
  size_t count() const;
  Region* first() const { return first_; }
  Region* last() const;
  void clear();

 private:
  void link_after(Region* pos, Region* r);  // pos == nullptr: at the front
  void erase(Region* r);

  Region* first_ = nullptr;  // lowest region; the chain is sorted, without overlaps
};

template <class Fn>
ktl::Result<void> RegionMap::remove_range(uintptr_t start, uintptr_t end, Fn on_remove) {
  TRY(split_at(start));
  TRY(split_at(end));
  Region* r = first_ending_after(start);
  while (r && r->start < end) {
    Region* following = r->next;
    on_remove(r->start, r->end);
    erase(r);
    r = following;
  }
  return {};
}

template <class Fn>
ktl::Result<void> RegionMap::protect_range(uintptr_t start, uintptr_t end, uint32_t prot,
                                           Fn on_change) {
  if (!covered(start, end)) return ktl::Errno::NoMem;
  TRY(split_at(start));
  TRY(split_at(end));
  for (Region* r = first_ending_after(start); r && r->start < end; r = r->next) {
    r->prot = prot;
    on_change(*r);
  }
  return {};
}

}  // namespace mm
