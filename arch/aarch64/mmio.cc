// arch/aarch64/mmio.cc - a bump allocator over the MMIO window.
//
// The window (contract::kMmioBase, 64 GiB) is far larger than the few devices of a
// QEMU machine, so mappings are carved upwards and never given back. A short list of
// what was mapped lets a second request for the same registers (the console, say, once
// at boot and again by a driver) share the first mapping. `lock` guards both.
#include "mmio.hh"

#include <arch/mmu.hh>
#include <contract/layout.hh>

#include "lib/spinlock.hh"

namespace mmio {
namespace {

constexpr uint64_t kPage = 4096;
constexpr size_t kMaxRanges = 32;

struct Range {
  uint64_t phys, size;
  uintptr_t virt;
};

ktl::SpinLock lock{"mmio window"};
uintptr_t next_free = contract::kMmioBase;  // guarded by lock
Range ranges[kMaxRanges];                   // guarded by lock
size_t range_count = 0;                     // guarded by lock

}  // namespace

ktl::Result<uintptr_t> map(uint64_t phys, size_t size) {
  if (size == 0 || phys + size < phys) return ktl::Errno::Inval;
  uint64_t start = phys & ~(kPage - 1);
  uint64_t length = ((phys + size + kPage - 1) & ~(kPage - 1)) - start;
  ktl::SpinGuard guard(lock);
  for (size_t i = 0; i < range_count; ++i)
    if (ranges[i].phys <= start && start + length <= ranges[i].phys + ranges[i].size)
      return ranges[i].virt + (phys - ranges[i].phys);
  if (next_free + length + kPage > contract::kMmioBase + contract::kMmioSize)
    return ktl::Errno::NoMem;
  uintptr_t virt = next_free;
  TRY(arch::PageTable::kernel().map(
      virt, start, length,
      contract::kProtRead | contract::kProtWrite | contract::kProtDevice | contract::kProtGlobal));
  next_free += length + kPage;  // one unmapped page after each device
  if (range_count < kMaxRanges) ranges[range_count++] = Range{start, length, virt};
  return virt + (phys - start);
}

}  // namespace mmio
