// acpi/acpi.hh - what x86_64 boot learns from the ACPI tables.
#pragma once

#include <contract/boot.hh>
#include <stdint.h>

namespace acpi {

// Finds the RSDP (at `rsdp_hint` when the boot loader passed a copy, else by scanning
// the BIOS areas), lists the enabled CPUs of the MADT in info.cpu_count/cpu_hwid (boot
// CPU first; just the boot CPU when there is no MADT) and remembers how to power off.
void discover(uint64_t rsdp_hint, boot::Info& info);

// The interrupt controllers the MADT describes, and the HPET timer block (filled by
// discover(); all zero when the tables are missing). Read-only after boot.
struct IoApic {
  uint32_t phys;      // register window
  uint32_t gsi_base;  // global system interrupt number of its input 0
};
struct IsaRoute {
  uint32_t gsi;    // the I/O APIC input ISA IRQ n arrives on (n unless overridden)
  uint16_t flags;  // MPS INTI flags: bits 0-1 polarity, 2-3 trigger (0 = bus default)
};
inline constexpr unsigned kMaxIoApics = 4;
struct Interrupts {
  uint64_t lapic_phys = 0;
  IoApic ioapic[kMaxIoApics] = {};
  unsigned ioapic_count = 0;
  IsaRoute isa[16] = {};
  uint64_t hpet_phys = 0;  // the HPET's registers (ACPI "HPET" table), 0 when none
};
extern Interrupts interrupts;

// Enters the ACPI S5 (soft-off) state if discover() found how; returns if it could not.
void power_off();

}  // namespace acpi
