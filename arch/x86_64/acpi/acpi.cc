// acpi/acpi.cc - platform discovery on x86_64: which CPUs exist, how to power off.
//
// PCs describe themselves in ACPI tables. The boot path reads three of them: the
// MADT lists the CPUs by local APIC id and the interrupt controllers (madt.cc), the FADT
// says how to power off (soft_off.cc), the HPET table where the HPET is. The tables live
// in memory the final kernel map does not cover, so they are read here, at boot. The boot CPU's own APIC id comes from CPUID, so that boot::Info can
// list it first whatever the MADT order: the x2APIC id of leaf 0xb when the CPU has
// that leaf, else the 8-bit id in leaf 1 EBX[31:24].
#include "acpi.hh"

#include "../cpu/x86.hh"
#include "lib/printk.hh"
#include "tables.hh"

namespace acpi {
namespace {

uint32_t boot_cpu_apic_id() {
  if (x86::cpuid(0).eax >= 0xb) {
    x86::CpuidResult topology = x86::cpuid(0xb, 0);
    if (topology.ebx != 0) return topology.edx;  // EBX = 0: leaf not implemented
  }
  return x86::cpuid(1).ebx >> 24;
}

}  // namespace

void discover(uint64_t rsdp_hint, boot::Info& info) {
  uint32_t boot_id = boot_cpu_apic_id();
  info.cpu_hwid[0] = boot_id;
  info.cpu_count = 1;
  if (!find_root(rsdp_hint)) {
    log_warn("acpi: no RSDP found; assuming one CPU\n");
    return;
  }
  if (const uint8_t* madt = find_table("APIC")) read_madt(madt, boot_id, info);
  else log_warn("acpi: no MADT; assuming one CPU\n");
  if (const uint8_t* fadt = find_table("FACP")) read_fadt(fadt);
  // HPET table: the base address is the address field of the Generic Address Structure
  // at offset 40 (ACPI: IA-PC HPET specification, table 3).
  if (const uint8_t* hpet = find_table("HPET"); hpet && field<uint32_t>(hpet + 4) >= 52)
    interrupts.hpet_phys = field<uint64_t>(hpet + 44);
}

}  // namespace acpi
