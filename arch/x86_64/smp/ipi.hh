// smp/ipi.hh - the receiving side of inter-processor interrupts (smp/ipi.cc).
#pragma once

#include <contract/smp.hh>

namespace smp_ipi {

// Called by irq::dispatch for vectors kIpiBase + ipi, interrupts off. Writes the EOI
// and calls the kernel's handler; Stop never returns.
void receive(contract::Ipi ipi);

}  // namespace smp_ipi
