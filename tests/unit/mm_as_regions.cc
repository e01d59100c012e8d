// Host tests of mm/region.hh: the ordered region set behind every user address space.
#include <CppUTest/TestHarness.h>

#include "mm/region.hh"

using mm::Region;
using mm::RegionKind;
using mm::RegionMap;

// Regions here map no object (nullptr); the kernel's reference counting lives in
// mm/vm_object.cc, which needs the page allocator.
void mm::vm_object_get(mm::VmObject*) {}
void mm::vm_object_put(mm::VmObject*) {}

namespace {
constexpr uintptr_t P = 4096;

// "start-end:prot," for each region, to compare whole maps at once.
SimpleString dump(const RegionMap& m) {
  SimpleString s;
  m.for_each([&](const Region& r) {
    s += StringFromFormat("%lx-%lx:%u,", static_cast<unsigned long>(r.start / P),
                          static_cast<unsigned long>(r.end / P), r.prot);
  });
  return s;
}
}  // namespace

TEST_GROUP(Regions) {
  RegionMap map;
};

TEST(Regions, InsertKeepsOrderAndRejectsOverlap) {
  CHECK_TRUE(map.insert(10 * P, 20 * P, 3, RegionKind::Anonymous).is_ok());
  CHECK_TRUE(map.insert(1 * P, 2 * P, 1, RegionKind::Program).is_ok());
  CHECK_TRUE(map.insert(30 * P, 31 * P, 1, RegionKind::Anonymous).is_ok());
  CHECK_TRUE(map.insert(20 * P, 21 * P, 1, RegionKind::Anonymous).is_ok());
  STRCMP_EQUAL("1-2:1,a-14:3,14-15:1,1e-1f:1,", dump(map).asCharString());
  auto clash = map.insert(15 * P, 25 * P, 1, RegionKind::Anonymous);
  CHECK_TRUE(clash.is_error());
  LONGS_EQUAL(static_cast<int>(ktl::Errno::Exist), static_cast<int>(clash.error()));
  POINTERS_EQUAL(nullptr, map.find(5 * P));
  CHECK_TRUE(map.find(19 * P + 5) != nullptr);
  LONGS_EQUAL(10 * P, map.find(19 * P + 5)->start);
}

TEST(Regions, PartialRemoveSplits) {
  CHECK_TRUE(map.insert(10 * P, 20 * P, 3, RegionKind::Anonymous).is_ok());
  size_t removed = 0;
  CHECK_TRUE(map.remove_range(12 * P, 14 * P, [&](uintptr_t s, uintptr_t e) {
    removed += e - s;
  }).is_ok());
  LONGS_EQUAL(2 * P, removed);
  STRCMP_EQUAL("a-c:3,e-14:3,", dump(map).asCharString());
  // A range over a hole and both pieces' edges.
  CHECK_TRUE(map.remove_range(11 * P, 15 * P, [](uintptr_t, uintptr_t) {}).is_ok());
  STRCMP_EQUAL("a-b:3,f-14:3,", dump(map).asCharString());
  CHECK_TRUE(map.remove_range(0, 100 * P, [](uintptr_t, uintptr_t) {}).is_ok());
  LONGS_EQUAL(0, map.count());
}

TEST(Regions, ProtectSplitsAndNeedsFullCover) {
  CHECK_TRUE(map.insert(10 * P, 20 * P, 0, RegionKind::Anonymous).is_ok());
  int changed = 0;
  CHECK_TRUE(map.protect_range(11 * P, 20 * P, 3, [&](Region&) { ++changed; }).is_ok());
  LONGS_EQUAL(1, changed);
  STRCMP_EQUAL("a-b:0,b-14:3,", dump(map).asCharString());
  CHECK_TRUE(map.protect_range(19 * P, 21 * P, 1, [](Region&) {}).is_error());
  STRCMP_EQUAL("a-b:0,b-14:3,", dump(map).asCharString());
}

TEST(Regions, MergeJoinsEqualNeighbours) {
  CHECK_TRUE(map.insert(10 * P, 12 * P, 3, RegionKind::Heap).is_ok());
  CHECK_TRUE(map.insert(14 * P, 16 * P, 3, RegionKind::Heap).is_ok());
  Region* mid = map.insert(12 * P, 14 * P, 3, RegionKind::Heap).value();
  map.merge_around(mid);
  STRCMP_EQUAL("a-10:3,", dump(map).asCharString());
  Region* other = map.insert(16 * P, 17 * P, 1, RegionKind::Heap).value();
  map.merge_around(other);
  LONGS_EQUAL(2, map.count());
}

TEST(Regions, FreeGapsTopDown) {
  CHECK_TRUE(map.insert(90 * P, 100 * P, 3, RegionKind::Stack).is_ok());
  CHECK_TRUE(map.insert(70 * P, 80 * P, 3, RegionKind::Anonymous).is_ok());
  LONGS_EQUAL(86 * P, map.find_free_top_down(4 * P, 0, 90 * P).value());
  LONGS_EQUAL(80 * P, map.find_free_top_down(10 * P, 0, 90 * P).value());
  LONGS_EQUAL(59 * P, map.find_free_top_down(11 * P, 0, 90 * P).value());
  CHECK_TRUE(map.find_free_top_down(71 * P, 0, 90 * P).is_error());
  CHECK_TRUE(map.is_free(80 * P, 90 * P));
  CHECK_FALSE(map.is_free(79 * P, 81 * P));
  CHECK_TRUE(map.covered(90 * P, 100 * P));
  CHECK_FALSE(map.covered(79 * P, 91 * P));
}
