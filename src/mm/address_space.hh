// mm/address_space.hh - a user address space: regions plus the page table that caches them.
//
// Each process has one AddressSpace (threads and vfork children share it, counted by
// refs_). Its RegionMap is the truth about what is mapped, each Region mapping part of a
// VmObject (mm/vm_object.hh) that holds the pages; its arch::PageTable is only a cache of
// translations for pages that have been touched, so:
//   - mapping memory (mmap, brk, exec's segments, the stack) records a region and an
//     empty object;
//   - the first touch faults, and handle_fault() takes the page from the object (a zeroed
//     one on first use) and maps it;
//   - unmapping removes regions and their translations; private pages go back at once;
//   - fork gives the child the same shared objects and copy-on-write clones of the
//     private ones (copy_for_fork); the first write on either side copies the page.
// docs/vm.md tells the whole story.
//
// Locking: lock_ guards regions_, the brk fields and every change to table_ made here
// (the arch table has its own inner lock). It is a spin lock with interrupts off, taken
// by page faults too; nothing that sleeps runs under it. Lock order: futex bucket or
// other callers' locks -> AddressSpace::lock_ -> the page table's lock -> mm allocators.
#pragma once

#include <arch/mmu.hh>
#include <contract/trap.hh>
#include <stddef.h>
#include <stdint.h>

#include "lib/atomic.hh"
#include "lib/result.hh"
#include "lib/spinlock.hh"
#include "mm/page.hh"
#include "mm/region.hh"

namespace mm {

class AddressSpace {
 public:
  // An empty address space with its own page table. Errors: NoMem.
  static ktl::Result<AddressSpace*> create();

  void get() { refs_.fetch_add(1); }
  // Drops a reference; the last one frees every page, region and the table. The caller
  // must not have this address space active on its CPU (release_from_cpu first).
  void put();

  // Installs this table on the current CPU (CR3 / TTBR0).
  void activate() { table_->activate(); }

  // mmap of anonymous memory, private or (`shared`) MAP_SHARED. `addr` is a hint, or the
  // exact place with `fixed` (replacing what is there unless `noreplace`). prot: uapi
  // PROT_* bits. Returns the address. Errors: NoMem, Inval, Exist (noreplace, occupied).
  ktl::Result<uintptr_t> map_anonymous(uintptr_t addr, size_t size, uint32_t prot, bool fixed,
                                       bool noreplace, RegionKind kind = RegionKind::Anonymous,
                                       bool shared = false);
  // munmap: any page-aligned range; holes are fine. Errors: Inval, NoMem (split).
  ktl::Result<void> unmap(uintptr_t addr, size_t size);
  // mprotect. Errors: NoMem (a hole in the range, or a split failed), Inval.
  ktl::Result<void> protect(uintptr_t addr, size_t size, uint32_t prot);
  // madvise(MADV_DONTNEED): keeps the regions; private pages are freed (the next touch
  // reads zeros), shared ones only unmapped here (the data stays). Errors: NoMem (hole).
  ktl::Result<void> discard(uintptr_t addr, size_t size);

  // mremap without MREMAP_FIXED (mm/address_space_remap.cc): [addr, addr + old_size)
  // must lie in one region. Shrinking unmaps the tail; growing extends in place when the
  // pages above are free, else moves the mapping (its object, so its data and sharing
  // go along) when `may_move`. Returns the new address. Errors: Inval, Fault (not
  // mapped), NoMem (no room and not may_move, or out of memory).
  ktl::Result<uintptr_t> remap(uintptr_t addr, size_t old_size, size_t new_size, bool may_move);

  // brk: sets the break to `request` when it lies in [brk_start, limit) and the pages
  // are free; always returns the break now in force (Linux semantics, no error).
  uintptr_t brk(uintptr_t request);
  void set_brk_start(uintptr_t start);  // exec, once the program is loaded

  // fork: a new address space with the same regions; shared regions map the same
  // objects, private ones copy-on-write clones. Errors: NoMem (nothing is left behind).
  ktl::Result<AddressSpace*> copy_for_fork();

  // Writes kernel bytes into this address space through the direct map, faulting in
  // pages as needed, whatever the regions' protection (exec fills read-only segments).
  // Errors: Fault (not inside a region), NoMem.
  ktl::Result<void> write_bytes(uintptr_t addr, const void* src, size_t size);

  // Reads bytes of this address space through the direct map (tests, debuggers),
  // faulting pages in as needed, whatever the protection. Errors: Fault, NoMem.
  ktl::Result<void> read_bytes(uintptr_t addr, void* dst, size_t size);

  // Before the kernel copies to/from [addr, addr + size): the range must be covered by
  // regions allowing the access (read, or write when `write`), and its missing pages are
  // faulted in. Errors: Fault.
  ktl::Result<void> prepare_user_access(uintptr_t addr, size_t size, bool write);

  // The page-fault handler's work (mm/address_space_fault.cc).
  trap::FaultResult handle_fault(const trap::PageFault& fault);

  // For reports and tests.
  size_t region_count();
  size_t resident_pages();

 private:
  AddressSpace() = default;
  ~AddressSpace();
  // Locked helpers (lock_ held).
  // Makes `page` of region r present in the table and returns its frame: from the object
  // (demand zero), copied first for a `write` to a shared private page (COW break).
  // Mapped writable only when the region allows it and the page is this object's alone.
  // Errors: NoMem.
  ktl::Result<PhysAddr> fault_in_locked(const Region& r, uintptr_t page, bool write);
  // Drops the translations of [start, end), inside one region, and its private pages.
  void release_range_locked(uintptr_t start, uintptr_t end);
  // fork's work for one region (lab 7).
  ktl::Result<void> copy_region_locked(AddressSpace* child, const Region& r);

  ktl::SpinLock lock_{"address space"};
  ktl::Atomic<int> refs_{1};
  arch::PageTable* table_ = nullptr;  // fixed after create(); entries: lock_
  RegionMap regions_;                 // lock_
  uintptr_t brk_start_ = 0;           // lock_; 0 until exec sets it
  uintptr_t brk_ = 0;                 // lock_; the current break (not page aligned)
};

// The arch protection (user, R/W/X) for uapi PROT_* bits; PROT_NONE maps kernel-only.
uint32_t arch_prot(uint32_t prot);

}  // namespace mm
