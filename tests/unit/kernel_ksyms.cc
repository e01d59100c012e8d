// Host tests of kernel/ksyms: lookups in a hand-made symbol table.
#include <CppUTest/TestHarness.h>

#include "kernel/ksyms.hh"

namespace {

const char kNames[] = "alpha\0beta\0gamma";
const ksyms::Entry kEntries[] = {{0x1000, 0, 0}, {0x1040, 6, 0}, {0x2000, 11, 0}};
const ksyms::Table kTable{kEntries, 3, kNames};

}  // namespace

TEST_GROUP(Ksyms){};

TEST(Ksyms, LookupInsideAndAtStart) {
  uintptr_t off = 99;
  STRCMP_EQUAL("alpha", ksyms::lookup(kTable, 0x1000, &off));
  UNSIGNED_LONGS_EQUAL(0, off);
  STRCMP_EQUAL("alpha", ksyms::lookup(kTable, 0x103f, &off));
  UNSIGNED_LONGS_EQUAL(0x3f, off);
  STRCMP_EQUAL("beta", ksyms::lookup(kTable, 0x1040, &off));
  STRCMP_EQUAL("gamma", ksyms::lookup(kTable, 0x9000, &off));
  UNSIGNED_LONGS_EQUAL(0x7000, off);
}

TEST(Ksyms, BelowFirstOrEmpty) {
  uintptr_t off = 0;
  POINTERS_EQUAL(nullptr, ksyms::lookup(kTable, 0xfff, &off));
  const ksyms::Table empty{kEntries, 0, kNames};
  POINTERS_EQUAL(nullptr, ksyms::lookup(empty, 0x1000, &off));
}

TEST(Ksyms, AddressOf) {
  UNSIGNED_LONGS_EQUAL(0x1040, ksyms::address_of(kTable, "beta"));
  UNSIGNED_LONGS_EQUAL(0, ksyms::address_of(kTable, "delta"));
}
