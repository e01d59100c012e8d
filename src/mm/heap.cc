// mm/heap.cc - the arithmetic of kmalloc's size classes (the Heap itself is a template in
// mm/heap.hh, instantiated with the kernel's spin lock in mm/kmalloc.cc).
#include "mm/heap.hh"

namespace mm {

size_t size_class_index(size_t size) {
  // Twelve classes: a linear scan is as fast as anything cleverer and obviously right.
  size_t index = 0;
  while (index < kSizeClassCount && kSizeClasses[index].size < size) ++index;
  return index;
}

unsigned order_for_bytes(size_t bytes) {
  unsigned order = 0;
  while (order <= kMaxOrder && (kPageSize << order) < bytes) ++order;
  return order;
}

}  // namespace mm
