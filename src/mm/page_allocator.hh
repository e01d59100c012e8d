// mm/page_allocator.hh - the physical page allocator: per-CPU caches over one buddy zone.
//
// This is the object the rest of the kernel allocates pages from (through mm/mm.hh).
// Single pages go through the calling CPU's PageCache and usually touch no shared state;
// larger blocks, and the cache's refills and drains, take the zone lock and go to the
// BuddyAllocator. Every page is either Reserved, in the buddy's free lists, in some CPU's
// cache, or handed out, so free_pages() - buddy plus caches - is exact.
//
// Callers pass their CPU index and must stay on that CPU with interrupts off for the
// call (the kernel's wrappers in mm/physical.cc do that); the host tests pass any index
// below boot::kMaxCpus to play several CPUs. Lock order: a heap class lock, then the
// zone lock (the heap gets slab pages from here while holding its lock).
#pragma once

#include <stddef.h>

#include <contract/boot.hh>

#include "mm/buddy.hh"
#include "mm/lock_policy.hh"
#include "mm/page_cache.hh"

namespace mm {

template <Lockable Lock>
class PageAllocator {
 public:
  PageAllocator() = default;
  PageAllocator(const PageAllocator&) = delete;
  PageAllocator& operator=(const PageAllocator&) = delete;

  // For boot set-up only (one CPU, before any allocation): mm/boot_memory.cc fills it.
  BuddyAllocator& buddy_for_boot() { return buddy_; }
  const PageMap& map() const { return buddy_.map(); }

  // A block of 2^order pages (state Allocated). Errors: NoMem, Inval (order too big).
  Result<Page*> alloc(unsigned order, unsigned cpu) {
    if (order == 0) {
      PageCache& cache = caches_[cpu];
      if (cache.empty()) {
        LockHolder hold(zone_lock_);
        cache.refill(buddy_);
      }
      if (Page* page = cache.pop()) return page;
      return Errno::NoMem;
    }
    LockHolder hold(zone_lock_);
    Result<Page*> block = buddy_.alloc(order);
    if (block.is_error() && block.error() == Errno::NoMem && !caches_[cpu].empty()) {
      // Cached single pages may be the missing buddies: give them back and retry.
      caches_[cpu].drain(buddy_, PageCache::kHigh + 1);
      return buddy_.alloc(order);
    }
    return block;
  }

  // Gives back a block from alloc(order). A bad free is reported and ignored.
  void free(Page* block, unsigned order, unsigned cpu) {
    if (order == 0) {
      if (!buddy_.check_freeable(block, 0, "page allocator")) return;
      PageCache& cache = caches_[cpu];
      cache.push(block);
      if (cache.over_high()) {
        LockHolder hold(zone_lock_);
        cache.drain(buddy_, PageCache::kBatch);
      }
      return;
    }
    LockHolder hold(zone_lock_);
    buddy_.free(block, order);
  }

  // Gives this CPU's cached pages back to the buddy allocator (before taking a CPU
  // offline, or to let high-order allocations find every free page).
  void drain_cache(unsigned cpu) {
    LockHolder hold(zone_lock_);
    caches_[cpu].drain(buddy_, PageCache::kHigh + 1);
  }

  // Free pages: in the buddy's lists plus in every CPU's cache. Exact when no
  // allocation is in flight; a snapshot otherwise.
  size_t free_pages() {
    size_t total;
    {
      LockHolder hold(zone_lock_);
      total = buddy_.free_count();
    }
    for (const PageCache& cache : caches_) total += cache.count();
    return total;
  }

  size_t cached_pages(unsigned cpu) const { return caches_[cpu].count(); }

 private:
  Lock zone_lock_{"zone"};
  BuddyAllocator buddy_;              // guarded by zone_lock_
  PageCache caches_[boot::kMaxCpus];  // caches_[c]: only CPU c, interrupts off
};

}  // namespace mm
