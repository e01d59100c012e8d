// apic/irq.hh - from the trap entry to interrupt handlers (apic/irq.cc).
#pragma once

#include <arch/trap_frame.hh>

namespace irq {

// Brings up the interrupt controllers after mmu_init has made the MMIO window: the
// legacy PICs masked, the boot CPU's local APIC, every I/O APIC masked.
void init_controllers();

// Handles one interrupt vector (32-255) with interrupts off: the tick, a device, an
// error or spurious interrupt. Signals the end of interrupt where the APIC wants one.
void dispatch(arch::TrapFrame& frame);

}  // namespace irq
