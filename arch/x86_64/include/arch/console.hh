// arch/console.hh (x86_64) - the boot console: COM1, mirrored to the VGA text screen.
//
// The 16550 UART at I/O port 0x3f8 is the console that QEMU (-serial), Bochs (com1 to a
// file) and the test runner read. When the boot loader left the VGA in text mode
// (Multiboot2 framebuffer tag of EGA-text type), every byte is also drawn there, so a
// machine with a screen shows the same log. Both are polled: no interrupts, no buffers.
// Callers serialise whole messages (printk's lock); the console itself does not lock.
#pragma once

#include <contract/console.hh>
#include <stddef.h>
#include <stdint.h>

namespace arch {

struct Console {
  // Sends n bytes to the serial port and the screen; "\n" goes out as "\r\n".
  static void write(const char* s, size_t n);
  // One byte received on the serial port, or -1 when none is waiting.
  static int poll_char();

  // Boot-time set-up (arch/x86_64 only): program the UART; later, once the framebuffer
  // tag is known, start mirroring to the text screen at physical address `text_phys`.
  static void init_serial();
  static void enable_text_screen(uint64_t text_phys, uint32_t columns, uint32_t rows);
};

static_assert(contract::ConsoleOps<Console>);

}  // namespace arch
