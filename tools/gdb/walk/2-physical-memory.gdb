# tools/gdb/walk/2-physical-memory.gdb - lab 2: the buddy allocator at work.
# cmdline: test=mm
# smp: 2
#
# Run with `make walk LAB=2 [ARCH=aarch64]`. Stops:
#   1. mm::init, before and after: from no free page to every free page in the buddy
#      allocator's lists, counted exactly as the kernel prints it ("mm: N pages free");
#   2. the first BuddyAllocator::alloc that finds its own free list empty, so it must
#      split a bigger block: `sea mem` before and after shows one block leave a high
#      order and one block appear on every order below it;
#   3. the first BuddyAllocator::free: the block goes back and merges with its buddy
#      while the buddy is free too.
# `sea mem` reads mm::kernel_pages: free_blocks_[k] per order, each CPU's page cache.

echo \n=== 1. mm::init: the page allocator is built from the boot memory map ===\n
hbreak mm::init
continue
bt
echo \nBefore: nothing is free yet.\n
sea mem
finish
echo \nAfter: every usable page is in a free list, mostly as 4 MiB blocks (order 10).\n
sea mem
echo \nThe kernel's own count, from its log:\n
sea log

echo \n=== 2. An allocation that must split a block ===\n
delete
hbreak mm::BuddyAllocator::alloc if this->free_blocks_[order] == 0
continue
bt 4
printf "alloc(order %d): free list %d is empty, so a bigger block is split\n", order, order
sea mem
finish
echo \nAfter the split: the big block left its order; one buddy of each size below it\n
echo stayed behind on the free lists (and the caller got the lowest piece).\n
sea mem

echo \n=== 3. A free that merges with its buddy ===\n
echo test=mm first takes every free page, so the first frees find their buddies still\n
echo allocated; stop at the first free whose buddy (page frame pfn ^ 2^order) is free.\n
delete
set $pages = mm::kernel_pages.buddy_.map_.pages_
set $first_pfn = mm::kernel_pages.buddy_.map_.first_pfn_
hbreak mm::BuddyAllocator::free if $pages[(($first_pfn + (block - $pages)) ^ (1 << order)) - $first_pfn].state == mm::PageState::Free && $pages[(($first_pfn + (block - $pages)) ^ (1 << order)) - $first_pfn].order == order
continue
bt 4
set $pfn = $first_pfn + (block - $pages)
printf "free(order %d) of the block at page frame %lu; its buddy %lu is free\n", order, $pfn, $pfn ^ (1 << order)
sea mem
finish
echo \nAfter the free: the two buddies left order N and came back as one block of a\n
echo higher order (and again, while that block's buddy was free too).\n
sea mem lists
