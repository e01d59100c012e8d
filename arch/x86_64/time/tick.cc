// time/tick.cc - arch::Timer::start_tick: the periodic local APIC timer interrupt.
//
// Each CPU's local APIC has its own timer. In periodic mode it reloads its initial
// count each time it reaches zero and raises vector 0xe0 (apic/vectors.hh), which
// apic/irq.cc turns into kernel_entry::timer_tick(). The initial count is the
// calibrated rate (time/clock.cc) divided by the frequency asked for; the rounding
// error is below one count in tens of thousands at QEMU's rates.
#include <arch/context.hh>

#include "../apic/lapic.hh"
#include "../apic/vectors.hh"
#include "kernel/panic.hh"
#include "time.hh"

namespace arch {

void Timer::start_tick(unsigned hz) {
  if (hz == 0) {
    x86_time::stop_tick();
    return;
  }
  uint64_t rate = x86_time::lapic_hz();
  if (!lapic::ready() || rate == 0) panic("timer: start_tick(%u) without a calibrated local APIC", hz);
  uint64_t initial = rate / hz;
  if (initial == 0) initial = 1;
  if (initial > 0xffffffffull) initial = 0xffffffffull;
  cpu_local()->tick_hz = hz;
  lapic::timer_periodic(static_cast<uint32_t>(initial), vectors::kTimer);
}

}  // namespace arch

namespace x86_time {

void stop_tick() {
  if (lapic::ready()) lapic::timer_stop();
  arch::cpu_local()->tick_hz = 0;
}

}  // namespace x86_time
