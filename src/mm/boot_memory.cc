// mm/boot_memory.cc - which pages are free at boot, and where their descriptors live.
//
// The firmware's map (boot::Info::mem) is raw: unsorted, overlapping, not page-aligned,
// and it lists as "usable" RAM that holds the kernel we are running, the initrd and the
// boot loader's own data. So the plan is built in four passes:
//   1. take the Usable ranges, sort them, merge the ones that overlap or touch, and
//      shrink what is left to whole pages;
//   2. cut out the reservations - low memory, the kernel image, the initrd, the boot data
//      - counting how many usable pages each one removes;
//   3. the Page array must describe every page from the lowest free page to the highest
//      (holes included: they stay Reserved), so its size is known now; carve it out of
//      the first free range large enough;
//   4. whatever is left is free.
// Every usable page ends up counted exactly once: usable = free + reserved, which the
// unit tests check. Cutting always leaves at least one reserved page between two free
// ranges, so the buddy allocator never has to merge across ranges.
#include "mm/boot_memory.hh"

#include <new>

namespace mm {
namespace {

constexpr uint64_t align_down(uint64_t x) { return x & ~(uint64_t{kPageSize} - 1); }
constexpr uint64_t align_up(uint64_t x) {
  return x > ~uint64_t{0} - kPageSize ? align_down(x) : align_down(x + kPageSize - 1);
}

void insert_range(BootMemoryPlan& plan, size_t at, PhysRange range) {
  for (size_t i = plan.free_count; i > at; --i) plan.free[i] = plan.free[i - 1];
  plan.free[at] = range;
  ++plan.free_count;
}

void erase_range(BootMemoryPlan& plan, size_t at) {
  for (size_t i = at; i + 1 < plan.free_count; ++i) plan.free[i] = plan.free[i + 1];
  --plan.free_count;
}

// Pass 1: usable RAM as sorted, disjoint, page-aligned ranges. Ranges are merged before
// they are shrunk to whole pages, so a page split between two touching entries is kept.
void collect_usable(const boot::Info& info, BootMemoryPlan& plan) {
  plan.free_count = 0;
  for (size_t i = 0; i < info.mem_count && i < boot::kMaxMemRanges; ++i) {
    const boot::MemRange& r = info.mem[i];
    if (r.kind != boot::MemKind::Usable || r.size == 0) continue;
    uint64_t end = r.base + r.size < r.base ? ~uint64_t{0} : r.base + r.size;  // no wrap
    size_t at = plan.free_count;
    while (at > 0 && plan.free[at - 1].start > r.base) --at;
    insert_range(plan, at, PhysRange{r.base, end});
  }
  for (size_t i = 0; i + 1 < plan.free_count;) {  // merge neighbours that overlap or touch
    PhysRange& a = plan.free[i];
    const PhysRange& b = plan.free[i + 1];
    if (b.start > a.end) {
      ++i;
      continue;
    }
    if (b.end > a.end) a.end = b.end;
    erase_range(plan, i + 1);
  }
  for (size_t i = 0; i < plan.free_count;) {  // whole pages only
    PhysRange& r = plan.free[i];
    r = PhysRange{align_up(r.start), align_down(r.end)};
    if (r.end <= r.start)
      erase_range(plan, i);
    else
      ++i;
  }
}

// Pass 2: removes [start, end) from the free ranges; returns the pages it removed.
uint64_t cut(BootMemoryPlan& plan, uint64_t start, uint64_t end) {
  start = align_down(start);
  end = align_up(end);
  uint64_t removed = 0;
  for (size_t i = 0; i < plan.free_count; ++i) {
    PhysRange r = plan.free[i];
    if (end <= r.start || start >= r.end) continue;  // no overlap
    uint64_t lo = start > r.start ? start : r.start;
    uint64_t hi = end < r.end ? end : r.end;
    removed += (hi - lo) >> kPageShift;
    if (lo == r.start && hi == r.end) {  // the whole range goes
      erase_range(plan, i--);
    } else if (lo == r.start) {  // the front goes
      plan.free[i].start = hi;
    } else if (hi == r.end) {  // the back goes
      plan.free[i].end = lo;
    } else {  // a hole in the middle: split in two
      plan.free[i].end = lo;
      insert_range(plan, i + 1, PhysRange{hi, r.end});
      ++i;
    }
  }
  return removed;
}

uint64_t count_pages(const BootMemoryPlan& plan) {
  uint64_t pages = 0;
  for (size_t i = 0; i < plan.free_count; ++i) pages += plan.free[i].pages();
  return pages;
}

}  // namespace

Result<void> plan_boot_memory(const boot::Info& info, BootMemoryPlan& plan) {
  plan = BootMemoryPlan{};
  collect_usable(info, plan);
  plan.usable_pages = count_pages(plan);

  plan.low_pages = cut(plan, 0, kLowMemoryEnd);
  plan.kernel_pages = cut(plan, info.kernel_phys_start, info.kernel_phys_end);
  if (info.initrd_size)
    plan.initrd_pages = cut(plan, info.initrd_phys, info.initrd_phys + info.initrd_size);
  if (info.boot_data_size)
    plan.boot_data_pages =
        cut(plan, info.boot_data_phys, info.boot_data_phys + info.boot_data_size);
  if (plan.free_count == 0) return Errno::NoMem;

  // Pass 3: one descriptor per page from the lowest free page to the highest.
  plan.first_pfn = plan.free[0].start >> kPageShift;
  plan.end_pfn = plan.free[plan.free_count - 1].end >> kPageShift;
  uint64_t array_bytes = (plan.end_pfn - plan.first_pfn) * sizeof(Page);
  uint64_t array_pages = align_up(array_bytes) >> kPageShift;
  size_t fit = 0;
  while (fit < plan.free_count && plan.free[fit].pages() < array_pages) ++fit;
  if (fit == plan.free_count) return Errno::NoMem;
  plan.page_array = plan.free[fit].start;
  plan.page_array_pages = cut(plan, plan.page_array, plan.page_array + array_bytes);

  plan.free_pages = count_pages(plan);  // pass 4
  return {};
}

void install_boot_memory(const BootMemoryPlan& plan, uintptr_t direct_map_offset,
                         BuddyAllocator& buddy) {
  auto* pages = reinterpret_cast<Page*>(plan.page_array + direct_map_offset);
  size_t count = plan.end_pfn - plan.first_pfn;
  for (size_t i = 0; i < count; ++i) new (&pages[i]) Page();  // all Reserved
  PageMap map;
  map.init(pages, plan.first_pfn, count, direct_map_offset);
  buddy.init(map);
  for (size_t i = 0; i < plan.free_count; ++i)
    buddy.add_free_range(plan.free[i].start >> kPageShift, plan.free[i].pages());
}

}  // namespace mm
