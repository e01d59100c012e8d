// arch/mmu.hh (x86_64) - page tables and the TLB, as contract/mmu.hh asks.
//
// x86_64 has one table base, CR3, for the whole 48-bit address space: a PML4 of 512
// entries, each covering 512 GiB. Entries 0-255 are the user half, 256-511 the kernel
// half. Every address space (PageTable) has its own PML4, but the kernel half must look
// the same in all of them, so create_user() copies the kernel's 256 upper entries. For
// that copy to stay right forever, mmu_init gives each of those 256 entries its
// page-directory-pointer table at boot and never frees one: a later kernel mapping
// (a kernel stack, a device) edits a table every PML4 already points to.
//
// Below the PML4 a walk visits the PDPT (1 GiB per entry), the page directory (2 MiB)
// and the page table (4 KiB). map() writes a 2 MiB page in a page directory when a
// 2 MiB piece is aligned on both sides, and (kernel table only) a 1 GiB page in a PDPT
// when a 1 GiB piece is and the CPU has them; the direct map of RAM is built that way.
//
// There are no address-space identifiers here (PCID is not used): writing CR3 drops every
// non-global TLB entry, and kernel entries are global (G bit, CR4.PGE) so they survive.
//
// Locks: each PageTable's `lock_` guards every entry of its tree (table pages included)
// and is held across map/unmap/protect/query. The kernel half shared by user tables is
// only ever edited through kernel(), under kernel()'s lock.
#pragma once

#include <contract/mmu.hh>
#include <stddef.h>
#include <stdint.h>

#include "lib/result.hh"
#include "lib/spinlock.hh"

namespace arch {

class PageTable {
 public:
  static ktl::Result<PageTable*> create_user();
  static PageTable& kernel();
  static void destroy(PageTable* table);

  ktl::Result<void> map(uintptr_t va, uint64_t pa, size_t size, uint32_t prot);
  size_t unmap(uintptr_t va, size_t size);
  ktl::Result<void> protect(uintptr_t va, size_t size, uint32_t prot);
  bool query(uintptr_t va, contract::Translation* out) const;
  // Loads CR3 with this table (kernel(): the kernel table, whose user half is empty).
  void activate();

  uint64_t root_phys() const { return root_; }
  bool is_kernel() const { return kernel_; }

  // For mmu_init only: makes this (the kernel's table object) describe a new tree at
  // `root`; CR3 is switched to it separately once it is complete.
  void adopt_root(uint64_t root) { root_ = root; }

  constexpr PageTable(uint64_t root, bool kernel) : root_(root), kernel_(kernel) {}
  PageTable(const PageTable&) = delete;
  PageTable& operator=(const PageTable&) = delete;

 private:
  ktl::Result<void> check_range(uintptr_t va, size_t size, uint32_t prot) const;
  // The work of map/unmap/protect/query with lock_ held (mm/page_table.cc).
  ktl::Result<size_t> map_step(uintptr_t va, uint64_t pa, size_t left, uint64_t attrs);
  size_t unmap_locked(uintptr_t va, size_t size);
  bool query_locked(uintptr_t va, contract::Translation* out) const;
  ktl::Result<void> protect_locked(uintptr_t va, size_t size, uint64_t attrs);
  bool fully_mapped(uintptr_t va, size_t size) const;
  // True when this CPU may hold TLB entries of this tree: the kernel table (its half is
  // in every tree) or the user table loaded in CR3.
  bool live() const;

  uint64_t root_;  // physical address of the PML4; fixed after creation
  bool kernel_;    // the kernel's tree (kernel half only) or a user tree
  mutable ktl::SpinLock lock_{"page table"};  // guards every entry of this tree
};

static_assert(contract::PageTableOps<PageTable>);

// TLB maintenance on this CPU only (the shootdown path runs it on each CPU).
struct Tlb {
  static void flush_page(uintptr_t va) { __asm__ volatile("invlpg (%0)" ::"r"(va) : "memory"); }
  // A CR3 write drops every non-global entry: the user half and nothing of the kernel's.
  static void flush_all() {
    uint64_t cr3;
    __asm__ volatile("mov %%cr3, %0\n\tmov %0, %%cr3" : "=r"(cr3)::"memory");
  }
};

static_assert(contract::TlbOps<Tlb>);

// Builds the kernel's final map (direct map of RAM, kernel image with W^X, device
// registers in the MMIO window), switches CR3 to it and brings up what needed it (the
// local and I/O APICs, the clock). Called once by kernel_main on the boot CPU, right
// after mm::init(). On failure (no memory, or a lab tree whose page-table code is a
// stub) it says so and stays on the boot map.
void mmu_init();

}  // namespace arch
