// mm/kernel_map.cc - mmu_init: the kernel's final address space.
//
// The boot tables (boot/long_mode.S) are coarse: 2 MiB pages over the first 4 GiB of
// physical space, RAM and device holes alike, the whole image writable and executable.
// mmu_init builds the real map with the PageTable code, in a fresh tree, while still
// running on the boot one:
//
//   kernel half     all 256 PML4 entries get their PDPT now (arch/mmu.hh says why)
//   direct map      every RAM range of the memory map, RW, NX (1 GiB / 2 MiB pages),
//                   except the kernel text and rodata's alias there: R, NX
//   kernel text     R X         [__text_start, __text_end)
//   read-only data  R           [__rodata_start, __data_start)
//   data and .bss   RW          [__data_start, __data_end) less the boot stack's guard
//   symbol table    R           [__ksyms_start, __kernel_end)
//   MMIO window     RW uncached the VGA text screen now; the APICs right after
//
// all global, and nothing in the user half: the boot identity map is gone and a null
// pointer faults. No page is both writable and executable (W^X), which mmu_init checks
// by querying every page of the image. Then CR3 switches to the new tree. Kernel code,
// data and stack keep their virtual and physical addresses, so execution runs on across
// the switch; the text screen moves to its new address in the same breath, before
// anything can print. Last, CR4.PGE makes the global bit count.
#include <arch/console.hh>
#include <arch/mmu.hh>

#include "../boot/boot_info.hh"
#include "../console/vga_text.hh"
#include "../cpu/regs.hh"
#include "../cpu/x86.hh"
#include "../platform/platform.hh"
#include "lib/printk.hh"
#include "mm/mm.hh"
#include "mmio.hh"
#include "table_edit.hh"

extern "C" char __text_start[], __text_end[], __rodata_start[], __data_start[], __data_end[];
extern "C" char __ksyms_start[], __kernel_end[], boot_stack_guard[];

namespace arch {
namespace {

constexpr uint64_t kPage = 4096;
constexpr uint32_t kGlobal = contract::kProtGlobal;

uintptr_t addr(const char* symbol) { return reinterpret_cast<uintptr_t>(symbol); }
uint64_t page_up(uint64_t a) { return (a + kPage - 1) & ~(kPage - 1); }

// Gives every kernel-half PML4 entry of the tree at `root` its (empty) PDPT.
ktl::Result<void> preallocate_kernel_half(uint64_t root) {
  uint64_t* pml4 = page_table::table_at(root);
  for (unsigned i = pte::kFirstKernelEntry; i < pte::kEntries; ++i)
    pml4[i] = pte::table_entry(TRY(page_table::alloc_table()), true);
  return {};
}

bool is_ram(boot::MemKind kind) {
  return kind == boot::MemKind::Usable || kind == boot::MemKind::AcpiReclaimable ||
         kind == boot::MemKind::AcpiNvs;
}

// Every RAM range, whole pages, sorted and merged, into the direct map. Returns the
// bytes mapped.
ktl::Result<uint64_t> map_ram(PageTable& table, const boot::Info& info) {
  struct Span {
    uint64_t start, end;
  } spans[boot::kMaxMemRanges];
  size_t n = 0;
  for (size_t i = 0; i < info.mem_count; ++i) {
    const boot::MemRange& r = info.mem[i];
    if (!is_ram(r.kind) || r.size == 0) continue;
    Span s{r.base & ~(kPage - 1), page_up(r.base + r.size)};
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

// Maps [start, end) of the image (link addresses) at its physical place.
ktl::Result<void> map_image(PageTable& table, uintptr_t start, uintptr_t end, uint32_t prot) {
  end = page_up(end);
  if (end <= start) return {};
  return table.map(start, virt_to_phys(start), end - start, prot | kGlobal);
}

ktl::Result<uint64_t> build(PageTable& table, const boot::Info& info) {
  TRY(preallocate_kernel_half(table.root_phys()));
  uint64_t ram = TRY(map_ram(table, info));
  uint32_t r = contract::kProtRead, rw = r | contract::kProtWrite;
  TRY(map_image(table, addr(__text_start), addr(__text_end), r | contract::kProtExec));
  TRY(map_image(table, addr(__rodata_start), addr(__data_start), r));
  TRY(map_image(table, addr(__data_start), addr(boot_stack_guard), rw));
  TRY(map_image(table, addr(boot_stack_guard) + kPage, addr(__data_end), rw));
  TRY(map_image(table, addr(__ksyms_start), addr(__kernel_end), r));
  // The direct map's alias of text and read-only data is read-only too: no writable
  // mapping of the kernel's code exists anywhere, not even through another address.
  uintptr_t alias = phys_to_virt(virt_to_phys(addr(__text_start)));
  TRY(table.protect(alias, addr(__data_start) - addr(__text_start), r | kGlobal));
  return ram;
}

// Counts image pages that are writable and executable at once (there must be none).
size_t count_wx_pages(const PageTable& table) {
  size_t bad = 0;
  for (uintptr_t va = addr(__text_start); va < addr(__kernel_end); va += kPage) {
    contract::Translation t;
    constexpr uint32_t kWX = contract::kProtWrite | contract::kProtExec;
    if (table.query(va, &t) && (t.prot & kWX) == kWX) ++bad;
  }
  return bad;
}

// Builds the new tree while the boot one stays in CR3; on success switches to it.
// Returns false (and changes nothing that is in use) when the tree cannot be built.
bool build_and_switch(const boot::Info& info) {
  PageTable& kernel = PageTable::kernel();
  uint64_t boot_root = kernel.root_phys();
  size_t free_before = mm::free_pages();
  auto root = page_table::alloc_table();
  if (root.is_error()) {
    log_error("mmu: no memory for the kernel's PML4; staying on the boot map\n");
    return false;
  }
  kernel.adopt_root(root.value());  // from here kernel() edits the new, inactive tree
  auto ram = build(kernel, info);
  uint64_t screen = vga_text::phys();
  auto screen_virt = screen && ram.is_ok() ? mmio::map(screen, 2 * kPage)
                                           : ktl::Result<uintptr_t>(uintptr_t{0});
  if (ram.is_error() || screen_virt.is_error()) {
    kernel.adopt_root(boot_root);  // the partial tree is abandoned, not freed
    log_error("mmu: building the kernel map failed (%s); staying on the boot map\n",
              ktl::errno_name(ram.is_error() ? ram.error() : screen_virt.error()));
    return false;
  }
  x86::write_cr3(root.value());  // from here only the new map: no more boot aliases
  if (screen) vga_text::remap(screen_virt.value());
  mmio::final_map_active();
  x86::write_cr4(x86::read_cr4() | x86::kCr4Pge);
  page_table::flush_everything();
  printk("mmu: kernel map: %lu MiB RAM in the direct map (%s pages), text RX, rodata R, "
         "data RW+NX; %zu table pages\n",
         static_cast<unsigned long>(ram.value() >> 20),
         page_table::has_gigabyte_pages() ? "1 GiB/2 MiB" : "2 MiB",
         free_before - mm::free_pages());
  if (size_t bad = count_wx_pages(kernel)) log_error("mmu: %zu kernel pages are W+X\n", bad);
  return true;
}

}  // namespace

void mmu_init() {
  build_and_switch(x86_boot::boot_info);
  platform::init_after_mmu();  // with the final map or, failing that, the boot map
}

}  // namespace arch
