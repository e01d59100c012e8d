// apic/lapic.hh - this CPU's local APIC: interrupt acceptance, EOI and the timer.
#pragma once

#include <stdint.h>

namespace lapic {

// Maps the registers at physical `phys` (the MADT's address) uncached in the MMIO
// window and enables the boot CPU's APIC (init_cpu). False when they cannot be mapped.
bool init(uint64_t phys);
bool ready();

// This CPU's part: software-enable with the spurious vector, accept every priority,
// mask the timer, LINT0 and the error interrupt. Interrupts off.
void init_cpu();

// End of interrupt: the APIC may deliver the next one of this priority or lower.
void eoi();
uint32_t id();

// The timer counts down from `initial` at the bus clock / 16. Periodic: reloads and
// raises `vector` each time it reaches 0. One-shot with the vector masked: for
// calibration, read the count with timer_count().
void timer_periodic(uint32_t initial, uint8_t vector);
void timer_one_shot_masked(uint32_t initial);
uint32_t timer_count();
void timer_stop();

// Inter-processor interrupts through the interrupt command register (ICR): `command` is
// its low word (vector, delivery mode, level, shorthand), `apic_id` the destination
// (xAPIC: 8 bits). Waits until the APIC has sent it. Any interrupt state.
inline constexpr uint32_t kIcrFixed = 0x4000;              // fixed delivery, assert
inline constexpr uint32_t kIcrInit = 0x4500;               // INIT, level assert
inline constexpr uint32_t kIcrStartup = 0x4600;            // STARTUP | page number
inline constexpr uint32_t kIcrAllButSelf = 3u << 18;       // destination shorthand
void send_ipi(uint32_t apic_id, uint32_t command);

}  // namespace lapic
