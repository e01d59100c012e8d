// mm/vm_object.cc - anonymous VM objects: the radix tree of pages, demand zero, the
// copy-on-write break and the fork clone. See mm/vm_object.hh for the model.
//
// A tree node is one page of 512 64-bit entries. An entry of an inner node is the
// physical address of the node below (0: none yet); an entry of a leaf node is the
// physical address of a user page (0: never touched, reads as zeros). Index bits are
// taken 9 at a time from the top level down, like a page table walk.
#include "mm/vm_object.hh"

#include <arch/layout.hh>
#include <new>

#include "lib/string.hh"
#include "mm/mm.hh"

namespace mm {
namespace {

constexpr unsigned kFanoutBits = 9;
constexpr size_t kFanout = size_t{1} << kFanoutBits;

uint64_t* node(PhysAddr phys) { return arch::phys_to_ptr<uint64_t>(phys); }

void free_tree(PhysAddr at, unsigned level) {
  uint64_t* n = node(at);
  for (size_t i = 0; i < kFanout; ++i) {
    if (!n[i]) continue;
    if (level > 1)
      free_tree(n[i], level - 1);
    else
      user_page_put(n[i]);
  }
  page_free(at);
}

}  // namespace

ktl::Result<PhysAddr> user_page_alloc_zeroed() {
  PhysAddr page = TRY(page_alloc_zeroed());
  page_of(page)->user_refs.store(1);
  return page;
}

ktl::Result<PhysAddr> user_page_copy(PhysAddr src) {
  PhysAddr page = TRY(page_alloc());
  memcpy(arch::phys_to_ptr<void>(page), arch::phys_to_ptr<void>(src), kPageSize);
  page_of(page)->user_refs.store(1);
  return page;
}

void user_page_get(PhysAddr page) { page_of(page)->user_refs.fetch_add(1); }

void user_page_put(PhysAddr page) {
  if (page_of(page)->user_refs.fetch_sub(1) == 1) page_free(page);
}

uint32_t user_page_refs(PhysAddr page) { return page_of(page)->user_refs.load(); }

ktl::Result<VmObject*> VmObject::create_anonymous(size_t pages, bool shared) {
  if (pages == 0) return ktl::Errno::Inval;
  VmObject* obj = new (std::nothrow) VmObject;
  if (!obj) return ktl::Errno::NoMem;
  obj->pages_ = pages;
  obj->shared_ = shared;
  while (obj->levels_ < 4 && (pages - 1) >> (kFanoutBits * obj->levels_)) ++obj->levels_;
  return obj;
}

VmObject::~VmObject() {
  if (root_) free_tree(root_, levels_);
}

void vm_object_get(VmObject* obj) {
  if (obj) obj->get();
}

void vm_object_put(VmObject* obj) {
  if (obj) obj->put();
}

void VmObject::put() {
  if (refs_.fetch_sub(1) == 1) delete this;
}

PhysAddr* VmObject::slot_locked(size_t index, bool create) {
  if (index >= pages_) return nullptr;
  if (!root_) {
    if (!create) return nullptr;
    auto fresh = page_alloc_zeroed();
    if (fresh.is_error()) return nullptr;
    root_ = fresh.value();
  }
  uint64_t* n = node(root_);
  for (unsigned level = levels_; level > 1; --level) {
    uint64_t& entry = n[(index >> (kFanoutBits * (level - 1))) & (kFanout - 1)];
    if (!entry) {
      if (!create) return nullptr;
      auto fresh = page_alloc_zeroed();
      if (fresh.is_error()) return nullptr;
      entry = fresh.value();
    }
    n = node(entry);
  }
  return &n[index & (kFanout - 1)];
}

PhysAddr VmObject::lookup(size_t index) {
  ktl::SpinGuard guard(lock_);
  PhysAddr* slot = slot_locked(index, false);
  return slot ? *slot : 0;
}

ktl::Result<PhysAddr> VmObject::get_or_zero(size_t index) {
  ktl::SpinGuard guard(lock_);
  PhysAddr* slot = slot_locked(index, true);
  if (!slot) return ktl::Errno::NoMem;
  // LAB 7 mmap: BEGIN
  // Demand zero: the first touch of an anonymous page gives it a zeroed frame.
  if (!*slot) *slot = TRY(user_page_alloc_zeroed());
  return *slot;
  // LAB 7: STUB
  // // Demand zero: when the slot is empty, allocate a zeroed user page and store it.
  // if (*slot) return *slot;
  // return ktl::Errno::NoMem;
  // LAB 7: END
}

ktl::Result<PhysAddr> VmObject::own_for_write(size_t index) {
  ktl::SpinGuard guard(lock_);
  PhysAddr* slot = slot_locked(index, true);
  if (!slot) return ktl::Errno::NoMem;
  if (!*slot) {
    *slot = TRY(user_page_alloc_zeroed());
    return *slot;
  }
  // LAB 7 mmap: BEGIN
  // Copy-on-write break: a page another object still holds is copied, and this object
  // drops its share of the original. A count of 1 means nobody else can see the page.
  if (!shared_ && user_page_refs(*slot) > 1) {
    PhysAddr copy = TRY(user_page_copy(*slot));
    user_page_put(*slot);
    *slot = copy;
  }
  return *slot;
  // LAB 7: STUB
  // // Copy-on-write break: copy the page when user_page_refs() says it is shared.
  // return ktl::Errno::NoMem;
  // LAB 7: END
}

void VmObject::discard(size_t first, size_t count) {
  ktl::SpinGuard guard(lock_);
  for (size_t i = first; i < first + count && i < pages_; ++i) {
    PhysAddr* slot = slot_locked(i, false);
    if (!slot) {
      // Skip the rest of a missing leaf node at once.
      i |= kFanout - 1;
      continue;
    }
    if (*slot) {
      user_page_put(*slot);
      *slot = 0;
    }
  }
}

ktl::Result<VmObject*> VmObject::clone_cow(size_t first, size_t count) {
  if (first >= pages_) return ktl::Errno::Inval;
  VmObject* copy = TRY(create_anonymous(pages_ - first, false));
  bool ok = true;
  {
    ktl::SpinGuard guard(lock_);
    ktl::SpinGuard inner(copy->lock_);  // nobody else can see `copy` yet
    for (size_t i = 0; ok && i < count && first + i < pages_; ++i) {
      PhysAddr* from = slot_locked(first + i, false);
      if (!from) {
        i = ((first + i) | (kFanout - 1)) - first;  // no leaf node here: skip it whole
        continue;
      }
      if (!*from) continue;
      PhysAddr* to = copy->slot_locked(i, true);
      if (!to) {
        ok = false;
        break;
      }
      user_page_get(*from);
      *to = *from;
    }
  }
  if (!ok) {
    copy->put();
    return ktl::Errno::NoMem;
  }
  return copy;
}

}  // namespace mm
