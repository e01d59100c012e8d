// arch/aarch64/selftest_paging.cc - test=paging on aarch64.
//
// The contract round trips (map/unmap/protect/query, 2 MiB blocks and their splitting,
// errors, two user tables kept apart by their ASIDs, no page leaked) are the same on
// both architectures: mm::selftest_paging (src/mm/paging_selftest.cc). Here, on top,
// what only aarch64 has - the final kernel map and the registers that use it:
//   - TTBR1_EL1 points at PageTable::kernel(); TCR_EL1 has TTBR0 walks off (EPD0) while
//     no user table is active, and 16-bit ASIDs (AS) when the CPU has them;
//   - text is R X, read-only data R, data RW, all global; the direct map is RW, never
//     executable, in 2 MiB blocks, and read-only where it aliases the kernel text;
//   - the boot stack's guard page and address 0 are not mapped;
//   - user tables get distinct ASIDs, never 0 (the "no user table" ASID);
//   - UserAccess::copy from an unmapped user address returns false (the fault fixup).
#define SEAOS_ARCH_SELFTEST_IMPL
#include <arch/layout.hh>
#include <arch/mmu.hh>
#include <arch/uaccess.hh>
#include <contract/selftest.hh>

#include "mm/kernel_stack.hh"
#include "mmu_defs.hh"
#include "selftest_support.hh"

extern "C" char __kernel_start[], __rodata_start[], __data_start[], boot_stack_guard[];

namespace {

constexpr uint32_t kR = contract::kProtRead, kW = contract::kProtWrite, kX = contract::kProtExec;
constexpr uint32_t kG = contract::kProtGlobal;

uintptr_t addr(const char* symbol) { return reinterpret_cast<uintptr_t>(symbol); }

uint64_t read_tcr() {
  uint64_t v;
  __asm__ volatile("mrs %0, tcr_el1" : "=r"(v));
  return v;
}

bool kernel_map() {
  bool ok = true;
  arch::PageTable& k = arch::PageTable::kernel();
  contract::Translation t{};
  uint64_t ttbr1, mmfr0;
  __asm__ volatile("mrs %0, ttbr1_el1" : "=r"(ttbr1));
  __asm__ volatile("mrs %0, id_aa64mmfr0_el1" : "=r"(mmfr0));
  SELFTEST_CHECK(ok, (ttbr1 & DESC_ADDR_MASK) == k.root_phys());
  SELFTEST_CHECK(ok, read_tcr() & TCR_EPD0);
  SELFTEST_CHECK(ok, !!(read_tcr() & TCR_AS) == ((mmfr0 >> 4 & 0xf) == 2));
  SELFTEST_CHECK(ok, k.query(addr(__kernel_start), &t) && t.prot == (kR | kX | kG));
  SELFTEST_CHECK(ok, k.query(addr(__rodata_start), &t) && t.prot == (kR | kG));
  SELFTEST_CHECK(ok, k.query(addr(__data_start), &t) && t.prot == (kR | kW | kG));
  uintptr_t alias = arch::phys_to_virt(arch::virt_to_phys(addr(__kernel_start)));
  SELFTEST_CHECK(ok, k.query(alias, &t) && t.prot == (kR | kG));
  SELFTEST_CHECK(ok, k.query(arch::phys_to_virt(0x40000000), &t) && t.prot == (kR | kW | kG) &&
                         t.page_size == (2ull << 20));
  SELFTEST_CHECK(ok, !k.query(addr(boot_stack_guard), &t));
  SELFTEST_CHECK(ok, !k.query(0, &t) && !k.query(arch::kKernelHalfStart, &t));
  auto a = arch::PageTable::create_user();
  auto b = arch::PageTable::create_user();
  SELFTEST_CHECK(ok, a.is_ok() && b.is_ok());
  if (a.is_ok() && b.is_ok()) {
    SELFTEST_CHECK(ok, a.value()->asid() != b.value()->asid());
    SELFTEST_CHECK(ok, a.value()->asid() != 0 && b.value()->asid() != 0);
  }
  uint64_t word = 0;
  SELFTEST_CHECK(ok, !arch::UserAccess::copy(&word, reinterpret_cast<const void*>(0x1000), 8));
  SELFTEST_CHECK(ok, arch::UserAccess::copy(&word, &ttbr1, 8) && word == ttbr1);
  if (a.is_ok()) arch::PageTable::destroy(a.value());
  if (b.is_ok()) arch::PageTable::destroy(b.value());
  printk(
      "paging: aarch64 kernel map: TTBR1 %#lx, text RX, rodata R, data RW, text alias R, "
      "direct map in 2 MiB blocks, TTBR0 off, %s ASIDs\n",
      static_cast<unsigned long>(ttbr1), (read_tcr() & TCR_AS) ? "16-bit" : "8-bit");
  return ok;
}

}  // namespace

namespace arch_selftest {

bool paging() {
  bool ok = kernel_map();
  return mm::selftest_paging() && ok;
}

}  // namespace arch_selftest
