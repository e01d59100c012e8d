// arch/mmu.hh (aarch64) - page tables and the TLB, as contract/mmu.hh asks.
//
// The aarch64 MMU has two table bases. TTBR1_EL1 translates the top of the address space
// (0xffff000000000000 and up): the kernel, one tree for the whole machine,
// PageTable::kernel(). TTBR0_EL1 translates the bottom (user space): each process has
// its own PageTable, made by create_user() and switched in by activate(). Both use the
// 4 KiB granule with 48-bit addresses, so a walk visits four levels of 512-entry
// tables: level 0 (512 GiB per entry), 1 (1 GiB), 2 (2 MiB), 3 (4 KiB pages). map()
// writes a level-2 block when a 2 MiB piece is aligned on both sides.
//
// Each user table owns an ASID (address-space identifier, 16 bits when the CPU has them,
// else 8): its TLB entries are tagged with it, so switching tables needs no TLB flush.
// Kernel entries are global and survive every switch.
//
// Locks: each PageTable's `lock_` guards every entry of its tree (table pages included)
// and is held across map/unmap/protect/query; the ASID allocator has its own lock
// (user_table.cc). Callers still serialise what they build on top (src/mm's regions).
#pragma once

#include <stddef.h>
#include <stdint.h>

#include <contract/mmu.hh>

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
  // A user table: TTBR0 with its ASID, walks enabled. kernel(): no user table at all
  // (TTBR0 walks disabled, so every low address faults).
  void activate();

  uint64_t root_phys() const { return root_; }
  uint16_t asid() const { return asid_; }
  bool is_kernel() const { return kernel_; }

  // For mmu_init only: makes this (the kernel's table object) describe a new, empty
  // tree at `root`; TTBR1 is switched to it separately once it is complete.
  void adopt_root(uint64_t root) { root_ = root; }

  constexpr PageTable(uint64_t root, uint16_t asid, bool kernel)
      : root_(root), asid_(asid), kernel_(kernel) {}
  PageTable(const PageTable&) = delete;
  PageTable& operator=(const PageTable&) = delete;

 private:
  ktl::Result<void> check_range(uintptr_t va, size_t size, uint32_t prot) const;
  // The work of map/unmap/protect/query with lock_ held (page_table.cc).
  ktl::Result<size_t> map_step(uintptr_t va, uint64_t pa, size_t left, uint64_t attrs);
  size_t unmap_locked(uintptr_t va, size_t size);
  bool query_locked(uintptr_t va, contract::Translation* out) const;
  ktl::Result<void> protect_locked(uintptr_t va, size_t size, uint64_t attrs);
  bool fully_mapped(uintptr_t va, size_t size) const;
  void invalidate(uintptr_t va) const;

  uint64_t root_;  // physical address of the level-0 table; fixed after creation
  uint16_t asid_;  // user tables: the ASID activate() installs; kernel: 0
  bool kernel_;    // TTBR1 tree (global entries, kernel half) or TTBR0 tree
  mutable ktl::SpinLock lock_{"page table"};  // guards every entry of this tree

  friend class TableWalk;
};

static_assert(contract::PageTableOps<PageTable>);

// TLB maintenance on this CPU only (the shootdown path runs it on each CPU). map/unmap/
// protect above already invalidate on every CPU, with the broadcast (...IS) forms.
struct Tlb {
  static void flush_page(uintptr_t va) {  // every ASID
    __asm__ volatile("dsb ishst\n\ttlbi vaae1, %0\n\tdsb nsh\n\tisb"
                     :
                     : "r"(va >> 12 & ((1ull << 44) - 1))
                     : "memory");
  }
  // Everything: aarch64 has no "all but global" form, so kernel entries go too.
  static void flush_all() {
    __asm__ volatile("dsb ishst\n\ttlbi vmalle1\n\tdsb nsh\n\tisb" : : : "memory");
  }
};

static_assert(contract::TlbOps<Tlb>);

// Builds the kernel's final map (direct map of RAM, kernel image with W^X, device
// registers in the MMIO window), switches TTBR1 to it and brings up what needed it (the
// console's new address, the interrupt controller, the clock). Called once by
// kernel_main on the boot CPU, right after mm::init(). On failure (no memory, or a lab
// tree whose page-table code is a stub) it says so and leaves the boot map in place.
void mmu_init();

}  // namespace arch
