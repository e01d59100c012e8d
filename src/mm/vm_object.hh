// mm/vm_object.hh - VmObject: the memory a Region maps, and per-page reference counts.
//
// A Region (mm/region.hh) says *where* memory appears in an address space; a VmObject
// says *what* that memory is. Today every object is anonymous: a sparse array of pages,
// indexed by page offset, that starts empty and fills as pages are first touched
// (demand zero). A region maps object pages [offset / 4K, offset / 4K + size / 4K).
//
//   AddressSpace --has many--> Region --maps part of--> VmObject --holds--> pages
//
// Two ways to share:
//   - The object itself (refs_): a MAP_SHARED region and its fork copy point at one
//     object, so a store through either is seen by both. Split regions also share their
//     object (each half holds a reference, with different offsets).
//   - One page (Page::user_refs): fork gives the child a *new* private object whose slots
//     point at the parent's pages, each page's count raised. While a page's count is
//     above 1 neither side may write it: the first write fault copies it into the writer's
//     object (copy-on-write; mm/address_space_fault.cc). A count of 1 means the page is
//     the writer's alone and only needs to be made writable again.
//
// The page array is a radix tree of 512-entry nodes (one 4 KiB page each), as deep as
// the object's size needs: 1 level for up to 2 MiB, 2 for 1 GiB, 3 for 512 GiB, 4 for
// the whole user half. Nodes are allocated on first use and freed with the object.
//
// Locking: lock_ guards the tree. It nests inside AddressSpace::lock_ (both spin locks,
// interrupts off) and above the page allocator. refs_ and Page::user_refs are atomic.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "lib/atomic.hh"
#include "lib/result.hh"
#include "lib/spinlock.hh"
#include "mm/page.hh"

namespace mm {

// Per-page reference counts of user pages (Page::user_refs).
// A fresh zeroed page with a count of 1. Errors: NoMem.
ktl::Result<PhysAddr> user_page_alloc_zeroed();
// A fresh copy of `src` with a count of 1. Errors: NoMem.
ktl::Result<PhysAddr> user_page_copy(PhysAddr src);
void user_page_get(PhysAddr page);
// Drops a reference; the last one frees the page.
void user_page_put(PhysAddr page);
uint32_t user_page_refs(PhysAddr page);

class VmObject {
 public:
  // An empty anonymous object of `pages` pages (nothing allocated until touched).
  // `shared`: MAP_SHARED memory (fork shares the object instead of copying it).
  // Errors: NoMem, Inval (pages == 0).
  static ktl::Result<VmObject*> create_anonymous(size_t pages, bool shared);

  void get() { refs_.fetch_add(1); }
  // Drops a reference; the last one drops every page and frees the tree.
  void put();
  int refs() const { return refs_.load(); }

  bool shared() const { return shared_; }
  size_t size_pages() const { return pages_; }

  // The page at index `index`, or 0 when none is there yet.
  PhysAddr lookup(size_t index);
  // The page at `index`, allocating a zeroed one when there is none (demand zero).
  // Errors: NoMem.
  ktl::Result<PhysAddr> get_or_zero(size_t index);
  // Makes the page at `index` this object's own before a write: a page shared with
  // another object (user_refs > 1) is replaced by a copy. Errors: NoMem.
  ktl::Result<PhysAddr> own_for_write(size_t index);
  // Drops the pages [first, first + count) (munmap, MADV_DONTNEED of private memory).
  void discard(size_t first, size_t count);

  // fork of a private region: a new private object of `size_pages() - first` pages whose
  // slots [0, count) share this object's pages [first, first + count) (counts raised).
  // Errors: NoMem (nothing is left behind).
  ktl::Result<VmObject*> clone_cow(size_t first, size_t count);

 private:
  VmObject() = default;
  ~VmObject();
  // The slot for `index`; with `create`, missing nodes are allocated (else nullptr).
  PhysAddr* slot_locked(size_t index, bool create);

  ktl::SpinLock lock_{"vm object"};
  ktl::Atomic<int> refs_{1};
  size_t pages_ = 0;     // fixed at creation
  unsigned levels_ = 1;  // radix tree depth, fixed at creation
  bool shared_ = false;  // fixed at creation
  PhysAddr root_ = 0;    // lock_; the top node (a page), 0 until the first page
};

}  // namespace mm
