// acpi/madt.cc - the CPUs, from the Multiple APIC Description Table ("APIC").
//
// After the header come the local APIC address (u32) and flags (u32), then variable
// length entries {u8 type, u8 length, ...}. Each CPU appears as a processor-local APIC
// (type 0: u8 ACPI id, u8 APIC id, u32 flags) or, for APIC ids above 254, a local x2APIC
// (type 9: u16 reserved, u32 x2APIC id, u32 flags, u32 ACPI uid). Flags bit 0 says the
// CPU is enabled; bit 1 "online capable" marks a hot-pluggable slot that is not (yet)
// populated, which we do not count. ACPI specification 5.2.12.
//
// boot::Info wants the boot CPU first, so it is placed there and skipped in the walk.
#include "tables.hh"

namespace acpi {
namespace {

constexpr uint8_t kLocalApic = 0;
constexpr uint8_t kLocalX2Apic = 9;
constexpr uint32_t kEnabled = 1;

void add_cpu(boot::Info& info, uint32_t apic_id) {
  if (apic_id == info.cpu_hwid[0] || info.cpu_count == boot::kMaxCpus) return;
  info.cpu_hwid[info.cpu_count++] = apic_id;
}

}  // namespace

void read_madt(const uint8_t* madt, uint32_t boot_apic_id, boot::Info& info) {
  info.cpu_hwid[0] = boot_apic_id;
  info.cpu_count = 1;
  uint32_t length = field<uint32_t>(madt + 4);
  for (uint32_t off = kHeaderSize + 8; off + 2 <= length;) {
    const uint8_t* entry = madt + off;
    uint8_t type = entry[0], entry_length = entry[1];
    if (entry_length < 2 || off + entry_length > length) break;
    if (type == kLocalApic && entry_length >= 8 && (field<uint32_t>(entry + 4) & kEnabled))
      add_cpu(info, entry[3]);
    else if (type == kLocalX2Apic && entry_length >= 16 && (field<uint32_t>(entry + 8) & kEnabled))
      add_cpu(info, field<uint32_t>(entry + 4));
    off += entry_length;
  }
}

}  // namespace acpi
