// console/vga_text.cc - mirroring the console on the VGA text screen.
//
// In text mode the screen is an array of 16-bit cells (character byte, attribute byte)
// that GRUB tells us about in its framebuffer tag (EGA text, 80x25 at 0xb8000). We
// reach it through the boot direct map, then (remap) through its uncached mapping in
// the MMIO window. Writes are volatile because the array is device
// memory: the compiler must neither drop nor merge them. The hardware cursor is moved
// through the CRT controller's index/data ports once per console write, not per byte.
#include "vga_text.hh"

#include <arch/layout.hh>
#include <stddef.h>

#include "../cpu/x86.hh"

namespace vga_text {
namespace {

constexpr uint16_t kAttribute = 0x07 << 8;  // light grey on black
constexpr uint16_t kCrtIndex = 0x3d4;
constexpr uint16_t kCrtData = 0x3d5;

struct Screen {
  volatile uint16_t* cells = nullptr;  // nullptr: no text screen
  uint64_t phys = 0;
  uint32_t columns = 0, rows = 0;
  uint32_t column = 0, row = 0;        // where the next character goes
};
constinit Screen screen;

void clear_row(uint32_t row) {
  for (uint32_t c = 0; c < screen.columns; ++c)
    screen.cells[row * screen.columns + c] = kAttribute | ' ';
}

void scroll_up() {
  size_t cells = static_cast<size_t>(screen.columns) * (screen.rows - 1);
  for (size_t i = 0; i < cells; ++i) screen.cells[i] = screen.cells[i + screen.columns];
  clear_row(screen.rows - 1);
}

void new_line() {
  screen.column = 0;
  if (++screen.row == screen.rows) {
    scroll_up();
    screen.row = screen.rows - 1;
  }
}

}  // namespace

void enable(uint64_t phys, uint32_t columns, uint32_t rows) {
  if (columns == 0 || rows == 0) return;
  screen.cells = arch::phys_to_ptr<volatile uint16_t>(phys);
  screen.phys = phys;
  screen.columns = columns;
  screen.rows = rows;
  for (uint32_t r = 0; r < rows; ++r) clear_row(r);
  screen.column = screen.row = 0;
  sync_cursor();
}

uint64_t phys() { return screen.cells ? screen.phys : 0; }

void remap(uintptr_t virt) {
  if (screen.cells) screen.cells = reinterpret_cast<volatile uint16_t*>(virt);
}

void put(char c) {
  if (!screen.cells) return;
  switch (c) {
    case '\n': new_line(); return;
    case '\r': screen.column = 0; return;
    case '\b':
      if (screen.column > 0) --screen.column;
      return;
    default: break;
  }
  screen.cells[screen.row * screen.columns + screen.column] =
      kAttribute | static_cast<uint8_t>(c);
  if (++screen.column == screen.columns) new_line();
}

void sync_cursor() {
  if (!screen.cells) return;
  uint32_t position = screen.row * screen.columns + screen.column;
  x86::outb(kCrtIndex, 0x0f);  // cursor location low
  x86::outb(kCrtData, static_cast<uint8_t>(position));
  x86::outb(kCrtIndex, 0x0e);  // cursor location high
  x86::outb(kCrtData, static_cast<uint8_t>(position >> 8));
}

}  // namespace vga_text
