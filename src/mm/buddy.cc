// mm/buddy.cc - splitting and merging power-of-two blocks of pages.
//
// The kernel needs physical memory in runs: one page for a page table, 2^k pages for a
// slab, a DMA ring or a 2 MiB mapping. Handing out runs of arbitrary length fragments
// memory into unusable slivers; the buddy system keeps fragmentation in check by only
// dealing in blocks of 2^k pages that start at a multiple of 2^k (their "order" k).
//
// Each order has a free list. To allocate order k, take a block from the smallest
// non-empty list of order >= k, and split it in halves until it is the right size: each
// split keeps the lower half and puts the upper half on the free list one order down.
// The two halves of a split are "buddies": the buddy of the order-k block at page number
// pfn is at pfn XOR 2^k. Freeing reverses this: while the block's buddy is itself a free
// block of the same order, take the buddy off its list and merge the two into one block
// of the next order (starting at the lower of the two). So free memory drifts back into
// large blocks as soon as every piece of them is free, and a free is O(kMaxOrder).
//
// The descriptor (Page) of a block's first page records its state and order, which is all
// a merge needs to know about a buddy. Pages inside a block are marked Tail. Reserved
// pages (holes, the kernel, firmware) are never Free, so no block ever merges into them.
#include "mm/buddy.hh"

#include "mm/debug.hh"

namespace mm {

void BuddyAllocator::init(const PageMap& map) {
  map_ = map;
  for (unsigned order = 0; order <= kMaxOrder; ++order) free_blocks_[order] = 0;
  free_pages_ = 0;
}

void BuddyAllocator::add_free_range(uint64_t first_pfn, uint64_t count) {
  uint64_t pfn = first_pfn, end = first_pfn + count;
  for (uint64_t p = pfn; p < end; ++p) map_.page_at_pfn(p)->state = PageState::Tail;
  while (pfn < end) {
    // The largest block that starts here aligned and still fits in the range.
    unsigned order = kMaxOrder;
    while (order > 0 && ((pfn & ((1ull << order) - 1)) != 0 || pfn + (1ull << order) > end))
      --order;
    push_free_block(map_.page_at_pfn(pfn), order);
    pfn += 1ull << order;
  }
}

bool BuddyAllocator::check_freeable(const Page* block, unsigned order, const char* who) const {
  if (!map_.contains(block)) {
    report_bug("%s: freeing %p, which is not a page descriptor", who,
               static_cast<const void*>(block));
    return false;
  }
  auto phys = static_cast<unsigned long>(map_.phys_of(block));
  switch (block->state) {
    case PageState::Allocated:
      break;
    case PageState::Free:
    case PageState::Cached:
      report_bug("%s: double free of page %#lx (order %u): it is already %s", who, phys, order,
                 page_state_name(block->state));
      return false;
    case PageState::Tail:
      report_bug(
          "%s: bad free of page %#lx (order %u): not the first page of an allocated "
          "block (or freed twice and merged since)",
          who, phys, order);
      return false;
    default:
      report_bug("%s: bad free of page %#lx (order %u): the page is %s", who, phys, order,
                 page_state_name(block->state));
      return false;
  }
  if (block->order != order) {
    report_bug("%s: page %#lx freed as order %u but allocated as order %u", who, phys, order,
               block->order);
    return false;
  }
  return true;
}

void BuddyAllocator::push_free_block(Page* head, unsigned order) {
  head->state = PageState::Free;
  head->order = static_cast<uint8_t>(order);
  free_lists_[order].push_front(head);
  ++free_blocks_[order];
  free_pages_ += size_t{1} << order;
}

void BuddyAllocator::remove_free_block(Page* head, unsigned order) {
  free_lists_[order].remove(head);
  head->state = PageState::Tail;
  --free_blocks_[order];
  free_pages_ -= size_t{1} << order;
}

Page* BuddyAllocator::pop_free_block(unsigned order) {
  Page* head = free_lists_[order].front();
  if (head) remove_free_block(head, order);
  return head;
}

// LAB 2 physical-memory: BEGIN
Result<Page*> BuddyAllocator::alloc(unsigned order) {
  if (order > kMaxOrder) return Errno::Inval;
  // The smallest free block that is large enough.
  unsigned found = order;
  while (found <= kMaxOrder && free_lists_[found].empty()) ++found;
  if (found > kMaxOrder) return Errno::NoMem;
  Page* block = pop_free_block(found);

  // Split down to the size asked for: keep the lower half, free the upper half.
  while (found > order) {
    --found;
    push_free_block(block + (size_t{1} << found), found);
  }
  block->state = PageState::Allocated;
  block->order = static_cast<uint8_t>(order);
  return block;
}

void BuddyAllocator::free(Page* block, unsigned order) {
  if (!check_freeable(block, order, "page allocator")) return;
  block->state = PageState::Tail;  // until we know where the merged block starts
  uint64_t pfn = map_.pfn_of(block);
  while (order < kMaxOrder) {
    uint64_t buddy_pfn = pfn ^ (1ull << order);
    if (!map_.contains_pfn(buddy_pfn)) break;
    Page* buddy = map_.page_at_pfn(buddy_pfn);
    if (buddy->state != PageState::Free || buddy->order != order) break;
    remove_free_block(buddy, order);  // the buddy joins us: it is a Tail now
    pfn &= ~(1ull << order);          // the merged block starts at the lower of the two
    ++order;
  }
  push_free_block(map_.page_at_pfn(pfn), order);
}
// LAB 2: STUB
// Result<Page*> BuddyAllocator::alloc(unsigned order) {
//   // Find the smallest free list with a block of order >= `order`, take the block,
//   // split it down (pushing the upper halves back), mark it Allocated.
//   (void)order;
//   return Errno::NoMem;
// }
//
// void BuddyAllocator::free(Page* block, unsigned order) {
//   // Check with check_freeable(), then merge with the buddy (pfn ^ 2^order) while it
//   // is a Free block of the same order, and push the merged block.
//   (void)block;
//   (void)order;
// }
// LAB 2: END

}  // namespace mm
