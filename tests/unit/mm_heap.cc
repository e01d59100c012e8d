// Host tests of mm/heap (kmalloc/kfree): size classes, large blocks, alignment,
// exhaustion, and every page accounted for after all is freed.
#include <CppUTest/TestHarness.h>
#include <stdint.h>
#include <stdio.h>

#include "mm/heap.hh"
#include "mm_test_arena.hh"

using mm_test::Bugs;

TEST_GROUP(SizeClasses){};

TEST(SizeClasses, SmallestClassThatHolds) {
  UNSIGNED_LONGS_EQUAL(16, mm::kSizeClasses[mm::size_class_index(1)].size);
  UNSIGNED_LONGS_EQUAL(16, mm::kSizeClasses[mm::size_class_index(16)].size);
  UNSIGNED_LONGS_EQUAL(32, mm::kSizeClasses[mm::size_class_index(17)].size);
  UNSIGNED_LONGS_EQUAL(96, mm::kSizeClasses[mm::size_class_index(65)].size);
  UNSIGNED_LONGS_EQUAL(192, mm::kSizeClasses[mm::size_class_index(129)].size);
  UNSIGNED_LONGS_EQUAL(8192, mm::kSizeClasses[mm::size_class_index(8192)].size);
  UNSIGNED_LONGS_EQUAL(mm::kSizeClassCount, mm::size_class_index(8193));
}

TEST(SizeClasses, ClassesAreSortedAndSlabsHoldAtLeastFour) {
  for (size_t i = 0; i < mm::kSizeClassCount; ++i) {
    const mm::SizeClass& c = mm::kSizeClasses[i];
    UNSIGNED_LONGS_EQUAL(0, c.size % 16);
    CHECK_TRUE((mm::kPageSize << c.slab_order) / c.size >= 4);
    if (i > 0) CHECK_TRUE(mm::kSizeClasses[i - 1].size < c.size);
  }
}

TEST(SizeClasses, OrderForBytes) {
  UNSIGNED_LONGS_EQUAL(0, mm::order_for_bytes(1));
  UNSIGNED_LONGS_EQUAL(0, mm::order_for_bytes(4096));
  UNSIGNED_LONGS_EQUAL(1, mm::order_for_bytes(4097));
  UNSIGNED_LONGS_EQUAL(3, mm::order_for_bytes(20000));
  UNSIGNED_LONGS_EQUAL(mm::kMaxOrder, mm::order_for_bytes(mm::kPageSize << mm::kMaxOrder));
  size_t too_big = (mm::kPageSize << mm::kMaxOrder) + 1;
  UNSIGNED_LONGS_EQUAL(mm::kMaxOrder + 1, mm::order_for_bytes(too_big));
}

TEST_GROUP(Kmalloc) {
  mm_test::Machine* machine = nullptr;
  size_t initial = 0;

  void setup() override {
    Bugs::install();
    machine = new mm_test::Machine(16 << 20);
    CHECK_TRUE(machine->setup_ok);
    initial = machine->pages.free_pages();
  }
  void teardown() override {
    delete machine;
    LONGS_EQUAL_TEXT(0, Bugs::count, Bugs::last);
  }

  mm::Heap<mm::NoLock>& heap() { return machine->heap; }
  void* alloc_ok(size_t size) {
    auto object = heap().alloc(size, 0);
    CHECK_TRUE(object.is_ok());
    return object.value();
  }
  size_t free_pages() { return machine->pages.free_pages(); }
};

TEST(Kmalloc, EachSizeLandsInTheSmallestClassThatHoldsIt) {
  for (size_t size = 1; size <= mm::kLargestClass; size += 7) {
    void* object = alloc_ok(size);
    size_t usable = heap().usable_size(object);
    UNSIGNED_LONGS_EQUAL(mm::kSizeClasses[mm::size_class_index(size)].size, usable);
    CHECK_TRUE(usable >= size);
    UNSIGNED_LONGS_EQUAL(0, reinterpret_cast<uintptr_t>(object) % 16);
    memset(object, 0x5a, size);
    heap().free(object, 0);
  }
}

TEST(Kmalloc, ZeroBytesIsTheSmallestObject) {
  void* object = alloc_ok(0);
  UNSIGNED_LONGS_EQUAL(16, heap().usable_size(object));
  heap().free(object, 0);
}

TEST(Kmalloc, LargeSizesComeFromTheBuddyAllocator) {
  void* big = alloc_ok(20000);  // five pages: an order-3 block
  UNSIGNED_LONGS_EQUAL(8 * mm::kPageSize, heap().usable_size(big));
  UNSIGNED_LONGS_EQUAL(initial - 8, free_pages());
  UNSIGNED_LONGS_EQUAL(0, reinterpret_cast<uintptr_t>(big) % (8 * mm::kPageSize));
  memset(big, 0x5a, 20000);
  heap().free(big, 0);
  UNSIGNED_LONGS_EQUAL(initial, free_pages());
}

TEST(Kmalloc, TooLargeIsNoMem) {
  CHECK_TRUE(heap().alloc((mm::kPageSize << mm::kMaxOrder) + 1, 0).error() == mm::Errno::NoMem);
}

TEST(Kmalloc, AlignedAllocations) {
  const size_t cases[][2] = {{100, 256}, {10, 64}, {5000, 8192}, {3, 4096}, {100, 65536}};
  for (const auto& c : cases) {
    auto object = heap().alloc_aligned(c[0], c[1], 0);
    CHECK_TRUE(object.is_ok());
    UNSIGNED_LONGS_EQUAL(0, reinterpret_cast<uintptr_t>(object.value()) % c[1]);
    CHECK_TRUE(heap().usable_size(object.value()) >= c[0]);
    heap().free(object.value(), 0);
  }
  CHECK_TRUE(heap().alloc_aligned(10, 24, 0).error() == mm::Errno::Inval);
}

TEST(Kmalloc, ManySizesFreedAndTrimmedGiveBackEveryPage) {
  static void* objects[600];
  size_t count = 0;
  for (size_t size = 1; size < 40000; size = size * 5 / 4 + 1)
    for (int copies = 0; copies < 12; ++copies) objects[count++] = alloc_ok(size);
  CHECK_TRUE(free_pages() < initial);
  for (size_t i = 0; i < count; i += 2) heap().free(objects[i], 0);  // evens, then odds
  for (size_t i = 1; i < count; i += 2) heap().free(objects[i], 0);
  heap().trim(0);
  UNSIGNED_LONGS_EQUAL(initial, free_pages());
}

TEST(Kmalloc, ExhaustionIsNoMemThenEverythingBack) {
  void* chain = nullptr;  // linked through the objects themselves
  size_t count = 0;
  for (;;) {
    auto object = heap().alloc(1024, 0);
    if (object.is_error()) {
      CHECK_TRUE(object.error() == mm::Errno::NoMem);
      break;
    }
    *static_cast<void**>(object.value()) = chain;
    chain = object.value();
    ++count;
  }
  UNSIGNED_LONGS_EQUAL(initial * 4, count);  // 4 per page, every page used
  while (chain) {
    void* next = *static_cast<void**>(chain);
    heap().free(chain, 0);
    chain = next;
  }
  heap().trim(0);
  UNSIGNED_LONGS_EQUAL(initial, free_pages());
}

TEST(Kmalloc, NullIsIgnored) { heap().free(nullptr, 0); }

TEST(Kmalloc, PointerNotFromKmallocIsReported) {
  // Just past the end of RAM: no page descriptor describes it.
  auto* past_ram = reinterpret_cast<void*>(mm_test::kPhysBase + machine->arena.bytes() +
                                           machine->arena.direct_map_offset());
  heap().free(past_ram, 0);
  CHECK_TRUE(Bugs::take_one_containing("not allocated by kmalloc (page is outside RAM)"));
}

TEST(Kmalloc, DoubleFreeNamesTheCache) {
  if (!mm::kDebug) return;
  void* object = alloc_ok(50);
  void* keep = alloc_ok(50);  // so the slab stays in the cache
  heap().free(object, 0);
  heap().free(object, 0);
  char expected[96];
  snprintf(expected, sizeof expected, "slab cache kmalloc-64: double free of %p", object);
  CHECK_TRUE(Bugs::take_one_containing(expected));
  heap().free(keep, 0);
}

TEST(Kmalloc, DoubleFreeOfALargeBlockIsReported) {
  void* big = alloc_ok(100000);
  heap().free(big, 0);
  heap().free(big, 0);
  CHECK_TRUE(Bugs::take_one_containing("not allocated by kmalloc"));
  UNSIGNED_LONGS_EQUAL(initial, free_pages());
}
