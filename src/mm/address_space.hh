// mm/address_space.hh - a user address space: regions plus the page table that caches them.
//
// Each process has one AddressSpace (threads and vfork children share it, counted by
// refs_). Its RegionMap is the truth about what is mapped; its arch::PageTable holds
// translations only for pages that have been touched, so:
//   - mapping memory (mmap, brk, exec's segments, the stack) only records a region;
//   - the first touch faults, and handle_fault() allocates a zeroed page and maps it;
//   - unmapping removes regions and frees whatever pages the table had for them;
//   - fork copies every region and every present page (copy_for_fork; copy-on-write,
//     which shares the pages instead, comes with the mmap issue).
// Memory is anonymous and private only. A PROT_NONE page that already holds data stays
// mapped kernel-only, so a later mprotect gives the data back.
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

  // mmap of anonymous private memory. `addr` is a hint, or the exact place with `fixed`
  // (replacing what is there unless `noreplace`). prot: uapi PROT_* bits. Returns the
  // address. Errors: NoMem, Inval, Exist (noreplace and occupied).
  ktl::Result<uintptr_t> map_anonymous(uintptr_t addr, size_t size, uint32_t prot, bool fixed,
                                       bool noreplace, RegionKind kind = RegionKind::Anonymous);
  // munmap: any page-aligned range; holes are fine. Errors: Inval, NoMem (split).
  ktl::Result<void> unmap(uintptr_t addr, size_t size);
  // mprotect. Errors: NoMem (a hole in the range, or a split failed), Inval.
  ktl::Result<void> protect(uintptr_t addr, size_t size, uint32_t prot);
  // madvise(MADV_DONTNEED): frees the pages, keeps the regions (next touch reads zeros).
  ktl::Result<void> discard(uintptr_t addr, size_t size);

  // brk: sets the break to `request` when it lies in [brk_start, limit) and the pages
  // are free; always returns the break now in force (Linux semantics, no error).
  uintptr_t brk(uintptr_t request);
  void set_brk_start(uintptr_t start);  // exec, once the program is loaded

  // A new address space with the same regions and a copy of every present page.
  // Errors: NoMem (and nothing is left behind).
  ktl::Result<AddressSpace*> copy_for_fork();

  // Writes kernel bytes into this address space through the direct map, faulting in
  // pages as needed, whatever the regions' protection (exec fills read-only segments).
  // Errors: Fault (not inside a region), NoMem.
  ktl::Result<void> write_bytes(uintptr_t addr, const void* src, size_t size);

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
  ktl::Result<void> fault_in_locked(const Region& r, uintptr_t page);
  void release_pages_locked(uintptr_t start, uintptr_t end);
  void apply_prot_locked(const Region& r);

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
