// mm/kmalloc.cc - kmalloc/kfree: the kernel heap's entry points (kernel only).
//
// The heap's logic is mm/heap.hh (size classes over slab caches, large sizes from the
// buddy allocator), tested on the host; this file only pins the CPU around each call, as
// every user of per-CPU allocator state must (mm/cpu_pin.hh).
#include "mm/cpu_pin.hh"
#include "mm/kernel_allocators.hh"
#include "mm/mm.hh"

namespace mm {

Result<void*> kmalloc(size_t size) {
  CpuPin pin;
  return kernel_heap.alloc(size, pin.cpu());
}

Result<void*> kmalloc_aligned(size_t size, size_t align) {
  CpuPin pin;
  return kernel_heap.alloc_aligned(size, align, pin.cpu());
}

void kfree(void* ptr) {
  if (!ptr) return;
  CpuPin pin;
  kernel_heap.free(ptr, pin.cpu());
}

size_t kmalloc_usable_size(const void* ptr) { return kernel_heap.usable_size(ptr); }

void heap_trim() {
  CpuPin pin;
  kernel_heap.trim(pin.cpu());
}

}  // namespace mm
