// mm/paging_selftest.cc - the page-table contract, checked on the running machine.
//
// The same test runs on both architectures (each arch's `paging` self-test calls it):
// every step goes through arch::PageTable only, and where it matters through the MMU
// too - a value written at the new virtual address must appear in the physical page,
// read back through the direct map, so an entry that query() likes but the hardware
// does not is caught. Steps:
//   1. a 4 KiB kernel page: map, query, write through it, protect, unmap, unmap a hole;
//   2. errors: Exist (and the failed map leaves nothing behind), Inval, Fault;
//   3. a 2 MiB block (virtual and physical address aligned): mapped as one leaf, split
//      by protect() of one page and by unmap() of another, then the whole range back;
//      a range whose physical address is not 2 MiB aligned gets 4 KiB pages;
//   4. two user tables map one user address to different pages: after each activate()
//      the address reads that table's page (stale TLB entries would show the other);
//   5. every page the tables took comes back: free_pages() ends where it started.
// Kernel addresses come from a scratch window no other code maps (kScratchBase).
#include <arch/layout.hh>
#include <arch/mmu.hh>
#include <contract/layout.hh>

#include "lib/printk.hh"
#include "mm/kernel_stack.hh"
#include "mm/mm.hh"
#if __has_include(<arch/uaccess.hh>)
#include <arch/uaccess.hh>
#define SEAOS_SELFTEST_HAS_UACCESS 1
#endif

namespace mm {
namespace {

using contract::Translation;

// Between the MMIO window and the kernel image; 2 MiB aligned (and 1 GiB, for 1 GiB leaves).
constexpr uintptr_t kScratchBase = 0xffffe80000000000ull;
constexpr uintptr_t kUserVa = 0x400000;
constexpr uint64_t kPage = 4096, kBlock = 2ull << 20;
constexpr uint32_t kR = contract::kProtRead, kW = contract::kProtWrite;
constexpr uint32_t kX = contract::kProtExec, kU = contract::kProtUser;
constexpr uint32_t kG = contract::kProtGlobal, kRW = kR | kW;

volatile uint64_t& at(uintptr_t va) { return *reinterpret_cast<volatile uint64_t*>(va); }
volatile uint64_t& phys_word(uint64_t pa) { return at(arch::phys_to_virt(pa)); }

// Records a failed check with its line and goes on; the test fails at the end.
#define CHECK(cond)                                                        \
  do {                                                                     \
    if (!(cond)) {                                                         \
      printk("  paging: check failed at line %d: %s\n", __LINE__, #cond);  \
      ok = false;                                                          \
    }                                                                      \
  } while (0)

bool errno_is(const ktl::Result<void>& r, ktl::Errno e) { return r.is_error() && r.error() == e; }

// Reads a word of user memory the way the kernel is allowed to (SMAP/PAN permitting).
uint64_t read_user(uintptr_t va) {
  uint64_t v = 0;
#ifdef SEAOS_SELFTEST_HAS_UACCESS
  if (!arch::UserAccess::copy(&v, reinterpret_cast<const void*>(va), sizeof v)) return ~0ull;
#else
  v = at(va);
#endif
  return v;
}

bool small_page(arch::PageTable& k, uint64_t page) {
  bool ok = true;
  uintptr_t va = kScratchBase + kPage;
  Translation t{};
  CHECK(k.map(va, page, kPage, kRW | kG).is_ok());
  CHECK(k.query(va + 0x123, &t) && t.phys == page + 0x123);
  CHECK(t.prot == (kRW | kG) && t.page_size == kPage);
  at(va + 8) = 0x5ea05ea0;
  CHECK(phys_word(page + 8) == 0x5ea05ea0);
  CHECK(k.protect(va, kPage, kR | kG).is_ok());
  CHECK(k.query(va, &t) && t.prot == (kR | kG));
  CHECK(k.protect(va, kPage, kR | kX | kG).is_ok());
  CHECK(k.query(va, &t) && t.prot == (kR | kX | kG));
  CHECK(k.unmap(va, kPage) == 1);
  CHECK(!k.query(va, &t));
  CHECK(k.unmap(va, kPage) == 0);  // a hole is fine
  return ok;
}

bool errors(arch::PageTable& k, uint64_t page) {
  bool ok = true;
  uintptr_t va = kScratchBase + 16 * kPage;
  Translation t{};
  CHECK(k.map(va + kPage, page, kPage, kRW | kG).is_ok());
  CHECK(errno_is(k.map(va, page, 2 * kPage, kRW | kG), ktl::Errno::Exist));  // 2nd page taken
  CHECK(!k.query(va, &t));                                              // the 1st was undone
  CHECK(errno_is(k.protect(va, 2 * kPage, kR | kG), ktl::Errno::Fault));
  CHECK(k.query(va + kPage, &t) && t.prot == (kRW | kG));  // unchanged
  CHECK(k.unmap(va, 2 * kPage) == 1);
  CHECK(errno_is(k.map(va + 8, page, kPage, kRW), ktl::Errno::Inval));
  CHECK(errno_is(k.map(va, page + 8, kPage, kRW), ktl::Errno::Inval));
  CHECK(errno_is(k.map(va, page, 0, kRW), ktl::Errno::Inval));
  CHECK(errno_is(k.map(va, page, kPage, kRW | kU), ktl::Errno::Inval));  // user in kernel
  CHECK(errno_is(k.map(kUserVa, page, kPage, kRW), ktl::Errno::Inval));  // not kernel half
  return ok;
}

// A 2 MiB block, then protect() and unmap() of single pages inside it.
bool block(arch::PageTable& k, uint64_t block_phys) {
  bool ok = true;
  uintptr_t va = kScratchBase + 4 * kBlock;
  Translation t{};
  CHECK(k.map(va, block_phys, kBlock, kRW | kG).is_ok());
  CHECK(k.query(va + 5 * kPage + 8, &t) && t.page_size == kBlock);
  CHECK(t.phys == block_phys + 5 * kPage + 8 && t.prot == (kRW | kG));
  at(va + kBlock - 8) = 0xb10c;
  CHECK(phys_word(block_phys + kBlock - 8) == 0xb10c);

  CHECK(k.protect(va + 5 * kPage, kPage, kR | kG).is_ok());  // splits the block
  CHECK(k.query(va + 5 * kPage, &t) && t.page_size == kPage && t.prot == (kR | kG));
  CHECK(t.phys == block_phys + 5 * kPage);
  CHECK(k.query(va + 6 * kPage, &t) && t.page_size == kPage && t.prot == (kRW | kG));
  at(va + 6 * kPage) = 0x5b117;  // a neighbour of the split page is still writable
  CHECK(phys_word(block_phys + 6 * kPage) == 0x5b117);

  CHECK(k.unmap(va + 10 * kPage, kPage) == 1);
  CHECK(!k.query(va + 10 * kPage, &t));
  CHECK(k.query(va + 11 * kPage, &t) && t.phys == block_phys + 11 * kPage);
  CHECK(k.unmap(va, kBlock) == kBlock / kPage - 1);
  CHECK(!k.query(va + 11 * kPage, &t));

  // unmap() of a range that crosses the block's end splits it too.
  CHECK(k.map(va, block_phys, kBlock, kRW | kG).is_ok());
  CHECK(k.unmap(va + kBlock - kPage, 4 * kPage) == 1);
  CHECK(k.query(va, &t) && t.page_size == kPage);
  CHECK(k.unmap(va, kBlock) == kBlock / kPage - 1);

  // Physically misaligned by a page: no block can be used, only 4 KiB pages.
  CHECK(k.map(va, block_phys + kPage, kBlock - kPage, kRW | kG).is_ok());
  CHECK(k.query(va, &t) && t.page_size == kPage && t.phys == block_phys + kPage);
  CHECK(k.unmap(va, kBlock) == kBlock / kPage - 1);
  return ok;
}

// Two address spaces, one user address, two pages.
bool user_tables(uint64_t page_a, uint64_t page_b) {
  bool ok = true;
  auto a = arch::PageTable::create_user();
  auto b = arch::PageTable::create_user();
  if (a.is_error() || b.is_error()) {
    printk("  paging: create_user failed\n");
    if (a.is_ok()) arch::PageTable::destroy(a.value());
    if (b.is_ok()) arch::PageTable::destroy(b.value());
    return false;
  }
  arch::PageTable& ta = *a.value();
  arch::PageTable& tb = *b.value();
  phys_word(page_a) = 0xaaaa;
  phys_word(page_b) = 0xbbbb;
  Translation t{};
  CHECK(ta.map(kUserVa, page_a, kPage, kRW | kU).is_ok());
  CHECK(tb.map(kUserVa, page_b, kPage, kR | kU).is_ok());
  CHECK(ta.query(kUserVa, &t) && t.prot == (kRW | kU) && t.phys == page_a);
  CHECK(tb.query(kUserVa, &t) && t.prot == (kR | kU) && t.phys == page_b);
  CHECK(errno_is(tb.map(contract::kUserEnd, page_b, kPage, kR | kU), ktl::Errno::Inval));
  CHECK(errno_is(tb.map(kScratchBase, page_b, kPage, kR), ktl::Errno::Inval));
  CHECK(!tb.query(kScratchBase, &t));  // a user table answers for the user half only
  uint64_t seen[3];
  ta.activate();
  seen[0] = read_user(kUserVa);
  tb.activate();
  seen[1] = read_user(kUserVa);
  ta.activate();
  seen[2] = read_user(kUserVa);
  arch::PageTable::kernel().activate();
  CHECK(seen[0] == 0xaaaa && seen[1] == 0xbbbb && seen[2] == 0xaaaa);
  CHECK(ta.unmap(kUserVa, kPage) == 1);
  arch::PageTable::destroy(&ta);
  arch::PageTable::destroy(&tb);  // with a page still mapped: the tables go, not the page
  return ok;
}

#undef CHECK

}  // namespace

bool selftest_paging() {
  heap_trim();
  size_t free_before = free_pages();
  auto page = page_alloc_zeroed();
  auto page2 = page_alloc_zeroed();
  auto block_phys = page_alloc(9);  // 2 MiB, aligned to 2 MiB
  if (page.is_error() || page2.is_error() || block_phys.is_error()) {
    printk("paging: no memory for the test pages\n");
    return false;
  }
  arch::PageTable& k = arch::PageTable::kernel();
  bool ok = small_page(k, page.value());
  ok = errors(k, page.value()) && ok;
  ok = block(k, block_phys.value()) && ok;
  ok = user_tables(page.value(), page2.value()) && ok;
  page_free(block_phys.value(), 9);
  page_free(page2.value());
  page_free(page.value());
  heap_trim();
  size_t free_after = free_pages();
  if (free_after != free_before) {
    printk("  paging: %ld pages leaked\n", static_cast<long>(free_before - free_after));
    ok = false;
  }
  printk("paging: 4 KiB pages, a 2 MiB block split by protect and unmap, errors, two user "
         "tables; free pages %zu -> %zu\n", free_before, free_after);
  return ok;
}

}  // namespace mm
