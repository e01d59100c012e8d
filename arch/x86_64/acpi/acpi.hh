// acpi/acpi.hh - what x86_64 boot learns from the ACPI tables.
#pragma once

#include <contract/boot.hh>
#include <stdint.h>

namespace acpi {

// Finds the RSDP (at `rsdp_hint` when the boot loader passed a copy, else by scanning
// the BIOS areas), lists the enabled CPUs of the MADT in info.cpu_count/cpu_hwid (boot
// CPU first; just the boot CPU when there is no MADT) and remembers how to power off.
void discover(uint64_t rsdp_hint, boot::Info& info);

// Enters the ACPI S5 (soft-off) state if discover() found how; returns if it could not.
void power_off();

}  // namespace acpi
