// syscalls/table.hh - the system call table: names, Linux numbers per ABI, lookups.
//
// syscalls.def lists each call once with its number in both tables; everything here is
// derived from it at compile time, so adding a call is one line there plus its handler.
// `Sys` numbers the calls densely (the index of the handler in dispatch.cc's array);
// Numbering<table> maps a Linux number back to its Sys, in O(1), for one ABI column.
// Pure constexpr code: the host unit tests check both columns (tests/unit/syscalls_*).
#pragma once

#include <contract/user_abi.hh>
#include <stddef.h>
#include <stdint.h>

namespace syscalls {

enum class Sys : uint16_t {
#define SYSCALL(name, x86, generic) name,
#include "syscalls/syscalls.def"
#undef SYSCALL
  Count
};
inline constexpr size_t kSysCount = static_cast<size_t>(Sys::Count);

struct SysInfo {
  const char* name;
  int16_t number[2];  // indexed by contract::SyscallTable; -1 when absent
};

inline constexpr SysInfo kSysInfo[kSysCount] = {
#define SYSCALL(name, x86, generic) {#name, {x86, generic}},
#include "syscalls/syscalls.def"
#undef SYSCALL
};

constexpr int number_of(contract::SyscallTable table, Sys sys) {
  return kSysInfo[static_cast<size_t>(sys)].number[static_cast<size_t>(table)];
}

constexpr size_t max_number(contract::SyscallTable table) {
  size_t max = 0;
  for (const SysInfo& s : kSysInfo) {
    int n = s.number[static_cast<size_t>(table)];
    if (n > 0 && static_cast<size_t>(n) > max) max = static_cast<size_t>(n);
  }
  return max;
}

// Linux number -> Sys index (or -1) for one table.
template <contract::SyscallTable Table>
struct Numbering {
  static constexpr size_t kSize = max_number(Table) + 1;
  int16_t sys[kSize];

  constexpr Numbering() : sys() {
    for (size_t i = 0; i < kSize; ++i) sys[i] = -1;
    for (size_t i = 0; i < kSysCount; ++i) {
      int n = kSysInfo[i].number[static_cast<size_t>(Table)];
      if (n >= 0) sys[n] = static_cast<int16_t>(i);
    }
  }
  // The Sys index of Linux call `number`, or -1 when SeaOS does not implement it.
  constexpr int lookup(uint64_t number) const { return number < kSize ? sys[number] : -1; }
  // True when no two calls share a number (checked by a static_assert in dispatch.cc).
  static constexpr bool numbers_unique() {
    for (size_t i = 0; i < kSysCount; ++i)
      for (size_t j = i + 1; j < kSysCount; ++j) {
        int a = kSysInfo[i].number[static_cast<size_t>(Table)];
        if (a >= 0 && a == kSysInfo[j].number[static_cast<size_t>(Table)]) return false;
      }
    return true;
  }
};

static_assert(Numbering<contract::SyscallTable::X86_64>::numbers_unique());
static_assert(Numbering<contract::SyscallTable::Generic>::numbers_unique());

}  // namespace syscalls
