// mm/buddy.hh - the buddy allocator: physical pages in power-of-two blocks.
//
// See mm/buddy.cc for how it works. This class does no locking: the PageAllocator that
// owns it (mm/page_allocator.hh) holds the zone lock around every call after boot.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "lib/list.hh"
#include "lib/result.hh"
#include "mm/page.hh"

namespace mm {

using ktl::Errno;
using ktl::Result;

class BuddyAllocator {
 public:
  BuddyAllocator() = default;
  BuddyAllocator(const BuddyAllocator&) = delete;
  BuddyAllocator& operator=(const BuddyAllocator&) = delete;

  // Takes over the descriptors of `map`, all Reserved, with nothing free yet.
  void init(const PageMap& map);

  // Hands the pages [first_pfn, first_pfn + count) to the allocator as free memory, in
  // the largest aligned blocks that fit. Precondition: the pages are in the map and
  // Reserved, and the range does not touch one added before (boot_memory's ranges are
  // separated by reserved pages), so no merge across ranges is needed.
  void add_free_range(uint64_t first_pfn, uint64_t count);

  // A block of 2^order pages, aligned to its size (pfn % 2^order == 0), state Allocated.
  // Errors: Inval if order > kMaxOrder, NoMem if no block that large is free.
  Result<Page*> alloc(unsigned order);

  // Gives back a block from alloc(order); merges it with its free buddies. A block that
  // is not an allocated head of that order (double free, wrong order, stray pointer) is
  // reported through report_bug() and left alone.
  void free(Page* block, unsigned order);

  // True when `block` may be freed as an allocated block of `order`; reports if not.
  bool check_freeable(const Page* block, unsigned order, const char* who) const;

  size_t free_count() const { return free_pages_; }  // pages, exact
  size_t free_blocks(unsigned order) const { return free_blocks_[order]; }
  const PageMap& map() const { return map_; }

 private:
  void push_free_block(Page* head, unsigned order);
  void remove_free_block(Page* head, unsigned order);
  Page* pop_free_block(unsigned order);

  PageMap map_;  // set by init() at boot, read-only afterwards
  // The rest is guarded by the owner's zone lock.
  ktl::List<Page> free_lists_[kMaxOrder + 1];  // free_lists_[k]: free blocks of 2^k pages
  size_t free_blocks_[kMaxOrder + 1] = {};     // length of each free list
  size_t free_pages_ = 0;                      // sum of 2^k over all free blocks
};

}  // namespace mm
