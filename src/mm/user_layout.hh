// mm/user_layout.hh - where things go in a user address space (both architectures).
//
//   0x0000000000010000  kUserMin: nothing is mapped below (NULL and small offsets fault)
//   0x0000000000400000  a static (ET_EXEC) program, at the address it was linked for
//   0x0000555555554000  kPieBase: a position-independent (ET_DYN) program
//     ... brk heap, growing up from the end of the program
//     ... mmap area, allocated top down from kMmapTop (the interpreter lands here too)
//   0x00007fff7ffff000  kMmapTop
//     ... gap
//   0x00007fffff7ff000  the stack (kStackSize), its top at kStackTop, growing down
//   0x00007ffffffff000  kStackTop; one unmapped page below kUserEnd
// No randomization yet: the same program gets the same addresses every run, which is
// what a student debugging with GDB wants.
#pragma once

#include <contract/layout.hh>
#include <stddef.h>
#include <stdint.h>

namespace mm {

inline constexpr uintptr_t kUserMin = 0x10000;
inline constexpr uintptr_t kPieBase = 0x555555554000;
inline constexpr uintptr_t kStackTop = contract::kUserEnd - contract::kPageSize;
inline constexpr size_t kStackSize = 8u << 20;
inline constexpr uintptr_t kMmapTop = kStackTop - kStackSize - (2ull << 30);

constexpr uintptr_t page_down(uintptr_t a) { return a & ~(contract::kPageSize - 1); }
constexpr uintptr_t page_up(uintptr_t a) {
  return (a + contract::kPageSize - 1) & ~(contract::kPageSize - 1);
}

}  // namespace mm
