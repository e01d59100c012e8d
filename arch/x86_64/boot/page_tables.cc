// boot/page_tables.cc - the last edits to the boot page tables before kernel_main.
//
// long_mode.S maps the first 4 GiB three times (identity, direct map, kernel image)
// because it cannot know more before reading the memory map. Here, in C++ and at kernel
// addresses, we (1) remove the identity map, so address 0 and its neighbours fault as
// the layout promises (contract/layout.hh) and the `test=fault` self-test relies on,
// and (2) grow the direct map over RAM above 4 GiB.
//
// The direct map shares its page-directory-pointer table with the old identity map
// (boot_pdpt_low); slot i of it maps physical [i GiB, i+1 GiB). Slots 0-3 already point
// to page directories of 2 MiB pages. Growing uses a 1 GiB page per slot when CPUID
// says the CPU supports them (-cpu max, recent hardware), otherwise a page directory of
// 2 MiB pages from kExtraDirectories, a static pool: no allocator exists yet.
// The whole direct map is non-executable through the NX bit of its PML4 entry.
#include "page_tables.hh"

#include <arch/layout.hh>

#include "../cpu/x86.hh"
#include "lib/printk.hh"

extern "C" uint64_t boot_pml4[512];
extern "C" uint64_t boot_pdpt_low[512];

namespace boot_paging {
namespace {

constexpr uint64_t kPresent = 1, kWritable = 2, kHuge = 0x80;
constexpr uint64_t kGiB = 1ull << 30, kTwoMiB = 2ull << 20;
constexpr unsigned kBootMappedGiB = 4;
constexpr unsigned kExtraDirectories = 12;  // up to 16 GiB without 1 GiB pages

alignas(4096) constinit uint64_t extra_directories[kExtraDirectories][512] = {};
constinit unsigned extra_used = 0;

bool has_gigabyte_pages() {
  if (x86::cpuid(0x80000000).eax < 0x80000001) return false;
  return (x86::cpuid(0x80000001).edx >> 26) & 1;  // CPUID.80000001H:EDX.Page1GB
}

// Maps [slot GiB, slot+1 GiB) of the direct map; false when out of page directories.
bool map_gigabyte(unsigned slot, bool gigabyte_pages) {
  uint64_t phys = slot * kGiB;
  if (gigabyte_pages) {
    boot_pdpt_low[slot] = phys | kPresent | kWritable | kHuge;
    return true;
  }
  if (extra_used == kExtraDirectories) return false;
  uint64_t* directory = extra_directories[extra_used++];
  for (unsigned i = 0; i < 512; ++i) directory[i] = (phys + i * kTwoMiB) | kPresent | kWritable | kHuge;
  boot_pdpt_low[slot] = arch::virt_to_phys(reinterpret_cast<uintptr_t>(directory)) | kPresent | kWritable;
  return true;
}

}  // namespace

void drop_identity_map() {
  boot_pml4[0] = 0;
  x86::write_cr3(x86::read_cr3());  // flushes every non-global translation
}

uint64_t extend_direct_map(uint64_t phys_end) {
  unsigned wanted = static_cast<unsigned>((phys_end + kGiB - 1) / kGiB);
  if (wanted > 512) wanted = 512;  // one PDPT: 512 GiB of direct map
  bool gigabyte_pages = has_gigabyte_pages();
  unsigned slot = kBootMappedGiB;
  for (; slot < wanted; ++slot) {
    if (!map_gigabyte(slot, gigabyte_pages)) {
      log_warn("direct map: no page directories left, RAM above %u GiB not mapped\n", slot);
      break;
    }
  }
  if (slot > kBootMappedGiB) x86::write_cr3(x86::read_cr3());
  return (slot > kBootMappedGiB ? slot : kBootMappedGiB) * kGiB;
}

}  // namespace boot_paging
