// arch/aarch64/timer_internal.hh - the clock's set-up steps and the test hooks (timer.cc).
#pragma once

#include <stdint.h>

namespace arch {

// Boot CPU, before kernel_main: the counter frequency and time zero of now_ns().
void timer_init_clock();
// After mmu_init has the MMIO window: the wall-clock time at boot from the PL031.
void timer_read_rtc();
// Stops this CPU's tick (the timer self-test cleans up with it).
void timer_stop_tick();
// Replaces kernel_entry::timer_tick() as the tick's consumer (nullptr: back to it), for
// the self-tests, which run without a process layer.
void timer_set_tick_override(void (*tick)());
// The counter's frequency in Hz.
uint64_t timer_frequency();

}  // namespace arch
