// mm/selftest.cc - the in-kernel memory self-test (test=mm on the command line).
//
// The host unit tests check the allocators over a malloc'd arena; this checks them on the
// real machine, over the real memory map, through the kernel's own entry points. The
// central check is accounting: take *every* free page until the allocator says ENOMEM,
// give them all back, and free_pages() must return to exactly where it started - a leak
// or a double count of even one page fails. The pages themselves hold the list of what
// was taken (each page's first word is the address of the previous one), so the test
// needs no memory of its own.
#include <stdarg.h>

#include <arch/layout.hh>

#include "lib/printk.hh"
#include "mm/mm.hh"

namespace mm {
namespace {

// Prints "mm selftest: <what>" and returns false, so checks read `ok = fail(...)`.
__attribute__((format(printf, 1, 2))) bool fail(const char* fmt, ...) {
  printk("mm selftest: ");
  va_list ap;
  va_start(ap, fmt);
  vprintk(LogLevel::Info, fmt, ap);
  va_end(ap);
  printk("\n");
  return false;
}

// Allocates single pages until ENOMEM; returns the chain and how many were taken.
PhysAddr take_every_page(size_t* count, bool* clean_error) {
  PhysAddr chain = 0;  // physical 0 is never handed out (low memory is reserved)
  *count = 0;
  for (;;) {
    Result<PhysAddr> page = page_alloc(0);
    if (page.is_error()) {
      *clean_error = page.error() == Errno::NoMem;
      return chain;
    }
    *arch::phys_to_ptr<PhysAddr>(page.value()) = chain;
    chain = page.value();
    ++*count;
  }
}

bool check_page_exhaustion(size_t before) {
  size_t taken = 0;
  bool clean_error = false;
  PhysAddr chain = take_every_page(&taken, &clean_error);
  printk("mm selftest: took %zu single pages before ENOMEM (%zu were free)\n", taken, before);
  bool ok = clean_error || fail("page_alloc failed with an error other than ENOMEM");
  if (taken != before) ok = fail("took %zu pages, but %zu were free", taken, before);
  if (free_pages() != 0) ok = fail("%zu pages still free after ENOMEM", free_pages());
  while (chain) {
    PhysAddr next = *arch::phys_to_ptr<PhysAddr>(chain);
    page_free(chain, 0);
    chain = next;
  }
  if (free_pages() != before)
    ok = fail("%zu pages free after giving all back, not %zu", free_pages(), before);
  return ok;
}

bool check_every_order(size_t before) {
  bool ok = true;
  for (unsigned order = 0; order <= kMaxOrder; ++order) {
    Result<PhysAddr> block = page_alloc_zeroed(order);
    if (block.is_error()) return fail("page_alloc(order %u) failed", order);
    if (block.value() % (kPageSize << order) != 0)
      ok = fail("order-%u block at %#lx is misaligned", order,
                static_cast<unsigned long>(block.value()));
    page_free(block.value(), order);
  }
  if (free_pages() != before)
    ok = fail("%zu pages free after every order, not %zu", free_pages(), before);
  return ok;
}

// kmalloc of many sizes, each object filled and checked before it is freed.
bool check_kmalloc_sizes(size_t before) {
  static constexpr size_t kSizes[] = {1,    8,    16,   17,   64,    96,     100,
                                      128,  200,  256,  511,  1000,  2048,   3000,
                                      4096, 8000, 8192, 8193, 20000, 100000, 1 << 20};
  constexpr int kPerSize = 32;
  bool ok = true;
  for (size_t size : kSizes) {
    unsigned char* objects[kPerSize];
    for (int i = 0; i < kPerSize; ++i) {
      Result<void*> object = kmalloc(size);
      if (object.is_error()) return fail("kmalloc(%zu) failed", size);
      objects[i] = static_cast<unsigned char*>(object.value());
      for (size_t b = 0; b < size; ++b) objects[i][b] = static_cast<unsigned char>(i + b);
    }
    for (int i = kPerSize - 1; i >= 0; --i) {  // newest first: exercises slab reuse order
      for (size_t b = 0; b < size; ++b)
        if (objects[i][b] != static_cast<unsigned char>(i + b)) {
          ok = fail("kmalloc(%zu) object %d was overwritten", size, i);
          break;
        }
      kfree(objects[i]);
    }
  }
  heap_trim();
  if (free_pages() != before)
    ok = fail("%zu pages free after kmalloc of many sizes, not %zu", free_pages(), before);
  return ok;
}

// kmalloc(2048) until ENOMEM, chained through the objects themselves.
bool check_kmalloc_exhaustion(size_t before) {
  void* chain = nullptr;
  size_t count = 0;
  for (;;) {
    Result<void*> object = kmalloc(2048);
    if (object.is_error()) break;
    *static_cast<void**>(object.value()) = chain;
    chain = object.value();
    ++count;
  }
  printk("mm selftest: %zu kmalloc(2048) before ENOMEM\n", count);
  while (chain) {
    void* next = *static_cast<void**>(chain);
    kfree(chain);
    chain = next;
  }
  heap_trim();
  bool ok = count >= before || fail("only %zu kmalloc(2048) with %zu pages free", count, before);
  if (free_pages() != before)
    ok = fail("%zu pages free after kmalloc exhaustion, not %zu", free_pages(), before);
  return ok;
}

}  // namespace

bool selftest_exhaust() {
  heap_trim();  // empty slabs kept by earlier users would otherwise look like a leak
  size_t before = free_pages();
  bool ok = check_page_exhaustion(before);
  ok = check_every_order(before) && ok;
  ok = check_kmalloc_sizes(before) && ok;
  ok = check_kmalloc_exhaustion(before) && ok;
  printk("mm selftest: %zu pages free before and after\n", free_pages());
  return ok;
}

}  // namespace mm
