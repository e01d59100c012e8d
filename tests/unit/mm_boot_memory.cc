// Host tests of mm/boot_memory: from a firmware memory map to free ranges, reservations
// and the Page array - every usable page counted exactly once.
#include <CppUTest/TestHarness.h>

#include "mm/boot_memory.hh"
#include "mm_test_arena.hh"

using boot::MemKind;
using mm::BootMemoryPlan;

namespace {

void add(boot::Info& info, uint64_t base, uint64_t size, MemKind kind) {
  info.mem[info.mem_count++] = boot::MemRange{base, size, kind};
}

uint64_t pages_in(uint64_t start, uint64_t end) { return (end - start) >> mm::kPageShift; }

bool overlaps(uint64_t a_start, uint64_t a_end, uint64_t b_start, uint64_t b_end) {
  return a_start < b_end && b_start < a_end;
}

// The free ranges are sorted, disjoint, page-aligned, and never touch.
void check_well_formed(const BootMemoryPlan& plan) {
  for (size_t i = 0; i < plan.free_count; ++i) {
    const mm::PhysRange& r = plan.free[i];
    UNSIGNED_LONGS_EQUAL(0, r.start % mm::kPageSize);
    UNSIGNED_LONGS_EQUAL(0, r.end % mm::kPageSize);
    CHECK_TRUE(r.start < r.end);
    if (i > 0) CHECK_TRUE(plan.free[i - 1].end < r.start);
  }
  UNSIGNED_LONGS_EQUAL(plan.usable_pages, plan.free_pages + plan.reserved_pages());
}

}  // namespace

TEST_GROUP(BootMemory) {
  boot::Info* info = nullptr;
  BootMemoryPlan* plan = nullptr;
  void setup() override {
    info = new boot::Info();
    plan = new BootMemoryPlan();
  }
  void teardown() override {
    delete plan;
    delete info;
  }
};

TEST(BootMemory, QemuPcWithKernelInitrdAndBootData) {
  add(*info, 0x0, 0x9fc00, MemKind::Usable);
  add(*info, 0x9fc00, 0x400, MemKind::Reserved);
  add(*info, 0xf0000, 0x10000, MemKind::Reserved);
  add(*info, 0x100000, 0x1fee0000, MemKind::Usable);
  add(*info, 0x1ffe0000, 0x20000, MemKind::Reserved);
  add(*info, 0xfffc0000, 0x40000, MemKind::Reserved);
  info->kernel_phys_start = 0x100000;
  info->kernel_phys_end = 0x1f0123;  // not page-aligned: its last page is reserved too
  info->initrd_phys = 0x1000000;
  info->initrd_size = 0x123456;
  info->boot_data_phys = 0x300000;
  info->boot_data_size = 0x1800;
  CHECK_TRUE(mm::plan_boot_memory(*info, *plan).is_ok());
  check_well_formed(*plan);

  UNSIGNED_LONGS_EQUAL(0x9f + pages_in(0x100000, 0x1ffe0000), plan->usable_pages);
  UNSIGNED_LONGS_EQUAL(0x9f, plan->low_pages);  // 0..0x9f000: the partial page is not RAM
  UNSIGNED_LONGS_EQUAL(pages_in(0x100000, 0x1f1000), plan->kernel_pages);
  UNSIGNED_LONGS_EQUAL(pages_in(0x1000000, 0x1124000), plan->initrd_pages);
  UNSIGNED_LONGS_EQUAL(2, plan->boot_data_pages);

  // The Page array covers the lowest to the highest free page (over 1000 pages of them)
  // and does not fit in the 271 pages between kernel and boot data: it goes right after
  // the boot data.
  UNSIGNED_LONGS_EQUAL(0x1f1, plan->first_pfn);
  UNSIGNED_LONGS_EQUAL(0x1ffe0, plan->end_pfn);
  UNSIGNED_LONGS_EQUAL(0x302000, plan->page_array);
  uint64_t array_bytes = (plan->end_pfn - plan->first_pfn) * sizeof(mm::Page);
  UNSIGNED_LONGS_EQUAL((array_bytes + mm::kPageSize - 1) / mm::kPageSize, plan->page_array_pages);

  // No free page is in a reservation.
  uint64_t array_end = plan->page_array + plan->page_array_pages * mm::kPageSize;
  for (size_t i = 0; i < plan->free_count; ++i) {
    const mm::PhysRange& r = plan->free[i];
    CHECK_FALSE(overlaps(r.start, r.end, 0, mm::kLowMemoryEnd));
    CHECK_FALSE(overlaps(r.start, r.end, 0x100000, 0x1f0123));
    CHECK_FALSE(overlaps(r.start, r.end, 0x1000000, 0x1123456));
    CHECK_FALSE(overlaps(r.start, r.end, 0x300000, 0x301800));
    CHECK_FALSE(overlaps(r.start, r.end, plan->page_array, array_end));
  }
}

TEST(BootMemory, OverlappingTouchingAndUnsortedRangesAreMerged) {
  add(*info, 0x40300800, 0x100000 - 0x800, MemKind::Usable);  // touches the next one...
  add(*info, 0x40180000, 0x180800, MemKind::Usable);          // ...and overlaps this one
  add(*info, 0x40100000, 0x100000, MemKind::Usable);
  add(*info, 0x40200000, 0x1000, MemKind::Usable);  // inside another
  add(*info, 0x40400000, 0x1000, MemKind::AcpiReclaimable);
  CHECK_TRUE(mm::plan_boot_memory(*info, *plan).is_ok());
  check_well_formed(*plan);
  UNSIGNED_LONGS_EQUAL(pages_in(0x40100000, 0x40400000), plan->usable_pages);
  UNSIGNED_LONGS_EQUAL(1, plan->free_count);  // the page array came off the front
  UNSIGNED_LONGS_EQUAL(0x40100000, plan->page_array);
  UNSIGNED_LONGS_EQUAL(0, plan->low_pages + plan->kernel_pages);
}

TEST(BootMemory, UnalignedRangeShrinksToWholePages) {
  add(*info, 0x40000010, 0x3000, MemKind::Usable);  // 0x40001000..0x40003000: 2 pages
  CHECK_TRUE(mm::plan_boot_memory(*info, *plan).is_ok());
  UNSIGNED_LONGS_EQUAL(2, plan->usable_pages);
  UNSIGNED_LONGS_EQUAL(1, plan->page_array_pages);
  UNSIGNED_LONGS_EQUAL(1, plan->free_pages);
}

TEST(BootMemory, ReservationOutsideUsableRamCountsNothing) {
  add(*info, 0x40000000, 0x100000, MemKind::Usable);
  info->initrd_phys = 0x50000000;  // e.g. in a Reserved range
  info->initrd_size = 0x10000;
  CHECK_TRUE(mm::plan_boot_memory(*info, *plan).is_ok());
  UNSIGNED_LONGS_EQUAL(0, plan->initrd_pages);
  check_well_formed(*plan);
}

TEST(BootMemory, KernelInTheMiddleSplitsARange) {
  add(*info, 0x40000000, 0x400000, MemKind::Usable);
  info->kernel_phys_start = 0x40200000;
  info->kernel_phys_end = 0x40280000;
  CHECK_TRUE(mm::plan_boot_memory(*info, *plan).is_ok());
  check_well_formed(*plan);
  UNSIGNED_LONGS_EQUAL(2, plan->free_count);
  UNSIGNED_LONGS_EQUAL(0x40280000, plan->free[1].start);
  UNSIGNED_LONGS_EQUAL(128, plan->kernel_pages);
}

TEST(BootMemory, NoUsableMemoryIsNoMem) {
  add(*info, 0x0, 0x9fc00, MemKind::Usable);  // low memory only: all of it reserved
  add(*info, 0x100000, 0x1000000, MemKind::Reserved);
  auto result = mm::plan_boot_memory(*info, *plan);
  CHECK_TRUE(result.is_error());
  CHECK_TRUE(result.error() == mm::Errno::NoMem);
}

TEST(BootMemory, InstallHandsExactlyTheFreePagesToTheBuddy) {
  mm_test::Bugs::install();
  mm_test::Machine machine(4 << 20);
  CHECK_TRUE(machine.setup_ok);
  const BootMemoryPlan& p = machine.plan;
  UNSIGNED_LONGS_EQUAL(1024, p.usable_pages);
  UNSIGNED_LONGS_EQUAL(4, p.kernel_pages);
  UNSIGNED_LONGS_EQUAL(p.free_pages, machine.pages.free_pages());

  // Every descriptor says what its page is: reserved up to the end of the page array,
  // free (a block head or inside one) after it.
  const mm::PageMap& map = machine.pages.map();
  uint64_t array_end_pfn = (p.page_array >> mm::kPageShift) + p.page_array_pages;
  for (uint64_t pfn = p.first_pfn; pfn < p.end_pfn; ++pfn) {
    mm::PageState state = map.page_at_pfn(pfn)->state;
    if (pfn < array_end_pfn)
      CHECK_TRUE(state == mm::PageState::Reserved);
    else
      CHECK_TRUE(state == mm::PageState::Free || state == mm::PageState::Tail);
  }
  LONGS_EQUAL(0, mm_test::Bugs::count);
}
