// arch/irq.hh (aarch64) - device interrupts through the GIC (contract/irq.hh).
//
// QEMU's virt board has a GICv2 by default and a GICv3 with `-M virt,gic-version=3`;
// the device tree says which (gic.cc). Interrupt ids are the GIC's: 16-31 are private to
// each CPU (PPIs: the timers), 32-1019 are shared peripherals (SPIs: UART, virtio, ...)
// and go to the boot CPU.
#pragma once

#include <contract/irq.hh>

namespace arch {

struct Irq {
  static ktl::Result<void> attach(unsigned irq, contract::IrqHandler handler, void* arg);
  static void detach(unsigned irq);
  static void init_cpu();
};

static_assert(contract::IrqOps<Irq>);

}  // namespace arch
