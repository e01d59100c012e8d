// arch/aarch64/irq_dispatch.hh - from the IRQ vectors to the handlers (irq.cc).
#pragma once

#include <arch/trap_frame.hh>

namespace irq_dispatch {

// Takes every pending interrupt from the GIC in turn, runs its handler and signals its
// end. Interrupts stay disabled throughout.
void handle(arch::TrapFrame& frame);

}  // namespace irq_dispatch
