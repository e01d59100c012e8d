// contract/layout.hh - the kernel's place in the virtual address space.
//
// Both architectures use the same picture, so a student learns it once:
//
//   0x0000000000000000 .. 0x00007fffffffffff   user space (TTBR0 on aarch64); unmapped
//                                              in the kernel after boot, so a stray
//                                              null-ish pointer faults
//   kDirectMapBase = 0xffff800000000000        all of RAM, phys + kDirectMapBase
//   kKernelStacksBase = 0xffffc00000000000     kernel stacks, each below an unmapped
//                                              guard gap (src/mm/kernel_stack.cc)
//   kMmioBase      = 0xffffd00000000000        device registers, mapped uncached
//   kKernelBase    = 0xffffffff80000000        the kernel image, phys + kKernelBase
//                                              (the image lives in the low 2 GiB of RAM)
//
// Each arch's <arch/layout.hh> defines these names in namespace arch and checks itself
// against this concept.
#pragma once

#include <stdint.h>

namespace contract {

inline constexpr uint64_t kDirectMapBase = 0xffff800000000000ull;
inline constexpr uint64_t kKernelBase = 0xffffffff80000000ull;
inline constexpr uint64_t kKernelStacksBase = 0xffffc00000000000ull;
inline constexpr uint64_t kKernelStacksSize = 1ull << 30;
inline constexpr uint64_t kMmioBase = 0xffffd00000000000ull;
inline constexpr uint64_t kMmioSize = 1ull << 36;
// The user half ends here on both architectures (48-bit VAs, 47 bits for user space).
inline constexpr uint64_t kUserEnd = 0x0000800000000000ull;
inline constexpr uint64_t kPageSize = 4096;

}  // namespace contract
