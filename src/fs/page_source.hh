// fs/page_source.hh - where ramfs gets the pages that hold file data.
//
// In the kernel: the physical page allocator (mm::page_alloc_zeroed / page_free), with
// pages reached through the direct map (fs/page_source_kernel.cc, kernel_page_source()).
// In the host tests: a fake over malloc that can also be told to run out. Pages are named
// by their physical address, which is what the mmap issue will put in page tables.
#pragma once

#include <stdint.h>

#include "lib/result.hh"

namespace fs {

struct PageSource {
  // A zero-filled page. Errors: NoMem.
  ktl::Result<uint64_t> (*alloc_zeroed)();
  void (*free)(uint64_t phys);
  // The kernel address of the page's bytes.
  void* (*address)(uint64_t phys);
};

// The kernel's (kernel build only).
const PageSource& kernel_page_source();

}  // namespace fs
