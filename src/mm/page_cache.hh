// mm/page_cache.hh - a per-CPU stash of free single pages in front of the buddy allocator.
//
// See mm/page_cache.cc. One PageCache belongs to one CPU and is only touched by that CPU
// with interrupts off, so it needs no lock; refill() and drain() reach into the shared
// buddy allocator and need the zone lock.
#pragma once

#include <stddef.h>

#include "lib/atomic.hh"
#include "lib/list.hh"
#include "mm/buddy.hh"
#include "mm/page.hh"

namespace mm {

class PageCache {
 public:
  static constexpr unsigned kBatch = 16;  // pages moved by one refill or drain
  static constexpr unsigned kHigh = 64;   // above this many, free drains a batch

  constexpr PageCache() = default;
  PageCache(const PageCache&) = delete;
  PageCache& operator=(const PageCache&) = delete;

  // A cached page (now Allocated, order 0), or nullptr when the cache is empty.
  Page* pop();
  // Parks an allocated order-0 page (the caller has checked it is one).
  void push(Page* page);

  // Moves up to `count` order-0 pages from the buddy allocator into the cache and
  // returns how many it got (fewer when memory runs out). Zone lock held.
  unsigned refill(BuddyAllocator& buddy, unsigned count = kBatch);
  // Gives up to `count` cached pages back to the buddy allocator. Zone lock held.
  unsigned drain(BuddyAllocator& buddy, unsigned count);

  bool empty() const { return cached_.empty(); }
  bool over_high() const { return count() > kHigh; }
  // Any CPU may read the count (free_pages() adds all caches up); only the owner writes.
  unsigned count() const { return count_.load(ktl::Order::Relaxed); }

 private:
  ktl::List<Page> cached_;          // owner CPU only, interrupts off
  ktl::Atomic<unsigned> count_{0};  // length of cached_
};

}  // namespace mm
