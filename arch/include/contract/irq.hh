// contract/irq.hh - device interrupts: routing an interrupt line to a handler.
//
// Each architecture's interrupt controller (the GIC on aarch64; the LAPIC and IOAPIC on
// x86_64) delivers numbered interrupts. arch::Irq (in <arch/irq.hh>) lets the kernel
// route one to a handler and take it back; the arch's trap code acknowledges the
// interrupt, calls the handler and signals its end. The numbers are the controller's
// own (aarch64: GIC interrupt ids, 16-31 per-CPU PPIs, 32 and up shared SPIs; x86_64:
// IOAPIC inputs), as the firmware tables (device tree, ACPI, PCI) report them.
#pragma once

#include <concepts>

#include "lib/result.hh"

namespace contract {

// Runs on the CPU that took the interrupt, with interrupts disabled, on the kernel stack
// of whatever was interrupted. Must not sleep.
using IrqHandler = void (*)(void* arg);

template <class I>
concept IrqOps = requires(unsigned irq, IrqHandler handler, void* arg) {
  // Routes `irq` to handler(arg) and unmasks it (a per-CPU interrupt: on the calling
  // CPU). Errors: Inval (no such interrupt, or no controller), Busy (already routed).
  { I::attach(irq, handler, arg) } -> std::same_as<ktl::Result<void>>;
  // Masks `irq` and forgets its handler.
  { I::detach(irq) } -> std::same_as<void>;
  // This CPU's part of the controller; each CPU once as it starts (the boot CPU's is
  // done by the arch's own initialisation).
  { I::init_cpu() } -> std::same_as<void>;
};

}  // namespace contract
