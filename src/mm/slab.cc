// mm/slab.cc - slab caches: many small objects of one size, from whole pages.
//
// The page allocator deals in 4 KiB pages, but most kernel objects are tens or hundreds
// of bytes. A slab cache serves objects of one size: it takes a block of pages from the
// page allocator (a "slab"), cuts it into equal objects, and strings the free ones on a
// list that runs through the objects themselves (the first word of a free object points
// to the next), so bookkeeping costs no memory beyond the slab's Page descriptor. Handing
// out an object is popping that list; freeing is pushing onto it - a few instructions,
// no search, no fragmentation inside the slab since every hole is exactly one object.
//
// The cache keeps its slabs on two lists: `partial_` (some object free) and `full_`.
// alloc() takes from the first partial slab; free() finds the slab from the object's
// address (through its Page descriptor, which names the cache) and moves a full slab back
// to partial. When a slab becomes wholly free it is kept for reuse, up to
// kKeepEmptySlabs of them; past that it goes back to the page allocator, so a burst of
// allocations does not pin memory forever, and a steady alloc/free pattern does not
// bounce pages in and out of the page allocator.
//
// Debug builds (mm/debug.hh) poison a freed object (bytes past the two link words become
// kFreePoison, the second word kFreeObjectTag). alloc() checks the poison, so a write
// after free is caught at the next allocation of that object; free() checks the tag,
// and when it is there confirms on the slab's free list that the object really is free:
// that is a double free, reported with the cache's name and the address.
#include "mm/slab.hh"

#include "lib/string.hh"
#include "mm/debug.hh"

namespace mm {

void SlabCache::init(const char* name, size_t object_size, unsigned slab_order,
                     const PageMap* map) {
  name_ = name;
  object_size_ = object_size < kMinObjectSize ? kMinObjectSize : object_size;
  slab_order_ = slab_order;
  objects_per_slab_ = (kPageSize << slab_order) / object_size_;
  map_ = map;
}

Page* SlabCache::slab_head(Page* page) const {
  uint64_t pfn = map_->pfn_of(page) & ~((uint64_t{1} << slab_order_) - 1);
  return map_->page_at_pfn(pfn);  // slabs are buddy blocks: aligned to their size
}

// True when `object` is the start of an object of this cache in `slab` and not free.
bool SlabCache::check_object(const void* object, Page* slab) const {
  auto base = reinterpret_cast<uintptr_t>(map_->virt_of(slab));
  uintptr_t offset = reinterpret_cast<uintptr_t>(object) - base;
  if (slab->slab_cache != this || offset % object_size_ != 0 ||
      offset >= objects_per_slab_ * object_size_) {
    report_bug("slab cache %s: free of %p: not the start of an object of this cache", name_,
               object);
    return false;
  }
  if (kDebug && static_cast<const FreeObject*>(object)->tag == kFreeObjectTag &&
      on_free_list(slab, object)) {
    report_bug("slab cache %s: double free of %p (slab at %p)", name_, object,
               reinterpret_cast<void*>(base));
    return false;
  }
  return true;
}

bool SlabCache::on_free_list(const Page* slab, const void* object) const {
  auto* o = static_cast<const FreeObject*>(slab->slab_free);
  for (size_t steps = 0; o && steps < objects_per_slab_; ++steps, o = o->next)
    if (o == object) return true;
  return false;
}

void SlabCache::poison(void* object) const {
  auto* o = static_cast<FreeObject*>(object);
  o->tag = kFreeObjectTag;
  memset(o + 1, kFreePoison, object_size_ - sizeof(FreeObject));
}

// Debug builds: a free object must still be exactly as free() left it.
void SlabCache::check_poison(const void* object, const Page* slab) const {
  auto* o = static_cast<const FreeObject*>(object);
  auto* bytes = static_cast<const uint8_t*>(object);
  auto base = reinterpret_cast<uintptr_t>(map_->virt_of(slab));
  auto next = reinterpret_cast<uintptr_t>(o->next);
  size_t first_bad = object_size_;  // none
  if (o->next &&
      (next - base >= objects_per_slab_ * object_size_ || (next - base) % object_size_ != 0))
    first_bad = 0;  // the free-list link
  else if (o->tag != kFreeObjectTag)
    first_bad = sizeof(o->next);
  for (size_t i = sizeof(FreeObject); i < object_size_ && first_bad == object_size_; ++i)
    if (bytes[i] != kFreePoison) first_bad = i;
  if (first_bad < object_size_)
    report_bug("slab cache %s: object %p was written after it was freed (byte %zu)", name_, object,
               first_bad);
}

// Takes a wholly free slab out of the cache; returns its head as an allocated block.
Page* SlabCache::take_out(Page* slab) {
  partial_.remove(slab);
  --empty_slabs_;
  --slab_count_;
  for (size_t i = 0; i < (size_t{1} << slab_order_); ++i) {
    slab[i].state = PageState::Tail;
    slab[i].slab_cache = nullptr;
  }
  slab->state = PageState::Allocated;
  slab->order = static_cast<uint8_t>(slab_order_);
  slab->slab_free = nullptr;
  return slab;
}

Page* SlabCache::release_empty_slab() {
  Page* empty = nullptr;
  partial_.for_each([&](Page* slab) {
    if (!empty && slab->slab_in_use == 0) empty = slab;
  });
  return empty ? take_out(empty) : nullptr;
}

// LAB 2 physical-memory: BEGIN
Result<void> SlabCache::add_slab(Page* slab) {
  for (size_t i = 0; i < (size_t{1} << slab_order_); ++i) {
    slab[i].state = PageState::Slab;
    slab[i].slab_cache = this;
  }
  slab->slab_in_use = 0;
  slab->slab_free = nullptr;
  // Thread the free list through the objects, lowest address first.
  auto* base = static_cast<char*>(map_->virt_of(slab));
  for (size_t i = objects_per_slab_; i-- > 0;) {
    auto* object = reinterpret_cast<FreeObject*>(base + i * object_size_);
    if (kDebug) poison(object);
    object->next = static_cast<FreeObject*>(slab->slab_free);
    slab->slab_free = object;
  }
  partial_.push_front(slab);
  ++slab_count_;
  ++empty_slabs_;
  return {};
}

Result<void*> SlabCache::alloc() {
  Page* slab = partial_.front();
  if (!slab) return Errno::NoMem;
  auto* object = static_cast<FreeObject*>(slab->slab_free);
  if (kDebug) check_poison(object, slab);
  slab->slab_free = object->next;
  object->next = nullptr;
  object->tag = 0;  // a live object must not look free
  if (slab->slab_in_use++ == 0) --empty_slabs_;
  if (slab->slab_in_use == objects_per_slab_) {
    partial_.remove(slab);
    full_.push_front(slab);
  }
  ++objects_in_use_;
  return static_cast<void*>(object);
}

Page* SlabCache::free(void* object, Page* page) {
  Page* slab = slab_head(page);
  if (!check_object(object, slab)) return nullptr;
  bool was_full = slab->slab_in_use == objects_per_slab_;
  auto* freed = static_cast<FreeObject*>(object);
  if (kDebug) poison(freed);
  freed->next = static_cast<FreeObject*>(slab->slab_free);
  slab->slab_free = freed;
  --slab->slab_in_use;
  --objects_in_use_;
  if (was_full) {
    full_.remove(slab);
    partial_.push_front(slab);
  }
  if (slab->slab_in_use == 0 && ++empty_slabs_ > kKeepEmptySlabs) return take_out(slab);
  return nullptr;
}
// LAB 2: STUB
// Result<void> SlabCache::add_slab(Page* slab) {
//   // Mark the slab's pages as ours, thread a free list through its objects (poison()
//   // each one in debug builds) and put the slab on partial_.
//   (void)slab;
//   return Errno::NoMem;
// }
//
// Result<void*> SlabCache::alloc() {
//   // Pop an object from the first partial slab (check_poison() it in debug builds);
//   // move the slab to full_ when that was its last free object.
//   return Errno::NoMem;
// }
//
// Page* SlabCache::free(void* object, Page* page) {
//   // Find the slab (slab_head), check_object(), poison, push on the slab's free list;
//   // a full slab goes back to partial_; hand back (take_out) a surplus empty slab.
//   (void)object;
//   (void)page;
//   return nullptr;
// }
// LAB 2: END

}  // namespace mm
