// mm/mm.hh - the kernel's physical memory and heap: what the rest of the kernel calls.
//
// Physical pages: page_alloc(order) gives 2^order contiguous pages aligned to their size
// (a physical address; reach it through arch::phys_to_ptr), page_free() takes them back,
// free_pages() counts what is free, exactly. Heap: kmalloc/kfree for objects of any size,
// and C++ new/delete on top of them (mm/new.cc). Nothing here returns a silent null: a
// failure is a Result error (ENOMEM). Everything may be called from any CPU, with
// interrupts on or off, after init(). Implementations: mm/physical.cc, mm/kmalloc.cc.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include <contract/boot.hh>

#include "lib/result.hh"
#include "mm/page.hh"

namespace mm {

using ktl::Errno;
using ktl::Result;

// Builds the page allocator over boot::Info's memory map (usable RAM minus low memory,
// the kernel, the initrd and the boot data) and the kernel heap, and prints one line:
// free pages and MiB, and what was reserved. Panics when there is no usable memory.
// Called once by kernel_main on the boot CPU, before anything allocates.
void init(const boot::Info& info);

// 2^order pages, physically contiguous, aligned to 2^order pages. Errors: NoMem, Inval
// (order > kMaxOrder). The contents are whatever was there before.
Result<PhysAddr> page_alloc(unsigned order = 0);
// The same, filled with zeros (page tables want this).
Result<PhysAddr> page_alloc_zeroed(unsigned order = 0);
// Frees a block from page_alloc with the same order. A bad free panics with a report.
void page_free(PhysAddr block, unsigned order = 0);

// Free pages, counting those parked in per-CPU caches. Exact when nothing is allocating.
size_t free_pages();
// The descriptor of the page holding `phys`, or nullptr when it is not managed RAM.
Page* page_of(PhysAddr phys);

// `size` bytes, 16-byte aligned (power-of-two sizes up to 8 KiB: aligned to their size).
Result<void*> kmalloc(size_t size);
// `size` bytes aligned to `align`, a power of two. Errors: NoMem, Inval.
Result<void*> kmalloc_aligned(size_t size, size_t align);
// Frees what kmalloc returned; nullptr does nothing. A double free panics with a report.
void kfree(void* ptr);
// Bytes usable at ptr (at least what was asked for); 0 for a pointer kmalloc never gave.
size_t kmalloc_usable_size(const void* ptr);
// Gives the heap's cached empty slabs back to the page allocator.
void heap_trim();

// The in-kernel self-test (test=mm): allocates every free page until ENOMEM, frees them
// all and checks free_pages() is back exactly; allocates a block of every order; kmalloc
// of many sizes and kmalloc until ENOMEM, all freed and counted back. Prints what it saw.
bool selftest_exhaust();

// The in-kernel self-test of user address spaces (test=vm, mm/vm_selftest.cc): maps,
// forks (copy-on-write and shared), writes on both sides, splits, destroys both, and
// checks free_pages() is back exactly.
bool selftest_vm();

// Page alloc+free and kmalloc+kfree throughput. `now_ns` returns a monotonic time in
// nanoseconds (the arch timer, once there is one); with nullptr the loops run and only
// their iteration counts are printed.
using ClockNs = uint64_t (*)();
void benchmark(ClockNs now_ns, unsigned iterations = 100000);

}  // namespace mm
