// mm/vm_selftest.cc - the in-kernel test of user address spaces (test=vm).
//
// Runs without any process: it builds address spaces by hand and reaches their memory
// through write_bytes/read_bytes (the same fault path a user access takes, minus the
// trap). What it proves:
//   - demand zero: a fresh page reads as zeros;
//   - fork is copy-on-write: after copy_for_fork both sides see the old data, a write
//     on either side is not seen by the other, and the pages were shared, not copied,
//     until written (the free-page count says so);
//   - MAP_SHARED memory stays one set of pages across fork;
//   - munmap of a middle part splits a region and the rest keeps its data;
//   - after destroying both address spaces free_pages() is back to where it started:
//     every page, page-table page and object node was given back.
#include "lib/printk.hh"
#include "lib/string.hh"
#include "mm/address_space.hh"
#include "mm/mm.hh"
#include "mm/user_layout.hh"
#include "uapi/mman.hh"

namespace mm {
namespace {

constexpr size_t kPage = contract::kPageSize;
constexpr size_t kPages = 64;
constexpr uint32_t kRw = uapi::kProtRead | uapi::kProtWrite;

bool fail(const char* what) {
  printk("vm selftest: FAIL %s\n", what);
  return false;
}

bool write_u64(AddressSpace* as, uintptr_t va, uint64_t v) {
  return as->write_bytes(va, &v, sizeof v).is_ok();
}

uint64_t read_u64(AddressSpace* as, uintptr_t va) {
  uint64_t v = ~0ull;
  (void)as->read_bytes(va, &v, sizeof v);
  return v;
}

// The body, with both address spaces alive; `parent` and `child` are dropped by the
// caller whatever this returns.
bool exercise(AddressSpace* parent, AddressSpace*& child) {
  auto priv = parent->map_anonymous(0, kPages * kPage, kRw, false, false);
  auto shared = parent->map_anonymous(0, 4 * kPage, kRw, false, false, RegionKind::Anonymous, true);
  if (priv.is_error() || shared.is_error()) return fail("map_anonymous");
  uintptr_t p = priv.value(), s = shared.value();
  if (read_u64(parent, p + 8) != 0) return fail("a fresh page is not zero");
  for (size_t i = 0; i < kPages; ++i)
    if (!write_u64(parent, p + i * kPage, 1000 + i)) return fail("write_bytes");
  if (!write_u64(parent, s, 7)) return fail("write_bytes (shared)");

  size_t before_fork = free_pages();
  auto forked = parent->copy_for_fork();
  if (forked.is_error()) return fail("copy_for_fork");
  child = forked.value();
  size_t after_fork = free_pages();
  // Sharing, not copying: far fewer pages than the 64 data pages went into the fork.
  if (before_fork - after_fork >= kPages) return fail("fork copied the private pages");

  for (size_t i = 0; i < kPages; ++i)
    if (read_u64(child, p + i * kPage) != 1000 + i) return fail("the child lost data");
  if (!write_u64(child, p, 1) || !write_u64(parent, p + kPage, 2)) return fail("write after fork");
  if (read_u64(parent, p) != 1000 || read_u64(child, p + kPage) != 1001)
    return fail("a write after fork reached the other side (no COW)");
  if (read_u64(parent, p + kPage) != 2 || read_u64(child, p) != 1)
    return fail("a COW write was lost");
  // The parent is now the only holder of page 1: a second write must not copy again.
  size_t before_rewrite = free_pages();
  if (!write_u64(parent, p + kPage, 3) || free_pages() != before_rewrite)
    return fail("rewriting an exclusive page copied it");

  if (!write_u64(child, s + 8, 9) || read_u64(parent, s + 8) != 9 || read_u64(child, s) != 7)
    return fail("MAP_SHARED memory is not shared across fork");

  if (parent->unmap(p + 10 * kPage, 4 * kPage).is_error()) return fail("munmap of a middle");
  if (read_u64(parent, p + 9 * kPage) != 1009 || read_u64(parent, p + 14 * kPage) != 1014)
    return fail("munmap split lost data on either side");
  if (parent->read_bytes(p + 11 * kPage, &before_rewrite, 8).is_ok())
    return fail("the unmapped hole is still readable");
  if (read_u64(child, p + 11 * kPage) != 1011) return fail("munmap in the parent hit the child");
  if (parent->protect(p + 20 * kPage, kPage, uapi::kProtRead).is_error())
    return fail("mprotect of a middle page");
  if (parent->region_count() < 4) return fail("munmap/mprotect did not split the region");
  return true;
}

}  // namespace

bool selftest_vm() {
  heap_trim();
  size_t before = free_pages();
  auto made = AddressSpace::create();
  if (made.is_error()) return fail("AddressSpace::create");
  AddressSpace* parent = made.value();
  AddressSpace* child = nullptr;
  bool ok = exercise(parent, child);
  if (child) child->put();
  parent->put();
  heap_trim();
  size_t after = free_pages();
  printk("vm selftest: %zu free pages before, %zu after\n", before, after);
  if (after != before) ok = fail("pages leaked");
  return ok;
}

}  // namespace mm
