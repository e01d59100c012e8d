// arch/console.hh (aarch64) - the boot console: an Arm PL011 UART, polled.
//
// The UART's address comes from the device tree (/chosen stdout-path). Until boot.cc
// has read it, the console writes to QEMU virt's PL011 at its fixed address, so even a
// failure to parse the device tree can be reported.
#pragma once

#include <contract/console.hh>
#include <stddef.h>
#include <stdint.h>

namespace arch {

struct Console {
  // Blocking write; "\n" goes out as "\r\n".
  static void write(const char* s, size_t n);
  // One received byte, or -1 when the receive FIFO is empty.
  static int poll_char();
  // Switches to the PL011 at physical address `phys` (mapped through the direct map).
  static void use_pl011(uint64_t phys);
  // The same UART at a new virtual address (mmu_init moves it to the MMIO window).
  static void remap(uintptr_t virt);
};

static_assert(contract::ConsoleOps<Console>);

}  // namespace arch
