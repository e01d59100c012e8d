// mm/pte.hh - x86_64 page-table entries: bits, levels, and contract::Prot both ways.
//
// Every level's entry is 64 bits (SDM vol. 3A, 4.5):
//
//   63  62..52  51..12           11..9  8  7   6  5  4   3   2   1   0
//   NX  (free)  physical address (free) G  PS  D  A  PCD PWT U/S R/W P
//
// P = present; R/W = writable; U/S = user mode may access; PWT/PCD = write-through /
// cache-disable (both set: uncached, what device registers need, without touching the
// PAT); A/D = accessed/dirty, set by the CPU; PS = this PDPT/PD entry is a 1 GiB / 2 MiB
// page instead of a pointer to the next table; G = global, kept across CR3 writes
// (CR4.PGE); NX = no instruction fetch (EFER.NXE). Access rights combine down the walk:
// a page is writable only if every level says R/W, user only if every level says U/S.
// So table (non-leaf) entries are permissive - P, R/W and, in user trees, U/S - and
// each leaf alone says what is allowed.
//
// Levels are numbered from the top like the aarch64 code: 0 = PML4 (512 GiB per entry),
// 1 = PDPT (1 GiB), 2 = page directory (2 MiB), 3 = page table (4 KiB).
//
// A mapping with no access at all (PROT_NONE) is an entry with P clear, so any access
// faults, but with the software bit kNoAccess set and its address kept, so query() still
// finds it and a later protect() can give the access back.
#pragma once

#include <contract/mmu.hh>
#include <stdint.h>

namespace pte {

inline constexpr uint64_t kPresent = 1ull << 0;
inline constexpr uint64_t kWritable = 1ull << 1;
inline constexpr uint64_t kUser = 1ull << 2;
inline constexpr uint64_t kWriteThrough = 1ull << 3;
inline constexpr uint64_t kCacheDisable = 1ull << 4;
inline constexpr uint64_t kAccessed = 1ull << 5;
inline constexpr uint64_t kDirty = 1ull << 6;
inline constexpr uint64_t kHuge = 1ull << 7;  // PS in a PDPT or PD entry
inline constexpr uint64_t kGlobal = 1ull << 8;
inline constexpr uint64_t kNoAccess = 1ull << 9;  // software: a PROT_NONE leaf (P clear)
inline constexpr uint64_t kNoExecute = 1ull << 63;
inline constexpr uint64_t kAddressMask = 0x000ffffffffff000ull;

inline constexpr int kLevels = 4;
inline constexpr unsigned kEntries = 512;
inline constexpr unsigned kFirstKernelEntry = 256;  // PML4 index of 0xffff800000000000

// Bytes one entry of `level` covers: 512 GiB, 1 GiB, 2 MiB, 4 KiB.
constexpr uint64_t entry_size(int level) { return 1ull << (12 + 9 * (3 - level)); }
constexpr unsigned index_of(uint64_t va, int level) {
  return static_cast<unsigned>(va >> (12 + 9 * (3 - level)) & (kEntries - 1));
}

constexpr bool is_valid(uint64_t e) { return e & (kPresent | kNoAccess); }
// Table entries are always present and never PS.
constexpr bool is_table(uint64_t e, int level) {
  return level < 3 && (e & (kPresent | kHuge | kNoAccess)) == kPresent;
}
// A leaf: a 1 GiB / 2 MiB page at level 1 / 2, a 4 KiB page at level 3.
constexpr bool is_leaf(uint64_t e, int level) {
  return is_valid(e) && level > 0 && (level == 3 || (e & kHuge));
}
// The page or table address (we never set the PAT bit, which is bit 12 of large pages).
constexpr uint64_t address(uint64_t e) { return e & kAddressMask; }
// Everything but the address and PS: what a split copies into each smaller piece.
constexpr uint64_t attributes(uint64_t e) { return e & ~(kAddressMask | kHuge); }
constexpr uint64_t leaf_type(int level) { return level == 3 ? 0 : kHuge; }

// A link to the next table. User trees set U/S so the leaf decides.
constexpr uint64_t table_entry(uint64_t phys, bool kernel_table) {
  return phys | kPresent | kWritable | (kernel_table ? 0 : kUser);
}

// The leaf bits (without address and PS) for `prot`.
//  - Present pages are always readable: W and X imply R, as on aarch64.
//  - Kernel pages get A (and D when writable) set now: the CPU need not write the entry
//    on first use, which matters for the tables mapping the tables themselves.
//  - kProtGlobal only counts in the kernel table: a global user entry would survive the
//    CR3 write that switches to another process.
//  - Device memory is uncached (PCD | PWT) and never executable.
constexpr uint64_t encode(uint32_t prot, bool kernel_table) {
  bool any = prot & (contract::kProtRead | contract::kProtWrite | contract::kProtExec);
  bool device = prot & contract::kProtDevice;
  uint64_t e = any ? kPresent : kNoAccess;
  if (prot & contract::kProtWrite) e |= kWritable;
  if (prot & contract::kProtUser) e |= kUser;
  if (!(prot & contract::kProtExec) || device) e |= kNoExecute;
  if (device) e |= kCacheDisable | kWriteThrough;
  if (kernel_table && (prot & contract::kProtGlobal)) e |= kGlobal;
  if (kernel_table) e |= kAccessed | ((prot & contract::kProtWrite) ? kDirty : 0);
  return e;
}

// The protection a leaf grants, in contract::Prot bits (W and X come back with R).
constexpr uint32_t decode(uint64_t e) {
  uint32_t prot = 0;
  if (e & kUser) prot |= contract::kProtUser;
  if (e & kCacheDisable) prot |= contract::kProtDevice;
  if (e & kGlobal) prot |= contract::kProtGlobal;
  if (!(e & kPresent)) return prot;
  prot |= contract::kProtRead;
  if (e & kWritable) prot |= contract::kProtWrite;
  if (!(e & kNoExecute)) prot |= contract::kProtExec;
  return prot;
}

}  // namespace pte
