// Host tests of mm/page_cache and mm/page_allocator: per-CPU caches in front of the buddy
// allocator - refill and drain in batches, per-CPU independence, exact free counts.
#include <CppUTest/TestHarness.h>

#include "mm/page_allocator.hh"
#include "mm_test_arena.hh"

using mm::Page;
using mm::PageCache;
using mm_test::Bugs;

namespace {

constexpr size_t kRamBytes = 8 << 20;  // 2048 pages

}  // namespace

TEST_GROUP(PageAllocator) {
  mm_test::Machine* machine = nullptr;
  size_t initial = 0;

  void setup() override {
    Bugs::install();
    machine = new mm_test::Machine(kRamBytes);
    CHECK_TRUE(machine->setup_ok);
    initial = machine->pages.free_pages();
  }
  void teardown() override {
    delete machine;
    LONGS_EQUAL_TEXT(0, Bugs::count, Bugs::last);
  }

  mm::PageAllocator<mm::NoLock>& pages() { return machine->pages; }
  Page* alloc_ok(unsigned order, unsigned cpu) {
    auto block = pages().alloc(order, cpu);
    CHECK_TRUE(block.is_ok());
    return block.value();
  }
};

TEST(PageAllocator, StartsWithEveryFreePageOfThePlan) {
  UNSIGNED_LONGS_EQUAL(machine->plan.free_pages, initial);
  UNSIGNED_LONGS_EQUAL(0, pages().cached_pages(0));
}

TEST(PageAllocator, FirstSinglePageRefillsABatch) {
  Page* page = alloc_ok(0, 0);
  CHECK_TRUE(page->state == mm::PageState::Allocated);
  UNSIGNED_LONGS_EQUAL(PageCache::kBatch - 1, pages().cached_pages(0));
  UNSIGNED_LONGS_EQUAL(initial - 1, pages().free_pages());  // cached pages count as free
  pages().free(page, 0, 0);
  UNSIGNED_LONGS_EQUAL(PageCache::kBatch, pages().cached_pages(0));
  UNSIGNED_LONGS_EQUAL(initial, pages().free_pages());
}

TEST(PageAllocator, CacheIsLastInFirstOut) {
  Page* page = alloc_ok(0, 0);
  pages().free(page, 0, 0);
  POINTERS_EQUAL(page, alloc_ok(0, 0));  // the warmest page comes back first
  pages().free(page, 0, 0);
}

TEST(PageAllocator, FreeingPastTheHighMarkDrainsABatch) {
  static Page* held[200];
  for (Page*& page : held) page = alloc_ok(0, 0);
  pages().drain_cache(0);
  UNSIGNED_LONGS_EQUAL(0, pages().cached_pages(0));
  for (unsigned i = 0; i < PageCache::kHigh; ++i) pages().free(held[i], 0, 0);
  UNSIGNED_LONGS_EQUAL(PageCache::kHigh, pages().cached_pages(0));
  pages().free(held[PageCache::kHigh], 0, 0);  // one too many: a batch goes back
  UNSIGNED_LONGS_EQUAL(PageCache::kHigh + 1 - PageCache::kBatch, pages().cached_pages(0));
  for (unsigned i = PageCache::kHigh + 1; i < 200; ++i) {
    pages().free(held[i], 0, 0);
    CHECK_TRUE(pages().cached_pages(0) <= PageCache::kHigh);
  }
  UNSIGNED_LONGS_EQUAL(initial, pages().free_pages());
}

TEST(PageAllocator, EachCpuHasItsOwnCache) {
  Page* on_cpu0 = alloc_ok(0, 0);
  Page* on_cpu1 = alloc_ok(0, 1);
  UNSIGNED_LONGS_EQUAL(PageCache::kBatch - 1, pages().cached_pages(0));
  UNSIGNED_LONGS_EQUAL(PageCache::kBatch - 1, pages().cached_pages(1));
  CHECK_TRUE(on_cpu0 != on_cpu1);
  pages().free(on_cpu0, 0, 1);  // freed on the other CPU: lands in that CPU's cache
  UNSIGNED_LONGS_EQUAL(PageCache::kBatch - 1, pages().cached_pages(0));
  UNSIGNED_LONGS_EQUAL(PageCache::kBatch, pages().cached_pages(1));
  pages().free(on_cpu1, 0, 1);
  UNSIGNED_LONGS_EQUAL(initial, pages().free_pages());
}

TEST(PageAllocator, ExhaustionThroughTheCacheThenEverythingBack) {
  static Page* held[kRamBytes / mm::kPageSize];
  size_t count = 0;
  for (;;) {
    auto page = pages().alloc(0, 0);
    if (page.is_error()) {
      CHECK_TRUE(page.error() == mm::Errno::NoMem);
      break;
    }
    held[count++] = page.value();
  }
  UNSIGNED_LONGS_EQUAL(initial, count);
  UNSIGNED_LONGS_EQUAL(0, pages().free_pages());
  for (size_t i = 0; i < count; ++i) pages().free(held[i], 0, i % 3);  // three CPUs
  UNSIGNED_LONGS_EQUAL(initial, pages().free_pages());
}

TEST(PageAllocator, LargeBlockDrainsTheOwnCacheBeforeGivingUp) {
  // Fill the cache with pages whose buddies are free, so only draining lets them merge.
  static Page* held[kRamBytes / mm::kPageSize];
  size_t count = 0;
  for (auto page = pages().alloc(0, 0); page.is_ok(); page = pages().alloc(0, 0))
    held[count++] = page.value();
  for (size_t i = 0; i < count; ++i) pages().free(held[i], 0, 0);
  CHECK_TRUE(pages().cached_pages(0) > 0);

  size_t taken = 0;
  for (auto block = pages().alloc(3, 0); block.is_ok(); block = pages().alloc(3, 0)) {
    held[taken / 8] = block.value();
    taken += 8;
  }
  UNSIGNED_LONGS_EQUAL(0, pages().cached_pages(0));  // drained on the way to ENOMEM
  UNSIGNED_LONGS_EQUAL(initial, taken + pages().free_pages());
  CHECK_TRUE(pages().free_pages() < 8 * 8);  // only ragged edges of the ranges are left
  for (size_t i = 0; i < taken / 8; ++i) pages().free(held[i], 3, 0);
  UNSIGNED_LONGS_EQUAL(initial, pages().free_pages());
}

TEST(PageAllocator, DoubleFreeOfACachedPageIsReported) {
  Page* page = alloc_ok(0, 0);
  pages().free(page, 0, 0);
  size_t cached = pages().cached_pages(0);
  pages().free(page, 0, 0);
  CHECK_TRUE(Bugs::take_one_containing("double free"));
  UNSIGNED_LONGS_EQUAL(cached, pages().cached_pages(0));
  UNSIGNED_LONGS_EQUAL(initial, pages().free_pages());
}

TEST(PageAllocator, HigherOrdersBypassTheCache) {
  Page* block = alloc_ok(4, 0);
  UNSIGNED_LONGS_EQUAL(0, pages().cached_pages(0));
  UNSIGNED_LONGS_EQUAL(initial - 16, pages().free_pages());
  pages().free(block, 4, 0);
  UNSIGNED_LONGS_EQUAL(initial, pages().free_pages());
}
