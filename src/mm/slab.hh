// mm/slab.hh - a cache of equal-sized objects carved from blocks of pages.
//
// See mm/slab.cc. A SlabCache does no locking and gets no pages on its own: its owner
// (the kernel heap, mm/heap.hh) holds the cache's lock around every call, gives it a
// fresh slab when alloc() reports NoMem, and frees the slab pages that free() hands back.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "lib/list.hh"
#include "lib/result.hh"
#include "mm/page.hh"

namespace mm {

using ktl::Errno;
using ktl::Result;

class SlabCache {
 public:
  // Empty slabs kept for reuse before free() starts returning them to the page allocator.
  static constexpr size_t kKeepEmptySlabs = 1;
  static constexpr size_t kMinObjectSize = 16;  // room for the free-list link and tag

  SlabCache() = default;
  SlabCache(const SlabCache&) = delete;
  SlabCache& operator=(const SlabCache&) = delete;

  // Objects of `object_size` bytes (a multiple of 16, at least 16) in slabs of
  // 2^slab_order pages; `map` translates pages to addresses.
  void init(const char* name, size_t object_size, unsigned slab_order, const PageMap* map);

  // An object from a slab with room. NoMem when every slab is full: the caller then
  // adds a slab and asks again.
  Result<void*> alloc();

  // Carves the 2^slab_order pages starting at `slab` (state Allocated, from the page
  // allocator) into free objects. Always succeeds in a finished kernel.
  Result<void> add_slab(Page* slab);

  // Returns `object`, which lives in `page` (any page of its slab). When this leaves a
  // slab empty and enough empty slabs are kept already, the slab is taken out of the
  // cache and its head page (state Allocated, order slab_order) is returned for the
  // caller to free; otherwise nullptr. A double free or a pointer that is not an object
  // of this cache is reported (mm/debug.hh) and ignored.
  Page* free(void* object, Page* page);

  // Takes one wholly free slab out of the cache for the caller to free, or nullptr.
  Page* release_empty_slab();

  const char* name() const { return name_; }
  size_t object_size() const { return object_size_; }
  unsigned slab_order() const { return slab_order_; }
  size_t objects_per_slab() const { return objects_per_slab_; }
  size_t objects_in_use() const { return objects_in_use_; }
  size_t slab_count() const { return slab_count_; }

 private:
  struct FreeObject {
    FreeObject* next;  // the next free object of the same slab
    uint64_t tag;      // kFreeObjectTag while free (debug builds)
  };

  Page* slab_head(Page* page) const;
  bool check_object(const void* object, Page* slab) const;
  bool on_free_list(const Page* slab, const void* object) const;
  void poison(void* object) const;
  void check_poison(const void* object, const Page* slab) const;
  Page* take_out(Page* slab);

  const char* name_ = "";
  size_t object_size_ = 0;
  unsigned slab_order_ = 0;
  size_t objects_per_slab_ = 0;
  const PageMap* map_ = nullptr;

  // All guarded by the owner's lock for this cache.
  ktl::List<Page> partial_;  // slabs with at least one free object (wholly free ones too)
  ktl::List<Page> full_;     // slabs with no free object
  size_t empty_slabs_ = 0;   // slabs on partial_ with no object in use
  size_t slab_count_ = 0;
  size_t objects_in_use_ = 0;
};

}  // namespace mm
