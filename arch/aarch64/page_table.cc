// arch/aarch64/page_table.cc - map, unmap and query over a 4-level translation tree.
//
// A virtual address is cut into four 9-bit table indexes and a 12-bit page offset:
//
//   63    48 47    39 38    30 29    21 20    12 11       0
//   [ sign ] [ L0   ] [ L1   ] [ L2   ] [ L3   ] [ offset ]
//
// Every table is one 4 KiB page of 512 descriptors, reached through the direct map. A
// valid descriptor at levels 0-2 points to the next table; at level 2 it may instead be
// a 2 MiB block, at level 3 it is a 4 KiB page. map() walks down, creating missing
// tables, and writes a block where a 2 MiB piece is aligned in both address spaces.
// unmap() clears leaves, splits a block it only partly covers, and frees tables left
// empty. New entries need no TLB work (the TLB never holds an invalid entry); every
// cleared or changed one is invalidated through page_table::Invalidator.
//
// The public functions check their arguments and take the table's lock; the *_locked
// and map_step functions do the work with it held.
#include <arch/mmu.hh>

#include "kernel/panic.hh"
#include "page_table_internal.hh"

namespace arch {
namespace {

using page_table::table_at;

constexpr uint64_t kPage = 4096;
constexpr uint64_t kPhysLimit = 1ull << 48;

}  // namespace

// Inval for unaligned or empty ranges, ranges that leave this table's half (the kernel
// half for kernel(), the 47-bit user half for user tables) or wrap, and kProtUser in the
// kernel table.
ktl::Result<void> PageTable::check_range(uintptr_t va, size_t size, uint32_t prot) const {
  if (size == 0 || va % kPage || size % kPage) return ktl::Errno::Inval;
  uintptr_t last = va + size - 1;
  if (last < va || last == ~0ull) return ktl::Errno::Inval;  // the very last page: never
  if (kernel_) {
    if (va < kKernelHalfStart || (prot & contract::kProtUser)) return ktl::Errno::Inval;
  } else if (last >= contract::kUserEnd) {
    return ktl::Errno::Inval;
  }
  return {};
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
  pte::publish();
  __asm__ volatile("isb" : : : "memory");
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

constexpr uint64_t kBlock = pte::entry_size(2);  // 2 MiB

bool table_is_empty(const uint64_t* table) {
  for (uint64_t i = 0; i < pte::kEntries; ++i)
    if (pte::is_valid(table[i])) return false;
  return true;
}

}  // namespace

// Maps one piece at va: a 2 MiB block when va, pa and `left` allow it and level 2 has
// room for a block, else a 4 KiB page. Returns the bytes mapped. Errors: Exist (a
// translation is already there), NoMem (a table page).
ktl::Result<size_t> PageTable::map_step(uintptr_t va, uint64_t pa, size_t left, uint64_t attrs) {
  int target = (va % kBlock == 0 && pa % kBlock == 0 && left >= kBlock) ? 2 : 3;
  uint64_t* table = table_at(root_);
  for (int level = 0;; ++level) {
    uint64_t& entry = table[pte::index_of(va, level)];
    if (level == target && !(level == 2 && pte::is_table(entry, level))) {
      if (pte::is_valid(entry)) return ktl::Errno::Exist;
      entry = pa | attrs | pte::leaf_type(level);
      return pte::entry_size(level);
    }
    if (level == target) target = 3;  // level 2 holds a table here: map a page inside it
    if (!pte::is_valid(entry)) {
      uint64_t next = TRY(page_table::alloc_table());
      entry = next | DESC_TABLE;
    } else if (!pte::is_table(entry, level)) {
      return ktl::Errno::Exist;  // a block already covers va
    }
    table = table_at(pte::address(entry));
  }
}

namespace {

// Clears [va, end) inside the table at `level` (all of the range lies in that table).
// Returns the 4 KiB pages that were mapped there. Tables that become empty are unlinked
// and handed to the invalidator to free.
size_t unmap_range(uint64_t* table, int level, uintptr_t va, uintptr_t end, bool kernel_table,
                   uint16_t asid, page_table::Invalidator& tlb) {
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
      // unmap() cannot fail (contract), and a partly unmapped block must not stay
      // mapped: running out of memory for one table page here is fatal.
      if (pte::is_leaf(entry, level) &&
          page_table::split_block(&entry, level, start, kernel_table, asid).is_error())
        panic("page table: no memory to split the block at %#lx for unmap",
              static_cast<unsigned long>(start));
      uint64_t* child = table_at(pte::address(entry));
      pages += unmap_range(child, level + 1, va, stop, kernel_table, asid, tlb);
      if (table_is_empty(child)) {
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
  page_table::Invalidator tlb(kernel_, asid_);
  size_t pages = unmap_range(table_at(root_), 0, va, va + size, kernel_, asid_, tlb);
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
      out->phys = pte::address(entry) + (va & (size - 1));
      out->prot = pte::decode(entry, kernel_);
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
//   return 0;  // lab 3: clear leaves, split partial blocks, free empty tables
// }
// bool PageTable::query_locked(uintptr_t va, contract::Translation* out) const {
//   (void)va; (void)out;
//   return false;  // lab 3: walk to the leaf and decode it
// }
// LAB 3: END

}  // namespace arch
