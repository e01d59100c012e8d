// Host tests of mm/slab: carving, reuse, slab lists, and the debug checks - poison,
// write-after-free and double free reported with the cache's name and the address.
#include <CppUTest/TestHarness.h>
#include <stdio.h>

#include "mm/slab.hh"
#include "mm_test_arena.hh"

using mm::Page;
using mm::SlabCache;
using mm_test::Bugs;

TEST_GROUP(Slab) {
  mm_test::Machine* machine = nullptr;
  SlabCache* cache = nullptr;

  void setup() override {
    Bugs::install();
    machine = new mm_test::Machine(4 << 20);
    CHECK_TRUE(machine->setup_ok);
    cache = new SlabCache;
    cache->init("test-64", 64, 0, &machine->pages.map());
  }
  void teardown() override {
    delete cache;
    delete machine;
    LONGS_EQUAL_TEXT(0, Bugs::count, Bugs::last);
  }

  Page* add_slab(SlabCache & to) {
    auto slab = machine->pages.alloc(to.slab_order(), 0);
    CHECK_TRUE(slab.is_ok());
    CHECK_TRUE(to.add_slab(slab.value()).is_ok());
    return slab.value();
  }
  void* alloc_ok(SlabCache & from) {
    auto object = from.alloc();
    CHECK_TRUE(object.is_ok());
    return object.value();
  }
  char* slab_start(Page * slab) { return static_cast<char*>(machine->pages.map().virt_of(slab)); }
  Page* page_of(void* object) { return machine->pages.map().page_of_virt(object); }
};

TEST(Slab, EmptyCacheAsksForASlab) { CHECK_TRUE(cache->alloc().error() == mm::Errno::NoMem); }

TEST(Slab, CarvesASlabIntoDistinctAlignedObjects) {
  Page* slab = add_slab(*cache);
  UNSIGNED_LONGS_EQUAL(64, cache->objects_per_slab());
  static bool seen[64];
  memset(seen, 0, sizeof seen);
  for (int i = 0; i < 64; ++i) {
    char* object = static_cast<char*>(alloc_ok(*cache));
    size_t offset = static_cast<size_t>(object - slab_start(slab));
    UNSIGNED_LONGS_EQUAL(0, offset % 64);
    CHECK_TRUE(offset < mm::kPageSize);
    CHECK_FALSE(seen[offset / 64]);
    seen[offset / 64] = true;
    memset(object, 0x11, 64);  // the whole object is ours
  }
  CHECK_TRUE(cache->alloc().error() == mm::Errno::NoMem);  // slab full
  UNSIGNED_LONGS_EQUAL(64, cache->objects_in_use());
  CHECK_TRUE(slab->state == mm::PageState::Slab);
  POINTERS_EQUAL(cache, slab->slab_cache);
}

TEST(Slab, FreedObjectIsReusedFirst) {
  add_slab(*cache);
  void* a = alloc_ok(*cache);
  void* b = alloc_ok(*cache);
  POINTERS_EQUAL(nullptr, cache->free(a, page_of(a)));
  POINTERS_EQUAL(a, alloc_ok(*cache));
  cache->free(a, page_of(a));
  cache->free(b, page_of(b));
  UNSIGNED_LONGS_EQUAL(0, cache->objects_in_use());
}

TEST(Slab, KeepsOneEmptySlabAndHandsBackTheNext) {
  Page* first = add_slab(*cache);
  static void* objects[128];
  for (int i = 0; i < 64; ++i) objects[i] = alloc_ok(*cache);
  Page* second = add_slab(*cache);
  for (int i = 64; i < 128; ++i) objects[i] = alloc_ok(*cache);
  UNSIGNED_LONGS_EQUAL(2, cache->slab_count());

  for (int i = 0; i < 64; ++i)  // the first slab empties: kept for reuse
    POINTERS_EQUAL(nullptr, cache->free(objects[i], page_of(objects[i])));
  UNSIGNED_LONGS_EQUAL(2, cache->slab_count());
  Page* released = nullptr;
  for (int i = 64; i < 128; ++i) released = cache->free(objects[i], page_of(objects[i]));
  POINTERS_EQUAL(second, released);  // a second empty slab goes back to the caller
  CHECK_TRUE(released->state == mm::PageState::Allocated);
  UNSIGNED_LONGS_EQUAL(1, cache->slab_count());
  machine->pages.free(released, 0, 0);

  POINTERS_EQUAL(first, cache->release_empty_slab());
  POINTERS_EQUAL(nullptr, cache->release_empty_slab());
  UNSIGNED_LONGS_EQUAL(0, cache->slab_count());
  machine->pages.free(first, 0, 0);
}

TEST(Slab, MultiPageSlabFindsItsHeadFromAnyPage) {
  SlabCache big;
  big.init("test-2048", 2048, 1, &machine->pages.map());
  Page* slab = add_slab(big);
  UNSIGNED_LONGS_EQUAL(4, big.objects_per_slab());
  void* objects[4];
  for (void*& o : objects) o = alloc_ok(big);
  CHECK_TRUE(page_of(objects[3]) == slab + 1);  // the second page of the slab
  for (void* o : objects) big.free(o, page_of(o));
  UNSIGNED_LONGS_EQUAL(0, big.objects_in_use());
  POINTERS_EQUAL(slab, big.release_empty_slab());
  machine->pages.free(slab, 1, 0);
}

TEST(Slab, FreedObjectIsPoisoned) {
  if (!mm::kDebug) return;
  add_slab(*cache);
  auto* object = static_cast<unsigned char*>(alloc_ok(*cache));
  memset(object, 0, 64);
  cache->free(object, page_of(object));
  for (int i = 16; i < 64; ++i) UNSIGNED_LONGS_EQUAL(mm::kFreePoison, object[i]);
}

TEST(Slab, DoubleFreeIsReportedWithCacheAndAddress) {
  if (!mm::kDebug) return;
  add_slab(*cache);
  void* object = alloc_ok(*cache);
  void* other = alloc_ok(*cache);
  cache->free(object, page_of(object));
  cache->free(object, page_of(object));
  char expected[96];
  snprintf(expected, sizeof expected, "slab cache test-64: double free of %p", object);
  CHECK_TRUE(Bugs::take_one_containing(expected));
  UNSIGNED_LONGS_EQUAL(1, cache->objects_in_use());  // the second free changed nothing
  cache->free(other, page_of(other));
}

TEST(Slab, LiveObjectHoldingTheFreeTagIsNotADoubleFree) {
  add_slab(*cache);
  auto* object = static_cast<uint64_t*>(alloc_ok(*cache));
  object[1] = mm::kFreeObjectTag;  // user data that happens to look like the tag
  cache->free(object, page_of(object));
  UNSIGNED_LONGS_EQUAL(0, cache->objects_in_use());
}

TEST(Slab, WriteAfterFreeIsReportedAtTheNextAllocation) {
  if (!mm::kDebug) return;
  add_slab(*cache);
  auto* object = static_cast<char*>(alloc_ok(*cache));
  cache->free(object, page_of(object));
  object[40] = 'x';
  POINTERS_EQUAL(object, alloc_ok(*cache));
  CHECK_TRUE(Bugs::take_one_containing("was written after it was freed (byte 40)"));
  cache->free(object, page_of(object));
}

TEST(Slab, PointerIntoTheMiddleOfAnObjectIsReported) {
  add_slab(*cache);
  auto* object = static_cast<char*>(alloc_ok(*cache));
  cache->free(object + 8, page_of(object));
  CHECK_TRUE(Bugs::take_one_containing("not the start of an object of this cache"));
  cache->free(object, page_of(object));
}
