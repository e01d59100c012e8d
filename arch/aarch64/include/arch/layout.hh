// arch/layout.hh (aarch64) - the kernel's virtual address space.
//
// With 48-bit virtual addresses TTBR1 (the kernel half) translates
// 0xffff000000000000..0xffffffffffffffff and TTBR0 (user space) 0..0x0000ffffffffffff.
// Inside the kernel half the layout is the one contract/layout.hh draws for both
// architectures: the direct map of physical memory at kDirectMapBase and the kernel
// image at kKernelBase + its physical address.
#pragma once

#include <contract/layout.hh>
#include <stdint.h>

namespace arch {

inline constexpr uintptr_t kKernelHalfStart = 0xffff000000000000ull;
inline constexpr uintptr_t kDirectMapBase = contract::kDirectMapBase;
inline constexpr uintptr_t kKernelBase = contract::kKernelBase;
inline constexpr uint64_t kPageSize = contract::kPageSize;

static_assert(kDirectMapBase >= kKernelHalfStart && kKernelBase > kDirectMapBase);
static_assert((kDirectMapBase >> 39 & 511) == 256, "boot_mmu.S maps the direct map at L0[256]");

// Physical address -> its alias in the direct map.
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
