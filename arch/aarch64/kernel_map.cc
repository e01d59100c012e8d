// arch/aarch64/kernel_map.cc - mmu_init: the kernel's final address space.
//
// The boot tables (boot_mmu.S) are coarse: 1 GiB blocks of "RAM" whatever is there,
// the whole image readable, writable and executable, the first GiB of physical space
// as device memory in the direct map. mmu_init builds the real map with the PageTable
// code, in a fresh tree, while still running on the boot one:
//
//   direct map      every usable RAM range, RW, never executable (2 MiB blocks); the
//                   alias of the kernel's text and read-only data is read-only too
//   kernel text     R X         [__kernel_start, __text_end)
//   read-only data  R           [__rodata_start, __rodata_end)
//   data and .bss   RW          [__data_start, __data_end) less the boot stack's guard
//   symbol table    R           [__ksyms_start, __kernel_end)
//   MMIO window     RW device   the UART now; the GIC and RTC just after (mmio.cc)
//
// so no kernel page is both writable and executable (W^X), and then switches TTBR1 to
// it. Kernel and data keep their virtual and physical addresses, so the code runs on
// across the switch; the console moves to its new address in the same breath, before
// anything can print. TTBR0 stays disabled until a user table is activated.
#include <arch/console.hh>
#include <arch/mmu.hh>

#include "gic.hh"
#include "lib/printk.hh"
#include "mm/mm.hh"
#include "mmio.hh"
#include "page_table_internal.hh"
#include "platform.hh"
#include "timer_internal.hh"

extern "C" char __kernel_start[], __text_end[], __rodata_start[], __rodata_end[];
extern "C" char __data_start[], __data_end[], __ksyms_start[], __kernel_end[];
extern "C" char boot_stack_guard[];

namespace arch {
namespace {

constexpr uint64_t kPage = 4096;
constexpr uint32_t kGlobal = contract::kProtGlobal;

uintptr_t addr(const char* symbol) { return reinterpret_cast<uintptr_t>(symbol); }

// Maps [start, end) of the image (link addresses) at its physical place.
ktl::Result<void> map_image(PageTable& table, uintptr_t start, uintptr_t end, uint32_t prot) {
  if (end <= start) return {};
  return table.map(start, virt_to_phys(start), end - start, prot | kGlobal);
}

// Every usable range, page-aligned, sorted and merged, into the direct map. Returns the
// bytes mapped.
ktl::Result<uint64_t> map_ram(PageTable& table, const boot::Info& info) {
  struct Span {
    uint64_t start, end;
  } spans[boot::kMaxMemRanges];
  size_t n = 0;
  for (size_t i = 0; i < info.mem_count; ++i) {
    const boot::MemRange& r = info.mem[i];
    if (r.kind != boot::MemKind::Usable || r.size < kPage) continue;
    Span s{r.base & ~(kPage - 1), (r.base + r.size + kPage - 1) & ~(kPage - 1)};
    size_t j = n++;
    for (; j > 0 && spans[j - 1].start > s.start; --j) spans[j] = spans[j - 1];
    spans[j] = s;
  }
  uint64_t mapped = 0, covered = 0;
  for (size_t i = 0; i < n; ++i) {
    uint64_t start = spans[i].start > covered ? spans[i].start : covered;
    if (spans[i].end <= start) continue;
    TRY(table.map(phys_to_virt(start), start, spans[i].end - start,
                  contract::kProtRead | contract::kProtWrite | kGlobal));
    mapped += spans[i].end - start;
    covered = spans[i].end;
  }
  return mapped;
}

ktl::Result<uint64_t> build(PageTable& table, const boot::Info& info) {
  uint64_t ram = TRY(map_ram(table, info));
  uint32_t rw = contract::kProtRead | contract::kProtWrite;
  TRY(map_image(table, addr(__kernel_start), addr(__text_end),
                contract::kProtRead | contract::kProtExec));
  TRY(map_image(table, addr(__rodata_start), addr(__rodata_end), contract::kProtRead));
  TRY(map_image(table, addr(__data_start), addr(boot_stack_guard), rw));
  TRY(map_image(table, addr(boot_stack_guard) + kPage, addr(__data_end), rw));
  TRY(map_image(table, addr(__ksyms_start), addr(__kernel_end), contract::kProtRead));
  uintptr_t alias = phys_to_virt(virt_to_phys(addr(__kernel_start)));
  TRY(table.protect(alias, addr(__rodata_end) - addr(__kernel_start),
                    contract::kProtRead | kGlobal));
  return ram;
}

// 16-bit ASIDs when the CPU has them (ID_AA64MMFR0_EL1.ASIDBits = 2): TCR.AS, set while
// no TLB entry carries an ASID yet.
unsigned enable_asids() {
  uint64_t mmfr0, tcr;
  __asm__ volatile("mrs %0, id_aa64mmfr0_el1" : "=r"(mmfr0));
  if ((mmfr0 >> 4 & 0xf) != 2) return 8;
  __asm__ volatile("mrs %0, tcr_el1" : "=r"(tcr));
  __asm__ volatile("msr tcr_el1, %0\n\tisb\n\ttlbi vmalle1\n\tdsb nsh\n\tisb"
                   :
                   : "r"(tcr | TCR_AS)
                   : "memory");
  return 16;
}

// Counts image pages that are writable and executable at once (there must be none).
size_t count_wx_pages(const PageTable& table) {
  size_t bad = 0;
  for (uintptr_t va = addr(__kernel_start); va < addr(__kernel_end); va += kPage) {
    contract::Translation t;
    constexpr uint32_t kWX = contract::kProtWrite | contract::kProtExec;
    if (table.query(va, &t) && (t.prot & kWX) == kWX) ++bad;
  }
  return bad;
}

}  // namespace

void mmu_init() {
  PageTable& kernel = PageTable::kernel();
  uint64_t boot_root = kernel.root_phys();
  size_t free_before = mm::free_pages();
  auto root = page_table::alloc_table();
  if (root.is_error()) {
    log_error("mmu: no memory for the kernel table; staying on the boot map\n");
    return;
  }
  kernel.adopt_root(root.value());  // from here kernel() edits the new, inactive tree
  auto ram = build(kernel, boot_info);
  auto uart = platform.uart_phys ? mmio::map(platform.uart_phys, kPage) : ktl::Result<uintptr_t>(0);
  if (ram.is_error() || uart.is_error()) {
    kernel.adopt_root(boot_root);  // the partial tree is abandoned, not freed
    log_error("mmu: building the kernel map failed (%s); staying on the boot map\n",
              ktl::errno_name(ram.is_error() ? ram.error() : uart.error()));
    return;
  }
  unsigned asid_bits = enable_asids();
  asid_init(asid_bits);
  // Same virtual->physical for everything in use, so the switch is seamless; stale
  // boot-map TLB entries go right after. No printing until the console has moved.
  __asm__ volatile("dsb ishst\n\tmsr ttbr1_el1, %0\n\tisb\n\ttlbi vmalle1is\n\tdsb ish\n\tisb"
                   :
                   : "r"(root.value())
                   : "memory");
  if (platform.uart_phys) Console::remap(uart.value());

  size_t tables = free_before - mm::free_pages();
  printk(
      "mmu: kernel map: %lu MiB RAM in the direct map, text RX, rodata R, data RW; "
      "%zu table pages; %u-bit ASIDs\n",
      static_cast<unsigned long>(ram.value() >> 20), tables, asid_bits);
  if (size_t bad = count_wx_pages(kernel)) log_error("mmu: %zu kernel pages are W+X\n", bad);
  gic::init();
  timer_read_rtc();
}

}  // namespace arch
