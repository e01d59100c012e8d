// Host tests of mm/buddy: splitting, merging, fragmentation, exhaustion, bad frees.
// The allocator runs over a malloc'd arena posing as RAM at kPhysBase.
#include <CppUTest/TestHarness.h>
#include <stdio.h>

#include "mm/buddy.hh"
#include "mm_test_arena.hh"

using mm::BuddyAllocator;
using mm::Page;
using mm_test::Bugs;

namespace {

constexpr size_t kPages = 2048;  // two order-10 blocks
constexpr uint64_t kFirstPfn = mm_test::kPhysBase >> mm::kPageShift;

// A tiny deterministic random generator, so failures reproduce.
struct Random {
  uint64_t state = 0x5ea05ea05ea05ea0ull;
  uint64_t next(uint64_t bound) {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return (state >> 33) % bound;
  }
};

}  // namespace

TEST_GROUP(Buddy) {
  mm_test::Arena* arena = nullptr;
  Page* descriptors = nullptr;
  BuddyAllocator* buddy = nullptr;

  void setup() override {
    Bugs::install();
    arena = new mm_test::Arena(kPages * mm::kPageSize);
    descriptors = new Page[kPages];
    mm::PageMap map;
    map.init(descriptors, kFirstPfn, kPages, arena->direct_map_offset());
    buddy = new BuddyAllocator;
    buddy->init(map);
  }
  void teardown() override {
    delete buddy;
    delete[] descriptors;
    delete arena;
    LONGS_EQUAL_TEXT(0, Bugs::count, Bugs::last);
  }

  uint64_t pfn(const Page* page) { return buddy->map().pfn_of(page); }
  Page* alloc_ok(unsigned order) {
    auto block = buddy->alloc(order);
    CHECK_TRUE(block.is_ok());
    return block.value();
  }
  void check_only_blocks_of(unsigned order, size_t count) {
    for (unsigned k = 0; k <= mm::kMaxOrder; ++k)
      UNSIGNED_LONGS_EQUAL(k == order ? count : 0, buddy->free_blocks(k));
  }
};

TEST(Buddy, StartsEmpty) {
  UNSIGNED_LONGS_EQUAL(0, buddy->free_count());
  CHECK_TRUE(buddy->alloc(0).error() == mm::Errno::NoMem);
}

TEST(Buddy, FreeRangeBecomesLargestBlocks) {
  buddy->add_free_range(kFirstPfn, kPages);
  UNSIGNED_LONGS_EQUAL(kPages, buddy->free_count());
  check_only_blocks_of(mm::kMaxOrder, 2);
}

TEST(Buddy, UnalignedRangeBecomesAlignedBlocks) {
  buddy->add_free_range(kFirstPfn + 3, 13);  // pages 3..15: 1 + 4 + 8
  UNSIGNED_LONGS_EQUAL(13, buddy->free_count());
  UNSIGNED_LONGS_EQUAL(1, buddy->free_blocks(0));
  UNSIGNED_LONGS_EQUAL(0, buddy->free_blocks(1));
  UNSIGNED_LONGS_EQUAL(1, buddy->free_blocks(2));
  UNSIGNED_LONGS_EQUAL(1, buddy->free_blocks(3));
}

TEST(Buddy, SplitLeavesOneBlockPerOrderAndMergesBack) {
  buddy->add_free_range(kFirstPfn, 1024);
  Page* page = alloc_ok(0);
  UNSIGNED_LONGS_EQUAL(kFirstPfn, pfn(page));  // the lower half is kept at every split
  CHECK_TRUE(page->state == mm::PageState::Allocated);
  UNSIGNED_LONGS_EQUAL(1023, buddy->free_count());
  for (unsigned k = 0; k < mm::kMaxOrder; ++k) UNSIGNED_LONGS_EQUAL(1, buddy->free_blocks(k));
  UNSIGNED_LONGS_EQUAL(0, buddy->free_blocks(mm::kMaxOrder));

  buddy->free(page, 0);
  UNSIGNED_LONGS_EQUAL(1024, buddy->free_count());
  check_only_blocks_of(mm::kMaxOrder, 1);
}

TEST(Buddy, BlocksAreAlignedToTheirSizeAndDisjoint) {
  buddy->add_free_range(kFirstPfn, kPages);
  static bool used[kPages];
  memset(used, 0, sizeof used);
  const unsigned orders[] = {0, 3, 1, 7, 0, 2, 9, 4, 0, 5, 1, 6, 8};
  size_t taken = 0;
  for (unsigned order : orders) {
    Page* block = alloc_ok(order);
    uint64_t first = pfn(block);
    UNSIGNED_LONGS_EQUAL(0, first % (1u << order));
    for (uint64_t p = first; p < first + (1u << order); ++p) {
      CHECK_FALSE(used[p - kFirstPfn]);
      used[p - kFirstPfn] = true;
    }
    taken += size_t{1} << order;
    UNSIGNED_LONGS_EQUAL(kPages - taken, buddy->free_count());
  }
}

TEST(Buddy, AlternatingFreesDoNotMergeUntilTheBuddyReturns) {
  buddy->add_free_range(kFirstPfn, 16);  // one order-4 block
  Page* pages[16];
  for (Page*& page : pages) page = alloc_ok(0);
  UNSIGNED_LONGS_EQUAL(0, buddy->free_count());

  for (int i = 0; i < 16; i += 2) buddy->free(pages[i], 0);
  UNSIGNED_LONGS_EQUAL(8, buddy->free_count());
  check_only_blocks_of(0, 8);  // half the memory free, none of it in pairs
  CHECK_TRUE(buddy->alloc(1).error() == mm::Errno::NoMem);

  buddy->free(pages[1], 0);  // page 0's buddy comes back: one order-1 block
  UNSIGNED_LONGS_EQUAL(7, buddy->free_blocks(0));
  UNSIGNED_LONGS_EQUAL(1, buddy->free_blocks(1));
  buddy->free(pages[3], 0);  // pages 2-3 merge, then with 0-1: one order-2 block
  UNSIGNED_LONGS_EQUAL(6, buddy->free_blocks(0));
  UNSIGNED_LONGS_EQUAL(0, buddy->free_blocks(1));
  UNSIGNED_LONGS_EQUAL(1, buddy->free_blocks(2));
  for (int i = 5; i < 16; i += 2) buddy->free(pages[i], 0);
  UNSIGNED_LONGS_EQUAL(16, buddy->free_count());
  check_only_blocks_of(4, 1);
}

TEST(Buddy, ExhaustionGivesNoMemThenEverythingComesBack) {
  buddy->add_free_range(kFirstPfn, kPages);
  static Page* pages[kPages];
  size_t count = 0;
  for (;;) {
    auto page = buddy->alloc(0);
    if (page.is_error()) {
      CHECK_TRUE(page.error() == mm::Errno::NoMem);
      break;
    }
    CHECK_TRUE(count < kPages);
    pages[count++] = page.value();
  }
  UNSIGNED_LONGS_EQUAL(kPages, count);
  UNSIGNED_LONGS_EQUAL(0, buddy->free_count());

  Random random;  // free in a shuffled order: merges must not depend on it
  for (size_t i = count - 1; i > 0; --i) {
    size_t j = random.next(i + 1);
    Page* t = pages[i];
    pages[i] = pages[j];
    pages[j] = t;
  }
  for (size_t i = 0; i < count; ++i) buddy->free(pages[i], 0);
  UNSIGNED_LONGS_EQUAL(kPages, buddy->free_count());
  check_only_blocks_of(mm::kMaxOrder, 2);
}

TEST(Buddy, RandomMixOfOrdersKeepsExactCount) {
  buddy->add_free_range(kFirstPfn, kPages);
  struct Held {
    Page* block;
    unsigned order;
  };
  static Held held[kPages];
  size_t held_count = 0, held_pages = 0;
  Random random;
  for (int step = 0; step < 20000; ++step) {
    if (held_count > 0 && random.next(2) == 0) {
      size_t i = random.next(held_count);
      buddy->free(held[i].block, held[i].order);
      held_pages -= size_t{1} << held[i].order;
      held[i] = held[--held_count];
    } else {
      unsigned order = static_cast<unsigned>(random.next(6));
      auto block = buddy->alloc(order);
      if (block.is_ok()) {
        held[held_count++] = Held{block.value(), order};
        held_pages += size_t{1} << order;
      } else {
        CHECK_TRUE(block.error() == mm::Errno::NoMem);
      }
    }
    UNSIGNED_LONGS_EQUAL(kPages - held_pages, buddy->free_count());
  }
  while (held_count > 0) {
    --held_count;
    buddy->free(held[held_count].block, held[held_count].order);
  }
  check_only_blocks_of(mm::kMaxOrder, 2);
}

TEST(Buddy, OrderTooLargeIsInvalid) {
  buddy->add_free_range(kFirstPfn, kPages);
  CHECK_TRUE(buddy->alloc(mm::kMaxOrder + 1).error() == mm::Errno::Inval);
}

TEST(Buddy, ReservedHoleStopsMerging) {
  buddy->add_free_range(kFirstPfn, 512);
  buddy->add_free_range(kFirstPfn + 513, 511);  // page 512 stays Reserved
  UNSIGNED_LONGS_EQUAL(1023, buddy->free_count());
  Page* a = alloc_ok(9);
  UNSIGNED_LONGS_EQUAL(kFirstPfn, pfn(a));
  buddy->free(a, 9);
  UNSIGNED_LONGS_EQUAL(0, buddy->free_blocks(mm::kMaxOrder));  // never across the hole
  UNSIGNED_LONGS_EQUAL(1, buddy->free_blocks(9));
  UNSIGNED_LONGS_EQUAL(1023, buddy->free_count());
}

TEST(Buddy, DoubleFreeIsReportedAndIgnored) {
  buddy->add_free_range(kFirstPfn, kPages);
  Page* block = alloc_ok(2);
  buddy->free(block, 2);
  buddy->free(block, 2);
  char expected[64];
  snprintf(expected, sizeof expected, "double free of page %#lx (order 2)",
           static_cast<unsigned long>(buddy->map().phys_of(block)));
  CHECK_TRUE(Bugs::take_one_containing(expected));
  UNSIGNED_LONGS_EQUAL(kPages, buddy->free_count());
}

TEST(Buddy, WrongOrderIsReported) {
  buddy->add_free_range(kFirstPfn, kPages);
  Page* block = alloc_ok(2);
  buddy->free(block, 1);
  CHECK_TRUE(Bugs::take_one_containing("freed as order 1 but allocated as order 2"));
  buddy->free(block, 2);
  UNSIGNED_LONGS_EQUAL(kPages, buddy->free_count());
}

TEST(Buddy, FreeOfATailPageIsReported) {
  buddy->add_free_range(kFirstPfn, kPages);
  Page* block = alloc_ok(2);
  buddy->free(block + 1, 0);
  CHECK_TRUE(Bugs::take_one_containing("not the first page"));
  buddy->free(block, 2);
}

TEST(Buddy, StrayPointerIsReported) {
  buddy->add_free_range(kFirstPfn, kPages);
  Page stray;
  buddy->free(&stray, 0);
  CHECK_TRUE(Bugs::take_one_containing("not a page descriptor"));
  UNSIGNED_LONGS_EQUAL(kPages, buddy->free_count());
}
