// mm/page_cache.cc - per-CPU page caches: the common case without the shared lock.
//
// Most page allocations are single pages (page tables, page-cache pages, anonymous memory
// on a fault), and on a machine with many CPUs they would all queue on the buddy
// allocator's one lock. So each CPU keeps a small stack of free pages of its own. An
// allocation pops from it with no lock at all (interrupts off keeps the CPU to itself);
// only when the stack is empty does the CPU take the zone lock, once, to refill a whole
// batch. A free pushes onto the stack, and when the stack grows past kHigh the CPU gives
// a batch back under one lock acquisition. The lock is taken once per kBatch operations
// instead of once per operation, and a page freed and soon reused on the same CPU is
// probably still in that CPU's cache memory (the stack is last-in, first-out).
//
// Pages in a cache are free memory: free_pages() counts them. The price is that a CPU can
// run out while another CPU's cache still holds pages; PageAllocator drains the asking
// CPU's own cache before reporting ENOMEM for a larger block, and a cache never holds
// more than kHigh + 1 pages.
#include "mm/page_cache.hh"

namespace mm {

Page* PageCache::pop() {
  Page* page = cached_.pop_front();
  if (!page) return nullptr;
  count_.store(count() - 1, ktl::Order::Relaxed);
  page->state = PageState::Allocated;
  page->order = 0;
  return page;
}

void PageCache::push(Page* page) {
  page->state = PageState::Cached;
  cached_.push_front(page);
  count_.store(count() + 1, ktl::Order::Relaxed);
}

unsigned PageCache::refill(BuddyAllocator& buddy, unsigned count) {
  unsigned got = 0;
  for (; got < count; ++got) {
    Result<Page*> page = buddy.alloc(0);
    if (page.is_error()) break;
    push(page.value());
  }
  return got;
}

unsigned PageCache::drain(BuddyAllocator& buddy, unsigned count) {
  unsigned given = 0;
  for (; given < count; ++given) {
    Page* page = pop();  // Allocated, order 0: what the buddy's free() expects
    if (!page) break;
    buddy.free(page, 0);
  }
  return given;
}

}  // namespace mm
