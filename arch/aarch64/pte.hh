// arch/aarch64/pte.hh - translation-table descriptors and TLB maintenance, in C++.
//
// A descriptor is 64 bits: the type in bits 1:0 (invalid, block, table, page), the
// output address in 47:12, and attributes around it (mmu_defs.hh names them). This file
// turns the kernel's arch-independent protection (contract::Prot) into attribute bits
// and back, and wraps the TLB instructions with the barriers each needs:
//
//   a store to a table, then `dsb ishst`   the walker (and the other CPUs) see the store
//   `tlbi ...is`, then `dsb ish`           every CPU's TLB has dropped the old entry
//   `isb`                                  this CPU's pipeline refetches with the new map
//
// Kernel entries (TTBR1) are global (nG = 0): one TLB entry serves every address space,
// and `tlbi vaae1is` (all ASIDs) removes it. User entries (TTBR0) are tagged with the
// table's ASID (nG = 1) and removed with `tlbi vae1is` for that ASID only.
#pragma once

#include <stdint.h>

#include <contract/mmu.hh>

#include "mmu_defs.hh"

namespace pte {

inline constexpr int kLevels = 4;  // 0..3; level 3 holds 4 KiB pages
inline constexpr uint64_t kEntries = TABLE_ENTRIES;

// Bytes one entry of `level` covers: 512 GiB, 1 GiB, 2 MiB, 4 KiB.
constexpr uint64_t entry_size(int level) { return 1ull << (12 + 9 * (3 - level)); }
constexpr unsigned index_of(uint64_t va, int level) {
  return static_cast<unsigned>(va >> (12 + 9 * (3 - level)) & (kEntries - 1));
}

constexpr bool is_valid(uint64_t e) { return e & 1; }
constexpr bool is_table(uint64_t e, int level) {
  return level < 3 && (e & DESC_TYPE_MASK) == DESC_TABLE;
}
// A leaf: a block at level 1 or 2, or a page at level 3.
constexpr bool is_leaf(uint64_t e, int level) {
  return is_valid(e) && (level == 3 ? (e & DESC_TYPE_MASK) == DESC_PAGE : !is_table(e, level));
}
constexpr uint64_t address(uint64_t e) { return e & DESC_ADDR_MASK; }
// Everything but the address and the type: what a split copies into every piece.
constexpr uint64_t attributes(uint64_t e) { return e & ~(DESC_ADDR_MASK | DESC_TYPE_MASK); }
constexpr uint64_t leaf_type(int level) { return level == 3 ? DESC_PAGE : DESC_BLOCK; }
constexpr uint64_t memory_type(uint64_t e) { return e & DESC_ATTR_INDEX(7); }

// The attribute bits for `prot` in a kernel (TTBR1) or user (TTBR0) table.
//  - AP[2:1]: kProtUser gives EL0 access; no kProtWrite makes the page read-only. The
//    hardware cannot express write-only or execute-only, so W and X imply R.
//  - Exec: user pages are always PXN (the kernel never runs user code) and kernel pages
//    always UXN; the other XN bit is clear only with kProtExec.
//  - A mapping with no access at all (PROT_NONE) is a valid entry with the access flag
//    clear: any access faults ("access flag fault"), and query() still finds it.
//  - Device memory is never executable.
constexpr uint64_t encode(uint32_t prot, bool kernel_table) {
  bool user = prot & contract::kProtUser;
  bool device = prot & contract::kProtDevice;
  bool any = prot & (contract::kProtRead | contract::kProtWrite | contract::kProtExec);
  uint64_t e =
      device ? DESC_ATTR_INDEX(MAIR_IDX_DEVICE) : DESC_ATTR_INDEX(MAIR_IDX_NORMAL) | DESC_SH_INNER;
  if (any) e |= DESC_AF;
  if (user) e |= DESC_AP_EL0;
  if (!(prot & contract::kProtWrite)) e |= DESC_AP_RO;
  bool exec = (prot & contract::kProtExec) && !device;
  e |= user ? DESC_PXN | (exec ? 0 : DESC_UXN) : DESC_UXN | (exec ? 0 : DESC_PXN);
  if (!kernel_table || !(prot & contract::kProtGlobal)) e |= DESC_NG;
  return e;
}

// The protection a leaf grants, in contract::Prot bits (W and X come back with R).
constexpr uint32_t decode(uint64_t e, bool kernel_table) {
  uint32_t prot = 0;
  bool user = e & DESC_AP_EL0;
  if (user) prot |= contract::kProtUser;
  if (memory_type(e) == DESC_ATTR_INDEX(MAIR_IDX_DEVICE)) prot |= contract::kProtDevice;
  if (kernel_table && !(e & DESC_NG)) prot |= contract::kProtGlobal;
  if (!(e & DESC_AF)) return prot;
  prot |= contract::kProtRead;
  if (!(e & DESC_AP_RO)) prot |= contract::kProtWrite;
  if (!(e & (user ? DESC_UXN : DESC_PXN))) prot |= contract::kProtExec;
  return prot;
}

// ---- TLB maintenance ---------------------------------------------------------------------
// The operand of a by-VA TLBI: VA[55:12] in bits 43:0, the ASID in 63:48.
constexpr uint64_t tlbi_operand(uint64_t va, uint16_t asid) {
  return (va >> 12 & ((1ull << 44) - 1)) | static_cast<uint64_t>(asid) << 48;
}

// Makes table stores visible to the walker of every CPU before what follows.
inline void publish() { __asm__ volatile("dsb ishst" : : : "memory"); }

// Drops every CPU's TLB entries (leaf and walk cache) for `va`: all ASIDs for a kernel
// table, only `asid` for a user table. The caller has published the table change.
inline void invalidate_va(uint64_t va, bool kernel_table, uint16_t asid) {
  if (kernel_table)
    __asm__ volatile("tlbi vaae1is, %0" : : "r"(tlbi_operand(va, 0)) : "memory");
  else
    __asm__ volatile("tlbi vae1is, %0" : : "r"(tlbi_operand(va, asid)) : "memory");
}

// Drops every entry of one user address space, on every CPU.
inline void invalidate_asid(uint16_t asid) {
  __asm__ volatile("tlbi aside1is, %0" : : "r"(static_cast<uint64_t>(asid) << 48) : "memory");
}

// Drops everything, on every CPU.
inline void invalidate_all() { __asm__ volatile("tlbi vmalle1is" : : : "memory"); }

// Waits for the invalidations above to finish everywhere, then resynchronises this CPU.
inline void complete() { __asm__ volatile("dsb ish\n\tisb" : : : "memory"); }

}  // namespace pte
