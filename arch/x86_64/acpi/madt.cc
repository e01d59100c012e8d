// acpi/madt.cc - the CPUs, from the Multiple APIC Description Table ("APIC").
//
// After the header come the local APIC address (u32) and flags (u32), then variable
// length entries {u8 type, u8 length, ...}. Each CPU appears as a processor-local APIC
// (type 0: u8 ACPI id, u8 APIC id, u32 flags) or, for APIC ids above 254, a local x2APIC
// (type 9: u16 reserved, u32 x2APIC id, u32 flags, u32 ACPI uid). Flags bit 0 says the
// CPU is enabled; bit 1 "online capable" marks a hot-pluggable slot that is not (yet)
// populated, which we do not count. ACPI specification 5.2.12.
//
// The same walk collects the interrupt controllers (acpi::interrupts): each I/O APIC
// (type 1: u8 id, u8 reserved, u32 address, u32 first GSI), each interrupt source
// override (type 2: u8 bus, u8 ISA IRQ, u32 GSI, u16 flags: an ISA interrupt wired to
// another I/O APIC input, or with another polarity/trigger, than the identity default),
// and a 64-bit local APIC address override (type 5).
//
// boot::Info wants the boot CPU first, so it is placed there and skipped in the walk.
#include "acpi.hh"
#include "tables.hh"

namespace acpi {
namespace {

constexpr uint8_t kLocalApic = 0;
constexpr uint8_t kIoApic = 1;
constexpr uint8_t kSourceOverride = 2;
constexpr uint8_t kLocalApicAddress = 5;
constexpr uint8_t kLocalX2Apic = 9;
constexpr uint32_t kEnabled = 1;

void add_cpu(boot::Info& info, uint32_t apic_id) {
  if (apic_id == info.cpu_hwid[0] || info.cpu_count == boot::kMaxCpus) return;
  info.cpu_hwid[info.cpu_count++] = apic_id;
}

void add_controller(const uint8_t* entry, uint8_t type, uint8_t length) {
  Interrupts& irq = interrupts;
  if (type == kIoApic && length >= 12 && irq.ioapic_count < kMaxIoApics) {
    irq.ioapic[irq.ioapic_count++] = IoApic{field<uint32_t>(entry + 4), field<uint32_t>(entry + 8)};
  } else if (type == kSourceOverride && length >= 10 && entry[3] < 16) {
    irq.isa[entry[3]] = IsaRoute{field<uint32_t>(entry + 4), field<uint16_t>(entry + 8)};
  } else if (type == kLocalApicAddress && length >= 12) {
    irq.lapic_phys = field<uint64_t>(entry + 4);
  }
}

}  // namespace

constinit Interrupts interrupts;

void read_madt(const uint8_t* madt, uint32_t boot_apic_id, boot::Info& info) {
  info.cpu_hwid[0] = boot_apic_id;
  info.cpu_count = 1;
  for (uint8_t i = 0; i < 16; ++i) interrupts.isa[i] = IsaRoute{i, 0};
  interrupts.lapic_phys = field<uint32_t>(madt + kHeaderSize);
  uint32_t length = field<uint32_t>(madt + 4);
  for (uint32_t off = kHeaderSize + 8; off + 2 <= length;) {
    const uint8_t* entry = madt + off;
    uint8_t type = entry[0], entry_length = entry[1];
    if (entry_length < 2 || off + entry_length > length) break;
    if (type == kLocalApic && entry_length >= 8 && (field<uint32_t>(entry + 4) & kEnabled))
      add_cpu(info, entry[3]);
    else if (type == kLocalX2Apic && entry_length >= 16 && (field<uint32_t>(entry + 8) & kEnabled))
      add_cpu(info, field<uint32_t>(entry + 4));
    else
      add_controller(entry, type, entry_length);
    off += entry_length;
  }
}

}  // namespace acpi
