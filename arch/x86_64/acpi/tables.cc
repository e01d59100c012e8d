// acpi/tables.cc - from the RSDP to any ACPI table.
//
// The Root System Description Pointer (RSDP) points to the root table: the RSDT (32-bit
// entries, ACPI 1.0) or, from revision 2 on, the XSDT (64-bit entries), which we prefer.
// Every table the root lists starts with a 36-byte header: signature, length, checksum.
//
// Where the RSDP is: GRUB copies it into Multiboot2 tags 14/15 (and on UEFI machines
// that copy is the only practical way). Otherwise BIOS machines keep it on a 16-byte
// boundary in the first KiB of the EBDA (whose segment is stored at 0x40e) or in the
// BIOS area 0xe0000-0xfffff. Layouts from the ACPI specification, 5.2.5-5.2.8.
#include "tables.hh"

#include <arch/layout.hh>

namespace acpi {
namespace {

struct Root {
  uint64_t phys = 0;     // of the RSDT or XSDT
  uint32_t entry_size = 0;  // 4 for the RSDT, 8 for the XSDT
};
constinit Root root;

constexpr uint32_t kRsdpV1Size = 20;
constexpr uint32_t kRsdpV2Size = 36;

bool is_rsdp(const uint8_t* p) {
  return __builtin_memcmp(p, "RSD PTR ", 8) == 0 && checksum_ok(p, kRsdpV1Size);
}

// Searches [start, start + size) on 16-byte boundaries.
uint64_t scan(uint64_t start, uint64_t size) {
  for (uint64_t phys = start; phys + kRsdpV1Size <= start + size; phys += 16)
    if (is_rsdp(arch::phys_to_ptr<const uint8_t>(phys))) return phys;
  return 0;
}

uint64_t scan_bios_areas() {
  uint64_t ebda = static_cast<uint64_t>(field<uint16_t>(arch::phys_to_ptr<uint8_t>(0x40e))) << 4;
  if (ebda >= 0x80000 && ebda < 0xa0000)
    if (uint64_t found = scan(ebda, 1024)) return found;
  return scan(0xe0000, 0x20000);
}

}  // namespace

bool checksum_ok(const uint8_t* p, uint32_t n) {
  uint8_t sum = 0;
  for (uint32_t i = 0; i < n; ++i) sum = static_cast<uint8_t>(sum + p[i]);
  return sum == 0;
}

bool find_root(uint64_t rsdp_hint) {
  uint64_t rsdp_phys = rsdp_hint;
  if (!rsdp_phys || !is_rsdp(arch::phys_to_ptr<const uint8_t>(rsdp_phys)))
    rsdp_phys = scan_bios_areas();
  if (!rsdp_phys) return false;
  const uint8_t* rsdp = arch::phys_to_ptr<const uint8_t>(rsdp_phys);
  uint8_t revision = rsdp[15];
  uint64_t xsdt = revision >= 2 ? field<uint64_t>(rsdp + 24) : 0;
  if (xsdt && checksum_ok(rsdp, kRsdpV2Size)) root = {xsdt, 8};
  else root = {field<uint32_t>(rsdp + 16), 4};
  return root.phys != 0;
}

const uint8_t* find_table(const char* signature) {
  if (!root.phys) return nullptr;
  const uint8_t* rsdt = arch::phys_to_ptr<const uint8_t>(root.phys);
  uint32_t length = field<uint32_t>(rsdt + 4);
  if (length < kHeaderSize || !checksum_ok(rsdt, length)) return nullptr;
  for (uint32_t off = kHeaderSize; off + root.entry_size <= length; off += root.entry_size) {
    uint64_t phys = root.entry_size == 8 ? field<uint64_t>(rsdt + off) : field<uint32_t>(rsdt + off);
    const uint8_t* table = arch::phys_to_ptr<const uint8_t>(phys);
    if (__builtin_memcmp(table, signature, 4) != 0) continue;
    uint32_t table_length = field<uint32_t>(table + 4);
    if (table_length >= kHeaderSize && checksum_ok(table, table_length)) return table;
  }
  return nullptr;
}

}  // namespace acpi
