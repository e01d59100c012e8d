// arch/layout.hh (x86_64) - the kernel's virtual address space on x86_64.
//
// Four-level paging gives 48-bit addresses: the lower half (below 0x0000800000000000)
// is user space, the upper half (from 0xffff800000000000) the kernel. The kernel half
// holds the direct map of all RAM at kDirectMapBase (PML4 slot 256) and the kernel image
// at kKernelBase (PML4 slot 511, PDPT slots 510-511: the top 2 GiB, which is what
// -mcmodel=kernel requires). Boot code builds both mappings (boot/long_mode.S).
#pragma once

#include <contract/layout.hh>
#include <stdint.h>

namespace arch {

inline constexpr uint64_t kKernelHalfStart = 0xffff800000000000ull;
inline constexpr uint64_t kDirectMapBase = contract::kDirectMapBase;
inline constexpr uint64_t kKernelBase = contract::kKernelBase;
inline constexpr uint64_t kPageSize = contract::kPageSize;

static_assert(kDirectMapBase >= kKernelHalfStart, "the direct map is in the kernel half");
static_assert(kDirectMapBase % (512ull << 30) == 0, "the direct map starts a PML4 slot");
static_assert(kKernelBase == 0xffffffff80000000ull, "-mcmodel=kernel needs the top 2 GiB");

// Physical address -> its alias in the direct map. (Same names and types as the other
// architecture's layout.hh: src/ uses them on both.)
constexpr uintptr_t phys_to_virt(uint64_t phys) { return phys + kDirectMapBase; }

// Kernel virtual address (direct map or kernel image) -> physical address.
constexpr uint64_t virt_to_phys(uintptr_t virt) {
  return virt >= kKernelBase ? virt - kKernelBase : virt - kDirectMapBase;
}

// Typed convenience: a pointer to physical memory through the direct map.
template <class T>
T* phys_to_ptr(uint64_t phys) {
  return reinterpret_cast<T*>(phys_to_virt(phys));
}

}  // namespace arch
