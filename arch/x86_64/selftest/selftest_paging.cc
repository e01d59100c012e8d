// selftest/selftest_paging.cc - test=paging on x86_64.
//
// The contract round trips are arch-independent (mm::selftest_paging, src/mm). Here, on
// top, what only x86_64 has: the final kernel map itself, read back through query().
//   - kernel text is R X global, data RW NX global, the direct map RW NX global, and
//     the direct-map alias of the kernel text is read-only (no writable way to the code);
//   - the low half of the kernel table is empty: address 0 and the old identity map
//     are gone;
//   - the direct map uses 1 GiB pages where the CPU has them and one RAM range covers a
//     whole aligned GiB (QEMU puts RAM above 4 GiB from -m 3G or so on);
//   - a user table shares the kernel half: its PML4 entries 256-511 are the kernel's.
#define SEAOS_ARCH_SELFTEST_IMPL
#include <arch/layout.hh>
#include <arch/mmu.hh>
#include <contract/selftest.hh>

#include "../boot/boot_info.hh"
#include "../mm/table_edit.hh"
#include "check.hh"
#include "mm/kernel_stack.hh"

extern "C" char __text_start[], __data_start[];

namespace {

constexpr uint32_t kR = contract::kProtRead, kW = contract::kProtWrite, kX = contract::kProtExec;
constexpr uint32_t kG = contract::kProtGlobal;

bool kernel_map() {
  bool ok = true;
  arch::PageTable& k = arch::PageTable::kernel();
  contract::Translation t{};
  auto text = reinterpret_cast<uintptr_t>(__text_start);
  auto data = reinterpret_cast<uintptr_t>(__data_start);
  SELFTEST_CHECK(ok, k.query(text, &t) && t.prot == (kR | kX | kG));
  SELFTEST_CHECK(ok, k.query(data, &t) && t.prot == (kR | kW | kG));
  SELFTEST_CHECK(ok, k.query(arch::phys_to_virt(arch::virt_to_phys(text)), &t) && t.prot == (kR | kG));
  SELFTEST_CHECK(ok, k.query(arch::phys_to_virt(0x100000), &t) && t.prot == (kR | kW | kG));
  SELFTEST_CHECK(ok, !k.query(0, &t) && !k.query(0x200000, &t));
  // Wherever one RAM range covers a whole aligned GiB, the direct map has a 1 GiB page.
  constexpr uint64_t kGiB = 1ull << 30;
  unsigned gigabyte_pages = 0;
  for (size_t i = 0; i < x86_boot::boot_info.mem_count && page_table::has_gigabyte_pages(); ++i) {
    const boot::MemRange& r = x86_boot::boot_info.mem[i];
    if (r.kind != boot::MemKind::Usable) continue;
    for (uint64_t g = (r.base + kGiB - 1) & ~(kGiB - 1); g + kGiB <= r.base + r.size; g += kGiB) {
      SELFTEST_CHECK(ok, k.query(arch::phys_to_virt(g), &t) && t.page_size == kGiB);
      ++gigabyte_pages;
    }
  }
  auto user = arch::PageTable::create_user();
  SELFTEST_CHECK(ok, user.is_ok());
  if (user.is_ok()) {
    const uint64_t* mine = page_table::table_at(user.value()->root_phys());
    const uint64_t* kernels = page_table::table_at(k.root_phys());
    for (unsigned i = 0; i < pte::kEntries; ++i)
      SELFTEST_CHECK(ok, mine[i] == (i >= pte::kFirstKernelEntry ? kernels[i] : 0));
    arch::PageTable::destroy(user.value());
  }
  printk("paging: x86_64 kernel map: text RX, data RW+NX, text alias R, no low half, "
         "%u 1 GiB pages, user tables share the kernel half\n", gigabyte_pages);
  return ok;
}

}  // namespace

namespace arch_selftest {

bool paging() {
  bool ok = kernel_map();
  return mm::selftest_paging() && ok;
}

}  // namespace arch_selftest
