// console/console.cc - arch::Console: one write goes to COM1 and to the text screen.
//
// The serial line wants "\r\n" (a terminal's carriage return and line feed); the screen
// only needs '\n'. Keeping the translation here means printk and the monitor write plain
// C strings.
#include <arch/console.hh>

#include "serial.hh"
#include "vga_text.hh"

namespace arch {

void Console::write(const char* s, size_t n) {
  for (size_t i = 0; i < n; ++i) {
    if (s[i] == '\n') serial::put('\r');
    serial::put(s[i]);
    vga_text::put(s[i]);
  }
  vga_text::sync_cursor();
}

int Console::poll_char() { return serial::get(); }

void Console::init_serial() { serial::init(); }

void Console::enable_text_screen(uint64_t text_phys, uint32_t columns, uint32_t rows) {
  vga_text::enable(text_phys, columns, rows);
}

}  // namespace arch
