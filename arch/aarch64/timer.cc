// arch/aarch64/timer.cc - the Arm generic timer: the clock, the tick and the RTC.
//
// Every CPU has the same system counter, CNTVCT_EL0 (the virtual count; EL2 set its
// offset to zero, el2.S), ticking at CNTFRQ_EL0 Hz - 62.5 MHz on QEMU. now_ns()
// (arch/context.hh) scales it with a multiplier computed here, so it needs no division
// and works from the first line of kernel_main.
//
// The tick is each CPU's EL1 virtual timer: CNTV_CVAL_EL0 is the count at which it
// fires, a per-CPU interrupt (PPI 27 on QEMU, from the device tree's /timer) that the
// GIC delivers to that CPU alone. Each tick moves the deadline on by exactly one
// interval, so ticks do not drift: after a stall (interrupts off, or QEMU's thread not
// running on a busy host) the late ticks follow back to back until the count has caught
// up with the clock. Only a stall of more than kMaxLagSeconds drops the missed ticks.
//
// The PL031 RTC's data register counts seconds since 1970: read once at boot.
#include <arch/context.hh>
#include <arch/cpu.hh>
#include <arch/irq.hh>

#include "gic.hh"
#include "lib/printk.hh"
#include "mmio.hh"
#include "platform.hh"
#include "timer_internal.hh"

namespace arch {

ClockScale clock_scale;

namespace {

constexpr uint64_t kCntvCtlEnable = 1, kCntvCtlMask = 2;
constexpr uint64_t kMaxLagSeconds = 1;

uint64_t frequency = 0;             // CNTFRQ (or /timer clock-frequency); set at boot
void (*tick_override)() = nullptr;  // set by a self-test on the boot CPU only...
const CpuLocal* tick_override_cpu = nullptr;  // ...and only that CPU's ticks go to it

uint64_t count() {
  uint64_t c;
  __asm__ volatile("isb\n\tmrs %0, cntvct_el0" : "=r"(c) : : "memory");
  return c;
}

void set_deadline(uint64_t cval) { __asm__ volatile("msr cntv_cval_el0, %0" : : "r"(cval)); }
uint64_t deadline() {
  uint64_t c;
  __asm__ volatile("mrs %0, cntv_cval_el0" : "=r"(c));
  return c;
}
void set_control(uint64_t ctl) { __asm__ volatile("msr cntv_ctl_el0, %0\n\tisb" : : "r"(ctl)); }

// The timer interrupt (interrupts off, on the CPU whose timer fired).
void on_tick(void*) {
  CpuLocal* local = cpu_local();
  if (!local->tick_interval) {  // stopped meanwhile
    set_control(kCntvCtlMask);
    return;
  }
  uint64_t next = deadline() + local->tick_interval;
  uint64_t now = count();
  if (next + kMaxLagSeconds * frequency < now) next = now + local->tick_interval;
  set_deadline(next);  // also clears the interrupt condition
  ++local->ticks;
  if (tick_override && local == tick_override_cpu)
    tick_override();
  else if (PerCpu::get())  // a CPU without a scheduler block (an idle secondary) has no hook
    kernel_entry::timer_tick();
}

}  // namespace

void timer_init_clock() {
  uint64_t f;
  __asm__ volatile("mrs %0, cntfrq_el0" : "=r"(f));
  if (f == 0) f = platform.timer_frequency;
  if (f == 0) f = 62500000;  // unset by firmware and not in the device tree: QEMU's
  frequency = f;
  clock_scale.mult = (1000000000ull << 32) / f;
  clock_scale.boot_count = count();
}

uint64_t timer_frequency() { return frequency; }

void timer_read_rtc() {
  if (!platform.rtc_phys) return;
  auto rtc = mmio::map(platform.rtc_phys, 0x1000);
  if (rtc.is_error()) return;
  uint64_t seconds = *reinterpret_cast<volatile uint32_t*>(rtc.value());  // RTCDR
  clock_scale.realtime_at_boot_ns = seconds * 1000000000ull - Timer::now_ns();
}

void timer_stop_tick() {
  set_control(kCntvCtlMask);
  cpu_local()->tick_interval = 0;
}

void timer_set_tick_override(void (*tick)()) {
  tick_override_cpu = cpu_local();
  tick_override = tick;
}

// Starts this CPU's tick at `hz` (>= 1): arms the virtual timer one interval from now
// and unmasks its interrupt in the GIC for this CPU.
void Timer::start_tick(unsigned hz) {
  if (hz == 0) hz = 1;
  uintptr_t flags = Cpu::irq_save();
  CpuLocal* local = cpu_local();
  local->tick_interval = frequency / hz ? frequency / hz : 1;
  set_deadline(count() + local->tick_interval);
  set_control(kCntvCtlEnable);
  // The first CPU routes the PPI to on_tick; the others find it routed (Busy) and only
  // unmask their own copy.
  auto attached = Irq::attach(platform.timer_irq, on_tick, nullptr);
  if (attached.is_error() && attached.error() == ktl::Errno::Busy)
    gic::set_enabled(platform.timer_irq, true);
  else if (attached.is_error())
    log_error("timer: cannot route interrupt %u: %s\n", platform.timer_irq,
              ktl::errno_name(attached.error()));
  Cpu::irq_restore(flags);
}

}  // namespace arch
