// trap/idt.hh - installing the interrupt descriptor table.
#pragma once

namespace idt {

// Fills all 256 gates with the entry stubs of trap_entry.S and loads the IDT on this
// CPU. Needs the GDT (cpu/gdt.hh) loaded first: gates name its code selector and IST.
void init_boot_cpu();

// Loads the (shared, already filled) IDT on a secondary CPU.
void load_cpu();

}  // namespace idt
