// mm/kernel_allocators.hh - the kernel's one page allocator and one heap (kernel only).
//
// The allocator classes take their lock type as a parameter (mm/lock_policy.hh); these
// are the kernel's instances, with ktl::SpinLock. Both are defined in mm/physical.cc, the
// heap after the page allocator so their constructors run in that order. Other mm files
// reach them here; the rest of the kernel goes through mm/mm.hh.
#pragma once

#include "lib/spinlock.hh"
#include "mm/heap.hh"
#include "mm/page_allocator.hh"

namespace mm {

using KernelPageAllocator = PageAllocator<ktl::SpinLock>;
using KernelHeap = Heap<ktl::SpinLock>;

extern KernelPageAllocator kernel_pages;
extern KernelHeap kernel_heap;

}  // namespace mm
