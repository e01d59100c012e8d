// mm/mmio.cc - handing out the MMIO window.
//
// A PC has a handful of register blocks the kernel maps once and keeps, so the window
// (64 GiB) is carved upwards by a bump pointer and never given back. A short record of
// each mapping lets a later request for the same registers share it. `window_lock`
// guards the bump pointer and the record.
#include "mmio.hh"

#include <arch/layout.hh>
#include <arch/mmu.hh>

#include "lib/printk.hh"
#include "lib/spinlock.hh"

namespace mmio {
namespace {

constexpr uint64_t kPage = 4096;
constexpr uint64_t kBootDirectMapEnd = 4ull << 30;  // long_mode.S maps 0..4 GiB
constexpr size_t kMaxMappings = 32;

struct Mapping {
  uint64_t phys;  // page aligned
  uint64_t size;  // whole pages
  uintptr_t virt;
};

ktl::SpinLock window_lock{"mmio window"};
uintptr_t window_next = contract::kMmioBase;  // guarded by window_lock
Mapping mappings[kMaxMappings];               // guarded by window_lock
size_t mapping_count = 0;                     // guarded by window_lock
bool final_map = false;  // set once by mmu_init on the boot CPU: the boot map is gone

}  // namespace

ktl::Result<uintptr_t> map(uint64_t phys, size_t size) {
  if (size == 0 || phys + size < phys) return ktl::Errno::Inval;
  uint64_t first = phys & ~(kPage - 1);
  uint64_t length = ((phys + size + kPage - 1) & ~(kPage - 1)) - first;
  ktl::SpinGuard guard(window_lock);
  for (size_t i = 0; i < mapping_count; ++i) {
    const Mapping& m = mappings[i];
    if (m.phys <= first && first + length <= m.phys + m.size) return m.virt + (phys - m.phys);
  }
  if (window_next + length + kPage > contract::kMmioBase + contract::kMmioSize)
    return ktl::Errno::NoMem;
  uintptr_t virt = window_next;
  TRY(arch::PageTable::kernel().map(virt, first, length,
                                    contract::kProtRead | contract::kProtWrite |
                                        contract::kProtDevice | contract::kProtGlobal));
  window_next += length + kPage;  // the page after each device stays unmapped
  if (mapping_count < kMaxMappings) mappings[mapping_count++] = Mapping{first, length, virt};
  return virt + (phys - first);
}

void final_map_active() { final_map = true; }

uintptr_t map_or_boot_alias(uint64_t phys, size_t size) {
  auto mapped = map(phys, size);
  if (mapped.is_ok()) return mapped.value();
  // Still on the boot map (mmu_init failed)? Its direct map covers the low 4 GiB.
  if (!final_map && phys + size <= kBootDirectMapEnd) return arch::phys_to_virt(phys);
  log_error("mmio: cannot map the registers at %#lx (%s)\n", static_cast<unsigned long>(phys),
            ktl::errno_name(mapped.error()));
  return 0;
}

}  // namespace mmio
