// selftest/selftest_timer.cc - test=timer on x86_64: the tick, the clock, a device IRQ.
//
//   1. now_ns() never goes backwards over many reads, and advances;
//   2. the local APIC timer, started at 100 Hz for half a second of now_ns() time,
//      delivers 50 ticks - within +-40%: under QEMU's TCG the guest runs as fast as the
//      host lets it, so both clocks are real time but ticks can bunch up or be merged;
//   3. an I/O APIC route works end to end: the PIT's channel 0 (ISA IRQ 0, GSI 2 on
//      QEMU) at 1 kHz is attached with arch::Irq and its interrupts counted;
//   4. the wall-clock time at boot is after 2020.
// The ticks are taken through user_hooks' override (no process layer needed); the
// tick and the PIT are stopped again before the test returns, with interrupts off.
#define SEAOS_ARCH_SELFTEST_IMPL
#include <arch/context.hh>
#include <arch/cpu.hh>
#include <arch/irq.hh>
#include <contract/selftest.hh>

#include "../cpu/x86.hh"
#include "../time/time.hh"
#include "../trap/user_hooks.hh"
#include "check.hh"

namespace {

constexpr unsigned kTickHz = 100, kPitHz = 1000;
constexpr uint64_t kWindowNs = 500000000, kPitWindowNs = 100000000;
constexpr uint64_t kJan2020Ns = 1577836800ull * 1000000000;

volatile uint64_t ticks_seen = 0;  // written by the interrupt handlers, read by the test
volatile uint64_t pit_seen = 0;

void count_tick() { ticks_seen = ticks_seen + 1; }
void count_pit(void*) { pit_seen = pit_seen + 1; }

const user_hooks::Overrides kCountTicks{nullptr, nullptr, nullptr, nullptr, count_tick};

// Waits `ns` of now_ns() time with interrupts on, halting between interrupts.
void wait_ns(uint64_t ns) {
  uint64_t start = arch::Timer::now_ns();
  arch::Cpu::irq_enable();
  while (arch::Timer::now_ns() - start < ns) arch::Cpu::wait_for_interrupt();
  arch::Cpu::irq_disable();
}

bool monotonic() {
  uint64_t last = arch::Timer::now_ns(), first = last;
  for (int i = 0; i < 100000; ++i) {
    uint64_t now = arch::Timer::now_ns();
    if (now < last) {
      printk("  timer: now_ns went back from %lu to %lu\n", static_cast<unsigned long>(last),
             static_cast<unsigned long>(now));
      return false;
    }
    last = now;
  }
  return last > first;
}

// PIT channel 0 as a rate generator (mode 2) at `hz`; 0 stops it (mode 0, one count).
void pit_channel0(unsigned hz) {
  uint16_t count = hz ? static_cast<uint16_t>(1193182 / hz) : 1;
  x86::outb(0x43, hz ? 0x34 : 0x30);
  x86::outb(0x40, count & 0xff);
  x86::outb(0x40, count >> 8);
}

}  // namespace

namespace arch_selftest {

bool timer() {
  bool ok = true;
  uintptr_t flags = arch::Cpu::irq_save();
  SELFTEST_CHECK(ok, monotonic());

  user_hooks::overrides = &kCountTicks;
  ticks_seen = 0;
  uint64_t start = arch::Timer::now_ns();
  arch::Timer::start_tick(kTickHz);
  wait_ns(kWindowNs);
  arch::Timer::start_tick(0);
  uint64_t elapsed = arch::Timer::now_ns() - start;
  user_hooks::overrides = nullptr;
  uint64_t expected = kTickHz * kWindowNs / 1000000000;
  printk("timer: %lu ticks at %u Hz in %lu ms (expected %lu)\n",
         static_cast<unsigned long>(ticks_seen), kTickHz,
         static_cast<unsigned long>(elapsed / 1000000), static_cast<unsigned long>(expected));
  SELFTEST_CHECK(ok, ticks_seen >= expected * 6 / 10 && ticks_seen <= expected * 14 / 10);

  unsigned gsi = arch::Irq::isa_irq_to_gsi(0);
  auto attached = arch::Irq::attach(gsi, count_pit, nullptr);
  SELFTEST_CHECK(ok, attached.is_ok());
  if (attached.is_ok()) {
    pit_seen = 0;
    pit_channel0(kPitHz);
    wait_ns(kPitWindowNs);
    pit_channel0(0);
    arch::Irq::detach(gsi);
    uint64_t pit_expected = kPitHz * kPitWindowNs / 1000000000;
    printk("timer: %lu PIT interrupts through the I/O APIC (GSI %u) in 100 ms (expected %lu)\n",
           static_cast<unsigned long>(pit_seen), gsi, static_cast<unsigned long>(pit_expected));
    SELFTEST_CHECK(ok, pit_seen >= pit_expected / 2 && pit_seen <= pit_expected * 2);
  }
  auto busy = arch::Irq::attach(gsi, count_pit, nullptr);  // free again after detach
  SELFTEST_CHECK(ok, busy.is_ok());
  if (busy.is_ok()) arch::Irq::detach(gsi);

  uint64_t boot_realtime = arch::Timer::boot_realtime_ns();
  printk("timer: booted %lu s after 1970 (CMOS RTC); clock %s\n",
         static_cast<unsigned long>(boot_realtime / 1000000000),
         arch::clock_scale.hpet_counter ? "HPET" : "TSC");
  SELFTEST_CHECK(ok, boot_realtime > kJan2020Ns);
  arch::Cpu::irq_restore(flags);
  return ok;
}

}  // namespace arch_selftest
