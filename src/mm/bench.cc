// mm/bench.cc - how fast are the allocators? (kernel only)
//
// Each case times `iterations` allocate+free pairs through the kernel's entry points and
// prints operations per second (one operation = one pair) and nanoseconds per pair:
//   page order 0      one page: the per-CPU cache hit path, no lock
//   page order 0 x256 256 pages, then all freed: refills and drains through the buddy
//   page order 3      an 8-page block: straight to the buddy allocator, split and merge
//   kmalloc 32/256/2048, kmalloc 16 KiB (the large path)
// The clock is a parameter because the arch timer does not exist yet: with nullptr the
// loops still run (a smoke test) and only the counts are printed.
#include "lib/printk.hh"
#include "mm/mm.hh"

namespace mm {
namespace {

using Loop = bool (*)(unsigned iterations);

bool page_pairs(unsigned iterations, unsigned order) {
  for (unsigned i = 0; i < iterations; ++i) {
    Result<PhysAddr> page = page_alloc(order);
    if (page.is_error()) return false;
    page_free(page.value(), order);
  }
  return true;
}

bool single_pages(unsigned iterations) { return page_pairs(iterations, 0); }
bool eight_page_blocks(unsigned iterations) { return page_pairs(iterations, 3); }

bool page_batches(unsigned iterations) {
  constexpr unsigned kBatch = 256;
  PhysAddr pages[kBatch];
  for (unsigned done = 0; done < iterations; done += kBatch) {
    for (unsigned i = 0; i < kBatch; ++i) {
      Result<PhysAddr> page = page_alloc(0);
      if (page.is_error()) return false;
      pages[i] = page.value();
    }
    for (unsigned i = 0; i < kBatch; ++i) page_free(pages[i], 0);
  }
  return true;
}

template <size_t kSize>
bool kmalloc_pairs(unsigned iterations) {
  for (unsigned i = 0; i < iterations; ++i) {
    Result<void*> object = kmalloc(kSize);
    if (object.is_error()) return false;
    kfree(object.value());
  }
  return true;
}

struct Case {
  const char* name;
  Loop loop;
};

constexpr Case kCases[] = {
    {"page alloc+free, order 0", single_pages},
    {"page alloc+free, order 0 x256", page_batches},
    {"page alloc+free, order 3", eight_page_blocks},
    {"kmalloc+kfree 32", kmalloc_pairs<32>},
    {"kmalloc+kfree 256", kmalloc_pairs<256>},
    {"kmalloc+kfree 2048", kmalloc_pairs<2048>},
    {"kmalloc+kfree 16384", kmalloc_pairs<16384>},
};

}  // namespace

void benchmark(ClockNs now_ns, unsigned iterations) {
  if (iterations == 0) return;
  for (const Case& c : kCases) {
    uint64_t start = now_ns ? now_ns() : 0;
    bool ok = c.loop(iterations);
    uint64_t elapsed = now_ns ? now_ns() - start : 0;
    if (!ok) {
      printk("mm bench: %-30s failed: out of memory\n", c.name);
    } else if (!now_ns) {
      printk("mm bench: %-30s %u pairs (no clock)\n", c.name, iterations);
    } else {
      if (elapsed == 0) elapsed = 1;
      printk("mm bench: %-30s %lu ops/s (%lu ns per pair)\n", c.name,
             static_cast<unsigned long>(uint64_t{iterations} * 1000000000ull / elapsed),
             static_cast<unsigned long>(elapsed / iterations));
    }
  }
}

}  // namespace mm
