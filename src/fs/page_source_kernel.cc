// fs/page_source_kernel.cc - ramfs pages from the kernel's page allocator (kernel only).
#include <arch/layout.hh>

#include "fs/page_source.hh"
#include "mm/mm.hh"

namespace fs {
namespace {

ktl::Result<uint64_t> alloc_zeroed() { return mm::page_alloc_zeroed(0); }
void free_page(uint64_t phys) { mm::page_free(phys, 0); }
void* address(uint64_t phys) { return arch::phys_to_ptr<void>(phys); }

constexpr PageSource kKernelPages = {alloc_zeroed, free_page, address};

}  // namespace

const PageSource& kernel_page_source() { return kKernelPages; }

}  // namespace fs
