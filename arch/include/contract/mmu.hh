// contract/mmu.hh - page tables, as every architecture provides them.
//
// One type, arch::PageTable (in <arch/mmu.hh>), is a tree of translation tables: the
// x86_64 PML4 tree (CR3) or an aarch64 TTBR0/TTBR1 tree. src/mm builds address spaces on
// it and never touches a table entry itself. All sizes and addresses are multiples of
// 4 KiB. map() uses 2 MiB blocks wherever the virtual address, the physical address and
// the remaining size allow it, and 4 KiB pages elsewhere; protect() and unmap() split a
// block when asked to change part of it.
//
// Table pages come from mm::page_alloc_zeroed() and go back to mm::page_free(); the
// frames a mapping points to are the caller's and are never freed here.
//
// TLBs: every call that removes or narrows a translation (unmap, protect) invalidates it
// on this CPU before returning. Other CPUs are the caller's business (SMP shootdown is
// in src/mm, through arch::Tlb in this header).
#pragma once

#include <concepts>
#include <stddef.h>
#include <stdint.h>

#include "lib/result.hh"

namespace contract {

// Protection and memory type of a mapping, arch-independent. A mapping without kProtUser
// is reachable from the kernel only. kProtDevice: uncached device memory (MMIO).
enum Prot : uint32_t {
  kProtNone = 0,
  kProtRead = 1u << 0,
  kProtWrite = 1u << 1,
  kProtExec = 1u << 2,
  kProtUser = 1u << 3,
  kProtDevice = 1u << 4,
  kProtGlobal = 1u << 5,  // kernel mappings shared by every address space (x86 G bit)
};

// What query() reports for one virtual address.
struct Translation {
  uint64_t phys;       // physical address of `va` itself (not of the page start)
  uint32_t prot;       // Prot bits as mapped
  uint64_t page_size;  // 4 KiB, 2 MiB or 1 GiB: the size of the leaf that maps it
};

template <class PT>
concept PageTableOps = requires(PT& pt, const PT& cpt, uintptr_t va, uint64_t pa, size_t size,
                                uint32_t prot, Translation* out) {
  // A new, empty user address space table. On x86_64 it shares the kernel half with
  // every other table (the kernel PML4 entries are copied); on aarch64 the kernel lives
  // in TTBR1, so a user table covers TTBR0 only. Errors: NoMem.
  { PT::create_user() } -> std::same_as<ktl::Result<PT*>>;
  // The kernel's own table (kernel half: direct map, kernel image, kernel stacks, MMIO).
  { PT::kernel() } -> std::same_as<PT&>;
  // Maps [va, va+size) to [pa, pa+size). Errors: Exist if any page is already mapped
  // (nothing is changed then), NoMem (what was mapped by this call is undone), Inval for
  // misaligned or non-canonical input or a user mapping outside the user half.
  { pt.map(va, pa, size, prot) } -> std::same_as<ktl::Result<void>>;
  // Removes every translation in the range (holes are fine), freeing table pages that
  // become empty. Returns the number of 4 KiB pages that were mapped.
  { pt.unmap(va, size) } -> std::same_as<size_t>;
  // Changes the protection of every mapped page in the range. Errors: NoMem (splitting
  // a block needed a table page), Fault if part of the range is not mapped.
  { pt.protect(va, size, prot) } -> std::same_as<ktl::Result<void>>;
  // True and *out filled when `va` is mapped.
  { cpt.query(va, out) } -> std::same_as<bool>;
  // Makes this the current user table of this CPU (CR3 / TTBR0 with its ASID).
  { pt.activate() } -> std::same_as<void>;
  // Frees every table page of a user table (not the mapped frames) and the table itself.
  { PT::destroy(&pt) } -> std::same_as<void>;
};

// TLB maintenance for this CPU.
template <class T>
concept TlbOps = requires(uintptr_t va) {
  { T::flush_page(va) } -> std::same_as<void>;  // one page, every address space (kernel)
  { T::flush_all() } -> std::same_as<void>;     // everything but global kernel entries
};

}  // namespace contract
