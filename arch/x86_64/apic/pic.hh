// apic/pic.hh - putting the legacy 8259 interrupt controllers out of the way.
#pragma once

namespace pic {

// Reprograms both PICs to vectors 0x20-0x2f and masks every input: devices are routed
// through the I/O APIC instead. Interrupts off.
void disable();

}  // namespace pic
