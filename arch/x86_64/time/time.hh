// time/time.hh - the arch's clocks, internal to arch/x86_64 (arch::Timer is the API).
#pragma once

#include <stdint.h>

namespace x86_time {

// Measures the TSC and the local APIC timer against the PIT, fixes arch::clock_scale, and reads the CMOS RTC for the
// wall-clock time at boot. Once, on the boot CPU, after the local APIC is up.
void init();

// Local APIC timer counts per second at divide-by-16; 0 before init().
uint64_t lapic_hz();
uint64_t tsc_hz();

// Stops this CPU's tick (Timer::start_tick(0) does the same).
void stop_tick();

// Seconds since the Unix epoch from the CMOS real-time clock (time/rtc.cc); 0 if the
// clock holds nonsense.
uint64_t rtc_read_epoch_seconds();

}  // namespace x86_time
