// mm/heap.hh - the kernel heap behind kmalloc/kfree: size classes over slab caches.
//
// kmalloc(n) must serve any size, but slab caches serve one size each. So the heap has a
// cache per size class - 16, 32, 64, 96, 128, 192, 256, 512, 1024, 2048, 4096 and 8192
// bytes - and rounds a request up to the smallest class that holds it: at most a third of
// an object is wasted for the small classes (the 96 and 192 classes fill the worst gaps),
// at most half for the large ones. Bigger requests skip the slabs and take a buddy block
// of the next power-of-two number of pages straight from the page allocator.
//
// kfree(p) needs no size: the Page descriptor of p's page says whether p is in a slab (and
// of which cache) or is a Large block (and of which order).
//
// Alignment: a class's objects sit at multiples of its size from a slab start aligned to
// the slab size, so every object is 16-byte aligned and power-of-two classes are aligned
// to their size; large blocks are aligned to their size too. alloc_aligned() uses that.
//
// Each size class has its own lock; the page allocator's zone lock nests inside it.
#pragma once

#include <stddef.h>

#include "mm/lock_policy.hh"
#include "mm/page_allocator.hh"
#include "mm/slab.hh"

namespace mm {

struct SizeClass {
  size_t size;          // bytes per object
  unsigned slab_order;  // slabs of 2^slab_order pages: at least 4 objects each
  const char* name;
};

inline constexpr SizeClass kSizeClasses[] = {
    {16, 0, "kmalloc-16"},     {32, 0, "kmalloc-32"},     {64, 0, "kmalloc-64"},
    {96, 0, "kmalloc-96"},     {128, 0, "kmalloc-128"},   {192, 0, "kmalloc-192"},
    {256, 0, "kmalloc-256"},   {512, 0, "kmalloc-512"},   {1024, 0, "kmalloc-1024"},
    {2048, 1, "kmalloc-2048"}, {4096, 2, "kmalloc-4096"}, {8192, 3, "kmalloc-8192"},
};
inline constexpr size_t kSizeClassCount = sizeof kSizeClasses / sizeof kSizeClasses[0];
inline constexpr size_t kLargestClass = kSizeClasses[kSizeClassCount - 1].size;

// Index of the smallest class that holds `size` bytes; kSizeClassCount when too big.
size_t size_class_index(size_t size);

// Smallest order whose block (2^order pages) holds `bytes`; kMaxOrder + 1 when none does.
unsigned order_for_bytes(size_t bytes);

template <Lockable Lock>
class Heap {
 public:
  explicit Heap(PageAllocator<Lock>& pages) : pages_(pages) {
    for (size_t i = 0; i < kSizeClassCount; ++i)
      classes_[i].cache.init(kSizeClasses[i].name, kSizeClasses[i].size, kSizeClasses[i].slab_order,
                             &pages.map());
  }
  Heap(const Heap&) = delete;
  Heap& operator=(const Heap&) = delete;

  // `size` bytes (0 is served as 1), 16-byte aligned. Errors: NoMem.
  // Same CPU rules as PageAllocator: stay on `cpu` with interrupts off.
  Result<void*> alloc(size_t size, unsigned cpu);

  // `size` bytes aligned to `align` (a power of two). Errors: NoMem, Inval (bad align).
  Result<void*> alloc_aligned(size_t size, size_t align, unsigned cpu);

  // Frees what alloc() returned; nullptr is ignored; anything else is reported.
  void free(void* ptr, unsigned cpu);

  // The bytes usable at ptr (its class size or block size); 0 for a bad pointer.
  size_t usable_size(const void* ptr) const;

  // Gives every cached empty slab back to the page allocator (memory pressure, tests).
  void trim(unsigned cpu);

  const SlabCache& cache(size_t index) const { return classes_[index].cache; }

 private:
  struct Class {
    Lock lock{"kmalloc class"};
    SlabCache cache;  // guarded by lock
  };

  Result<void*> alloc_large(size_t size, unsigned cpu);

  PageAllocator<Lock>& pages_;
  Class classes_[kSizeClassCount];
};

template <Lockable Lock>
Result<void*> Heap<Lock>::alloc(size_t size, unsigned cpu) {
  size_t index = size_class_index(size == 0 ? 1 : size);
  if (index == kSizeClassCount) return alloc_large(size, cpu);
  Class& c = classes_[index];
  LockHolder hold(c.lock);
  Result<void*> object = c.cache.alloc();
  if (object.is_ok() || object.error() != Errno::NoMem) return object;
  // Every slab is full: add one and try again.
  Page* slab = TRY(pages_.alloc(c.cache.slab_order(), cpu));
  if (Result<void> added = c.cache.add_slab(slab); added.is_error()) {
    pages_.free(slab, c.cache.slab_order(), cpu);
    return added.error();
  }
  return c.cache.alloc();
}

template <Lockable Lock>
Result<void*> Heap<Lock>::alloc_large(size_t size, unsigned cpu) {
  unsigned order = order_for_bytes(size);
  if (order > kMaxOrder) return Errno::NoMem;
  Page* block = TRY(pages_.alloc(order, cpu));
  block->state = PageState::Large;  // so free() knows the block is kmalloc's
  return pages_.map().virt_of(block);
}

template <Lockable Lock>
Result<void*> Heap<Lock>::alloc_aligned(size_t size, size_t align, unsigned cpu) {
  if (align == 0 || (align & (align - 1)) != 0) return Errno::Inval;
  if (align <= 16) return alloc(size, cpu);
  // Round up to a power of two no smaller than align: such a class, or a large block,
  // is aligned to its own size.
  size_t rounded = align;
  while (rounded < size) rounded <<= 1;
  return alloc(rounded, cpu);
}

template <Lockable Lock>
void Heap<Lock>::free(void* ptr, unsigned cpu) {
  if (!ptr) return;
  const PageMap& map = pages_.map();
  Page* page = map.page_of_virt(ptr);
  if (page && page->state == PageState::Slab) {
    SlabCache* cache = page->slab_cache;
    Class& c = classes_[size_class_index(cache->object_size())];
    Page* empty_slab;
    {
      LockHolder hold(c.lock);
      empty_slab = c.cache.free(ptr, page);
    }
    if (empty_slab) pages_.free(empty_slab, c.cache.slab_order(), cpu);
    return;
  }
  if (page && page->state == PageState::Large && map.virt_of(page) == ptr) {
    page->state = PageState::Allocated;  // what the page allocator's free expects
    pages_.free(page, page->order, cpu);
    return;
  }
  report_bug("kfree(%p): not allocated by kmalloc (page is %s)", ptr,
             page ? page_state_name(page->state) : "outside RAM");
}

template <Lockable Lock>
size_t Heap<Lock>::usable_size(const void* ptr) const {
  Page* page = pages_.map().page_of_virt(ptr);
  if (page && page->state == PageState::Slab) return page->slab_cache->object_size();
  if (page && page->state == PageState::Large) return kPageSize << page->order;
  return 0;
}

template <Lockable Lock>
void Heap<Lock>::trim(unsigned cpu) {
  for (Class& c : classes_) {
    LockHolder hold(c.lock);
    while (Page* slab = c.cache.release_empty_slab()) pages_.free(slab, c.cache.slab_order(), cpu);
  }
}

}  // namespace mm
