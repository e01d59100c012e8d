// cpu/gdt.hh - segment selectors and the task-state segment.
#pragma once

#include <stdint.h>

namespace gdt {

// Selectors, fixed by the order of the GDT (see gdt.cc for why this order).
inline constexpr uint16_t kKernelCode = 0x08;
inline constexpr uint16_t kKernelData = 0x10;
inline constexpr uint16_t kUserData = 0x20 | 3;
inline constexpr uint16_t kUserCode = 0x28 | 3;
inline constexpr uint16_t kTss = 0x30;

// Interrupt stack table slots (1-based, as the IDT gate encodes them; 0 = no switch).
inline constexpr uint8_t kIstDoubleFault = 1;

// Loads the boot CPU's GDT and TSS and reloads every segment register. Interrupts off.
void init_boot_cpu();

}  // namespace gdt
