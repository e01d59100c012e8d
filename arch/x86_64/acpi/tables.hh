// acpi/tables.hh - finding ACPI tables (internal to acpi/).
#pragma once

#include <contract/boot.hh>
#include <stdint.h>

namespace acpi {

// Every ACPI table after the RSDP starts with this 36-byte header.
inline constexpr uint32_t kHeaderSize = 36;

// Reads a little-endian field at any alignment (ACPI tables are packed).
template <class T>
T field(const uint8_t* p) {
  T value;
  __builtin_memcpy(&value, p, sizeof value);
  return value;
}

// True when `n` bytes at p sum to 0 mod 256, the ACPI checksum rule.
bool checksum_ok(const uint8_t* p, uint32_t n);

// Locates the RSDP (see acpi.hh) and remembers its RSDT/XSDT; false when none is found.
bool find_root(uint64_t rsdp_hint);

// The table with the 4-character `signature` ("APIC", "FACP", ...), its header checked,
// through the direct map; nullptr when absent.
const uint8_t* find_table(const char* signature);

// Steps performed by acpi::discover().
void read_madt(const uint8_t* madt, uint32_t boot_apic_id, boot::Info& info);
void read_fadt(const uint8_t* fadt);

}  // namespace acpi
