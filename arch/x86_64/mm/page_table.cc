// mm/page_table.cc - map, unmap and query over the x86_64 four-level tree.
//
// A 48-bit virtual address is cut into four 9-bit table indexes and a 12-bit offset
// (bits 63..48 repeat bit 47: "canonical" addresses):
//
//   63    48 47    39 38    30 29    21 20    12 11       0
//   [ sign ] [ PML4 ] [ PDPT ] [  PD  ] [  PT  ] [ offset ]
//
// Every table is one 4 KiB page of 512 entries, reached through the direct map. A
// present entry at levels 0-2 points to the next table, unless (levels 1-2) its PS bit
// makes it a 1 GiB / 2 MiB page; at level 3 it is a 4 KiB page. map() walks down,
// creating missing tables, and writes a large page where a piece is aligned in both
// address spaces. unmap() clears leaves, splits a large page it only partly covers, and
// frees tables left empty - except the kernel's PDPTs, which every user PML4 shares.
// A new entry needs no TLB work (the CPU never caches a not-present translation); every
// cleared or changed one goes through page_table::Invalidator.
//
// The public functions check their arguments and take the table's lock; map_step and
// the *_locked functions do the work with it held.
#include <arch/mmu.hh>

#include "../cpu/x86.hh"
#include "kernel/panic.hh"
#include "table_edit.hh"

namespace arch {
namespace {

using page_table::table_at;

constexpr uint64_t kPage = 4096;
constexpr uint64_t kPhysLimit = 1ull << 52;  // the architectural maximum (MAXPHYADDR <= 52)

}  // namespace

// Inval for unaligned or empty ranges, ranges that leave this table's half (the kernel
// half for kernel(), the 47-bit user half for user tables) or wrap, and kProtUser in the
// kernel table.
ktl::Result<void> PageTable::check_range(uintptr_t va, size_t size, uint32_t prot) const {
  if (size == 0 || va % kPage || size % kPage) return ktl::Errno::Inval;
  uintptr_t last = va + size - 1;
  if (last < va || last == ~0ull) return ktl::Errno::Inval;  // end = va + size must not wrap
  if (kernel_) {
    if (va < kKernelHalfStart || (prot & contract::kProtUser)) return ktl::Errno::Inval;
  } else if (last >= contract::kUserEnd) {
    return ktl::Errno::Inval;
  }
  return {};
}

bool PageTable::live() const {
  return kernel_ || (x86::read_cr3() & pte::kAddressMask) == root_;
}

ktl::Result<void> PageTable::map(uintptr_t va, uint64_t pa, size_t size, uint32_t prot) {
  TRY(check_range(va, size, prot));
  if (pa % kPage || pa + size > kPhysLimit || pa + size < pa) return ktl::Errno::Inval;
  uint64_t attrs = pte::encode(prot, kernel_);
  ktl::SpinGuard guard(lock_);
  size_t done = 0;
  while (done < size) {
    auto step = map_step(va + done, pa + done, size - done, attrs);
    if (step.is_error()) {
      if (done) unmap_locked(va, done);  // the contract: a failed map leaves no trace
      return step.error();
    }
    done += step.value();
  }
  return {};
}

size_t PageTable::unmap(uintptr_t va, size_t size) {
  if (check_range(va, size, 0).is_error()) return 0;
  ktl::SpinGuard guard(lock_);
  return unmap_locked(va, size);
}

bool PageTable::query(uintptr_t va, contract::Translation* out) const {
  ktl::SpinGuard guard(lock_);
  return query_locked(va, out);
}

// LAB 3 page-tables: BEGIN
namespace {

constexpr uint64_t kTwoMiB = pte::entry_size(2), kOneGiB = pte::entry_size(1);

bool table_is_empty(const uint64_t* table) {
  for (unsigned i = 0; i < pte::kEntries; ++i)
    if (table[i]) return false;
  return true;
}

}  // namespace

// Maps one piece at va: a 1 GiB page (kernel table, CPU support) or a 2 MiB page when
// va, pa and `left` allow it and that level has room, else a 4 KiB page. Returns the
// bytes mapped. Errors: Exist (a translation is already there), NoMem (a table page).
ktl::Result<size_t> PageTable::map_step(uintptr_t va, uint64_t pa, size_t left, uint64_t attrs) {
  int target = 3;
  if (va % kTwoMiB == 0 && pa % kTwoMiB == 0 && left >= kTwoMiB) target = 2;
  if (kernel_ && va % kOneGiB == 0 && pa % kOneGiB == 0 && left >= kOneGiB &&
      page_table::has_gigabyte_pages())
    target = 1;
  uint64_t* table = table_at(root_);
  for (int level = 0;; ++level) {
    uint64_t& entry = table[pte::index_of(va, level)];
    if (level == target && pte::is_table(entry, level)) {
      ++target;  // a table is already here: map smaller pieces inside it
    } else if (level == target) {
      if (pte::is_valid(entry)) return ktl::Errno::Exist;
      entry = pa | attrs | pte::leaf_type(level);
      return pte::entry_size(level);
    }
    if (!pte::is_valid(entry)) {
      uint64_t next = TRY(page_table::alloc_table());
      entry = pte::table_entry(next, kernel_);
    } else if (!pte::is_table(entry, level)) {
      return ktl::Errno::Exist;  // a large page already covers va
    }
    table = table_at(pte::address(entry));
  }
}

namespace {

// Clears [va, end) inside the table at `level` (all of the range lies in that table).
// Returns the 4 KiB pages that were mapped there. Tables that become empty are unlinked
// and handed to the invalidator to free - but never a kernel PDPT (level 0 entries of
// the kernel table): user PML4s hold copies of those links.
size_t unmap_range(uint64_t* table, int level, uintptr_t va, uintptr_t end, bool kernel_table,
                   bool live, page_table::Invalidator& tlb) {
  size_t pages = 0;
  while (va < end) {
    uint64_t size = pte::entry_size(level);
    uintptr_t start = va & ~(size - 1);
    uintptr_t stop = end - start > size ? start + size : end;
    uint64_t& entry = table[pte::index_of(va, level)];
    if (pte::is_leaf(entry, level) && va == start && stop - start == size) {
      entry = 0;
      tlb.changed(start);
      pages += size / kPage;
    } else if (pte::is_valid(entry)) {
      // unmap() cannot fail (contract), and a partly unmapped large page must not stay
      // mapped: running out of memory for one table page here is fatal.
      if (pte::is_leaf(entry, level) &&
          page_table::split_large_page(&entry, level, start, kernel_table, live).is_error())
        panic("page table: no memory to split the large page at %#lx for unmap",
              static_cast<unsigned long>(start));
      uint64_t* child = table_at(pte::address(entry));
      pages += unmap_range(child, level + 1, va, stop, kernel_table, live, tlb);
      if (table_is_empty(child) && !(kernel_table && level == 0)) {
        uint64_t child_phys = pte::address(entry);
        entry = 0;
        tlb.changed(start);
        tlb.free_later(child_phys);
      }
    }
    va = stop;
  }
  return pages;
}

}  // namespace

size_t PageTable::unmap_locked(uintptr_t va, size_t size) {
  bool is_live = live();
  page_table::Invalidator tlb(kernel_, is_live);
  size_t pages = unmap_range(table_at(root_), 0, va, va + size, kernel_, is_live, tlb);
  tlb.finish();
  return pages;
}

// Walks to the leaf that maps va, if any.
bool PageTable::query_locked(uintptr_t va, contract::Translation* out) const {
  if (kernel_ ? va < kKernelHalfStart : va >= contract::kUserEnd) return false;
  const uint64_t* table = table_at(root_);
  for (int level = 0; level < pte::kLevels; ++level) {
    uint64_t entry = table[pte::index_of(va, level)];
    if (!pte::is_valid(entry)) return false;
    if (pte::is_leaf(entry, level)) {
      uint64_t size = pte::entry_size(level);
      out->phys = (pte::address(entry) & ~(size - 1)) + (va & (size - 1));
      out->prot = pte::decode(entry);
      out->page_size = size;
      return true;
    }
    table = table_at(pte::address(entry));
  }
  return false;
}
// LAB 3: STUB
// ktl::Result<size_t> PageTable::map_step(uintptr_t va, uint64_t pa, size_t left,
//                                          uint64_t attrs) {
//   (void)va; (void)pa; (void)left; (void)attrs;
//   return ktl::Errno::NoSys;  // lab 3: walk down, create tables, write the leaf
// }
// size_t PageTable::unmap_locked(uintptr_t va, size_t size) {
//   (void)va; (void)size;
//   return 0;  // lab 3: clear leaves, split partial large pages, free empty tables
// }
// bool PageTable::query_locked(uintptr_t va, contract::Translation* out) const {
//   (void)va; (void)out;
//   return false;  // lab 3: walk to the leaf and decode it
// }
// LAB 3: END

}  // namespace arch
