// boot/multiboot2.hh - reading GRUB's Multiboot2 boot information into boot::Info.
#pragma once

#include <contract/boot.hh>
#include <stdint.h>

namespace multiboot2 {

// Fills info's command line, loader name, memory map, initrd (the first module),
// framebuffer and boot-data range from the information at physical `mbi_phys`, which
// must be reachable through the direct map. Returns the physical address of the ACPI
// RSDP copy GRUB passed (tag 15, else 14), or 0.
uint64_t parse(uint64_t mbi_phys, boot::Info& info);

}  // namespace multiboot2
