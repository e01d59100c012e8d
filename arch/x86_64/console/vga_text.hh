// console/vga_text.hh - the VGA text screen as a scrolling teletype.
#pragma once

#include <stdint.h>

namespace vga_text {

// Starts drawing on the text buffer at physical `phys` (columns x rows cells of two
// bytes), clearing it first. Until then put() does nothing.
void enable(uint64_t phys, uint32_t columns, uint32_t rows);

// Draws one character: '\n' starts a new line, '\r' returns, '\b' steps back; the
// screen scrolls up when the cursor passes the last row.
void put(char c);

// The physical address of the screen enabled above (0 when none), and its new virtual
// address once mmu_init has mapped it uncached in the MMIO window: the direct map of
// the final kernel map holds RAM only. Called with nothing printing in between.
uint64_t phys();
void remap(uintptr_t virt);

// Moves the blinking hardware cursor to where the next character goes.
void sync_cursor();

}  // namespace vga_text
