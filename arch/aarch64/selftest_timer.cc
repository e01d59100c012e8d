// arch/aarch64/selftest_timer.cc - test=timer: the clock and the tick.
//
// now_ns() must never go backwards and must agree with the tick: at 100 Hz and then at
// 1000 Hz the test counts the ticks that arrive while now_ns() advances by a fixed time,
// and wants the count within 10% (+2) of the rate times the time. The ticks go to a
// counter here instead of kernel_entry::timer_tick (timer_set_tick_override), so the
// test needs no scheduler. It also prints the wall-clock time of boot from the PL031.
#define SEAOS_ARCH_SELFTEST_IMPL
#include <arch/context.hh>
#include <arch/cpu.hh>
#include <contract/selftest.hh>

#include "gic.hh"
#include "selftest_support.hh"
#include "timer_internal.hh"

namespace {

volatile uint64_t ticks_seen = 0;  // written by the tick handler on this CPU

void count_tick() { ticks_seen = ticks_seen + 1; }

bool monotonic(unsigned reads) {
  uint64_t previous = arch::Timer::now_ns();
  for (unsigned i = 0; i < reads; ++i) {
    uint64_t now = arch::Timer::now_ns();
    if (now < previous) {
      printk("timer: now_ns went back from %lu to %lu\n", static_cast<unsigned long>(previous),
             static_cast<unsigned long>(now));
      return false;
    }
    previous = now;
  }
  return true;
}

// Ticks at `hz` during `ms` milliseconds of now_ns(), interrupts on meanwhile.
bool rate(unsigned hz, unsigned ms) {
  ticks_seen = 0;
  arch::Timer::start_tick(hz);
  uint64_t start = arch::Timer::now_ns(), end = start + ms * 1000000ull;
  arch::Cpu::irq_enable();
  while (arch::Timer::now_ns() < end) arch::Cpu::relax();
  arch::Cpu::irq_disable();
  uint64_t elapsed = arch::Timer::now_ns() - start;
  arch::timer_stop_tick();
  uint64_t expected = elapsed * hz / 1000000000ull;
  uint64_t got = ticks_seen;
  uint64_t slack = expected / 10 + 2;
  bool ok = got + slack >= expected && got <= expected + slack;
  printk("timer: %u Hz for %lu ms: %lu ticks, expected %lu +- %lu: %s\n", hz,
         static_cast<unsigned long>(elapsed / 1000000), static_cast<unsigned long>(got),
         static_cast<unsigned long>(expected), static_cast<unsigned long>(slack),
         ok ? "ok" : "WRONG");
  return ok;
}

}  // namespace

namespace arch_selftest {

bool timer() {
  bool ok = true;
  printk("timer: counter at %lu Hz, now_ns %lu\n",
         static_cast<unsigned long>(arch::timer_frequency()),
         static_cast<unsigned long>(arch::Timer::now_ns()));
  SELFTEST_CHECK(ok, monotonic(200000));
  SELFTEST_CHECK(ok, gic::present());
  if (!ok) return false;
  arch::timer_set_tick_override(count_tick);
  ok = rate(100, 300) && ok;
  ok = rate(1000, 200) && ok;
  arch::timer_set_tick_override(nullptr);
  SELFTEST_CHECK(ok, monotonic(1000));
  uint64_t seconds = arch::Timer::boot_realtime_ns() / 1000000000ull;
  printk("timer: booted at %lu s after the epoch (PL031)\n", static_cast<unsigned long>(seconds));
  SELFTEST_CHECK(ok, seconds > 1577836800);  // after 2020-01-01: the RTC was read
  return ok;
}

}  // namespace arch_selftest
