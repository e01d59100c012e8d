// Host tests of syscalls/table.hh: both Linux numberings, lookups both ways.
#include <CppUTest/TestHarness.h>

#include "syscalls/table.hh"
#include "syscalls/uaccess.hh"

using contract::SyscallTable;
using syscalls::Numbering;
using syscalls::Sys;

TEST_GROUP(SyscallTable){};

TEST(SyscallTable, KnownNumbersOnBothAbis) {
  LONGS_EQUAL(1, syscalls::number_of(SyscallTable::X86_64, Sys::write));
  LONGS_EQUAL(64, syscalls::number_of(SyscallTable::Generic, Sys::write));
  LONGS_EQUAL(56, syscalls::number_of(SyscallTable::X86_64, Sys::clone));
  LONGS_EQUAL(220, syscalls::number_of(SyscallTable::Generic, Sys::clone));
  LONGS_EQUAL(231, syscalls::number_of(SyscallTable::X86_64, Sys::exit_group));
  LONGS_EQUAL(94, syscalls::number_of(SyscallTable::Generic, Sys::exit_group));
  LONGS_EQUAL(-1, syscalls::number_of(SyscallTable::Generic, Sys::fork));
  LONGS_EQUAL(-1, syscalls::number_of(SyscallTable::Generic, Sys::arch_prctl));
}

TEST(SyscallTable, ReverseLookup) {
  constexpr Numbering<SyscallTable::X86_64> x86;
  constexpr Numbering<SyscallTable::Generic> generic;
  LONGS_EQUAL(static_cast<int>(Sys::getpid), x86.lookup(39));
  LONGS_EQUAL(static_cast<int>(Sys::getpid), generic.lookup(172));
  LONGS_EQUAL(static_cast<int>(Sys::read), x86.lookup(0));
  LONGS_EQUAL(-1, x86.lookup(99999));
  LONGS_EQUAL(-1, generic.lookup(~0ull));
  LONGS_EQUAL(static_cast<int>(Sys::close), generic.lookup(57));  // 57 is fork on x86_64
  LONGS_EQUAL(static_cast<int>(Sys::fork), x86.lookup(57));
}

TEST(SyscallTable, EveryCallRoundTrips) {
  constexpr Numbering<SyscallTable::X86_64> x86;
  constexpr Numbering<SyscallTable::Generic> generic;
  for (size_t i = 0; i < syscalls::kSysCount; ++i) {
    Sys s = static_cast<Sys>(i);
    int nx = syscalls::number_of(SyscallTable::X86_64, s);
    int ng = syscalls::number_of(SyscallTable::Generic, s);
    CHECK_TEXT(nx >= 0 || ng >= 0, syscalls::kSysInfo[i].name);
    if (nx >= 0) LONGS_EQUAL(static_cast<int>(i), x86.lookup(nx));
    if (ng >= 0) LONGS_EQUAL(static_cast<int>(i), generic.lookup(ng));
  }
}

TEST_GROUP(UserRange){};

TEST(UserRange, UserHalfOnly) {
  CHECK_TRUE(uaccess::user_range_ok(0x400000, 4096));
  CHECK_TRUE(uaccess::user_range_ok(contract::kUserEnd - 8, 8));
  CHECK_FALSE(uaccess::user_range_ok(contract::kUserEnd - 8, 9));
  CHECK_FALSE(uaccess::user_range_ok(0xffffffff80000000ull, 1));      // kernel image
  CHECK_FALSE(uaccess::user_range_ok(0x0000800000000000ull, 1));      // non-canonical
  CHECK_FALSE(uaccess::user_range_ok(0x1000, ~0ull));                 // wraps
  CHECK_TRUE(uaccess::user_range_ok(0, 0));
}
