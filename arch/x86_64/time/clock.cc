// time/clock.cc - choosing and calibrating the clock and the tick at boot.
//
// The clock (arch::Timer::now_ns) should be cheap, monotonic and the same on every CPU.
// The time-stamp counter is all of that when CPUID says it is invariant (0x80000007 EDX
// bit 8: a fixed rate in every power state, synchronised across CPUs): one instruction.
// Its rate is not announced, so it is measured. QEMU's TCG does not promise an
// invariant TSC, so there the HPET is used instead: a 64-bit memory-mapped counter at a
// rate its capability register states (femtoseconds per count), the same for all CPUs.
//
// The local APIC timer, which drives the tick, counts at the bus clock, which differs
// from board to board, so it is measured too. Both are measured against the one clock
// whose rate every PC fixes: the 8254 PIT at 1.193182 MHz. Channel 2 is used because its
// gate and output are wired to port 0x61 and can be polled with interrupts off. We
// count 10 ms of PIT time, three times, and keep the median.
//
// now_ns() = (count - boot_count) * mult >> 32 with mult = 2^32 * ns per count: one
// multiply, no division, on the clock path. clock_scale is written once, here, on the
// boot CPU before any other CPU runs.
#include <arch/context.hh>

#include "../acpi/acpi.hh"
#include "../apic/lapic.hh"
#include "../cpu/x86.hh"
#include "../mm/mmio.hh"
#include "lib/printk.hh"
#include "time.hh"

namespace arch {
ClockScale clock_scale{0, 0, 0, nullptr};
}

namespace x86_time {
namespace {

constexpr uint64_t kPitHz = 1193182;
constexpr uint16_t kPitChannel2 = 0x42, kPitCommand = 0x43, kPort61 = 0x61;
constexpr uint8_t kGate2 = 0x01, kSpeaker = 0x02, kOut2 = 0x20;
constexpr unsigned kWindowsPerSecond = 100;  // 10 ms
constexpr uint32_t kPitLatch = kPitHz / kWindowsPerSecond;

// HPET registers (IA-PC HPET specification 2.3).
constexpr uint64_t kHpetCapabilities = 0x00, kHpetConfig = 0x10, kHpetCounter = 0xf0;
constexpr uint64_t kHpetCounter64 = 1ull << 13, kHpetEnable = 1;

uint64_t measured_tsc_hz = 0, measured_lapic_hz = 0;

// One 10 ms window of PIT channel 2 (mode 0: OUT2 rises when the count reaches 0).
// False when OUT2 never rises (no PIT behind port 0x61).
bool measure_window(uint64_t* tsc_delta, uint64_t* lapic_delta) {
  x86::outb(kPort61, static_cast<uint8_t>((x86::inb(kPort61) & ~kSpeaker) | kGate2));
  x86::outb(kPitCommand, 0xb0);  // channel 2, low byte then high byte, mode 0, binary
  x86::outb(kPitChannel2, kPitLatch & 0xff);
  x86::outb(kPitChannel2, kPitLatch >> 8);
  if (lapic::ready()) lapic::timer_one_shot_masked(0xffffffff);
  uint64_t tsc_start = x86::rdtsc();
  uint32_t lapic_start = lapic::ready() ? lapic::timer_count() : 0;
  for (uint64_t spins = 0; !(x86::inb(kPort61) & kOut2); ++spins)
    if (spins > 100000000) return false;
  *tsc_delta = x86::rdtsc() - tsc_start;
  *lapic_delta = lapic_start - (lapic::ready() ? lapic::timer_count() : 0);
  return true;
}

uint64_t median3(const uint64_t v[3]) {
  uint64_t a = v[0], b = v[1], c = v[2];
  if (a > b) a = v[1], b = v[0];
  if (b > c) b = c;
  return a > b ? a : b;
}

bool invariant_tsc() {
  if (x86::cpuid(0x80000000).eax < 0x80000007) return false;
  return (x86::cpuid(0x80000007).edx >> 8) & 1;
}

// Starts the HPET's 64-bit main counter and makes it the clock. False when there is no
// usable HPET (none, not mappable, or only a 32-bit counter, which wraps in seconds).
bool use_hpet() {
  if (!acpi::interrupts.hpet_phys) return false;
  uintptr_t base = mmio::map_or_boot_alias(acpi::interrupts.hpet_phys, 1024);
  if (!base) return false;
  auto reg = [base](uint64_t offset) { return reinterpret_cast<volatile uint64_t*>(base + offset); };
  uint64_t caps = *reg(kHpetCapabilities);
  uint64_t period_fs = caps >> 32;
  if (!(caps & kHpetCounter64) || period_fs == 0 || period_fs > 100000000) return false;
  *reg(kHpetConfig) = *reg(kHpetConfig) | kHpetEnable;
  // ns per count = period_fs / 10^6; times 2^32.
  arch::clock_scale.mult =
      static_cast<uint64_t>((static_cast<unsigned __int128>(period_fs) << 32) / 1000000);
  arch::clock_scale.hpet_counter = reg(kHpetCounter);
  arch::clock_scale.boot_count = *reg(kHpetCounter);
  return true;
}

void use_tsc() {
  arch::clock_scale.mult = static_cast<uint64_t>(
      (static_cast<unsigned __int128>(1000000000) << 32) / measured_tsc_hz);
  arch::clock_scale.hpet_counter = nullptr;
  arch::clock_scale.boot_count = x86::rdtsc();
}

}  // namespace

void init() {
  uint64_t tsc[3], apic[3];
  for (int i = 0; i < 3; ++i) {
    if (!measure_window(&tsc[i], &apic[i])) {
      log_error("clock: the PIT does not count; guessing a 1 GHz TSC and no APIC timer\n");
      tsc[0] = tsc[1] = tsc[2] = 1000000000 / kWindowsPerSecond;
      apic[0] = apic[1] = apic[2] = 0;
      break;
    }
  }
  if (lapic::ready()) lapic::timer_stop();
  measured_tsc_hz = median3(tsc) * kWindowsPerSecond;
  measured_lapic_hz = median3(apic) * kWindowsPerSecond;
  bool invariant = invariant_tsc();
  const char* source = "TSC (invariant)";
  if (!invariant && use_hpet()) source = "HPET (the TSC is not invariant)";
  else use_tsc();
  if (!invariant && !arch::clock_scale.hpet_counter) source = "TSC (not invariant, no HPET)";
  uint64_t epoch = rtc_read_epoch_seconds();
  arch::clock_scale.realtime_at_boot_ns = epoch ? epoch * 1000000000 - arch::Timer::now_ns() : 0;
  printk("clock: %s; TSC %lu MHz, local APIC timer %lu kHz (/16), measured against the PIT; "
         "RTC %lu s since 1970\n",
         source, static_cast<unsigned long>(measured_tsc_hz / 1000000),
         static_cast<unsigned long>(measured_lapic_hz / 1000), static_cast<unsigned long>(epoch));
}

uint64_t lapic_hz() { return measured_lapic_hz; }
uint64_t tsc_hz() { return measured_tsc_hz; }

}  // namespace x86_time
