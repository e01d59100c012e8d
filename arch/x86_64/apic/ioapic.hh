// apic/ioapic.hh - the I/O APICs: device interrupt lines to CPU vectors.
#pragma once

#include <stdint.h>

namespace ioapic {

// Maps every I/O APIC the MADT lists and masks all their inputs. Returns how many GSIs
// they cover (0: none usable).
unsigned init();

// Routes GSI `gsi` to `vector` on the CPU with local APIC id `apic_id`, unmasked;
// `level` and `active_low` describe the line. False when no I/O APIC has that input.
bool route(unsigned gsi, uint8_t vector, uint32_t apic_id, bool level, bool active_low);
void mask(unsigned gsi);

// The trigger mode and polarity of `gsi` as the firmware describes it: an ISA
// interrupt override of the MADT if one names this GSI, else ISA defaults (edge, high)
// below 16 and PCI defaults (level, low) from 16 up.
void line_mode(unsigned gsi, bool* level, bool* active_low);

}  // namespace ioapic
