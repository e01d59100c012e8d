// arch/irq.hh (x86_64) - device interrupts through the I/O APIC (contract/irq.hh).
//
// Interrupt numbers are I/O APIC inputs (global system interrupts, GSIs), as ACPI and
// PCI report them. On a PC the ISA devices keep their old IRQ numbers on the first 16
// inputs, except where the MADT overrides one (QEMU wires the PIT's IRQ 0 to GSI 2);
// isa_irq_to_gsi() applies those overrides. Every device interrupt goes to the boot CPU.
#pragma once

#include <contract/irq.hh>

namespace arch {

struct Irq {
  static ktl::Result<void> attach(unsigned irq, contract::IrqHandler handler, void* arg);
  static void detach(unsigned irq);
  static void init_cpu();
  // The GSI an ISA interrupt (0-15: COM1 is 4, the RTC 8) arrives on.
  static unsigned isa_irq_to_gsi(unsigned isa_irq);
};

static_assert(contract::IrqOps<Irq>);

}  // namespace arch
