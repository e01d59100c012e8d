// mm/cpu_pin.hh - keeping to one CPU while using its per-CPU allocator state (kernel only).
//
// The page caches and, later, other per-CPU state are indexed by "the CPU I am on". That
// answer is only stable while nothing can move us or interrupt us into the same state, so
// mm's kernel entry points hold a CpuPin: interrupts off (saved and restored) for the
// duration of the call, and the CPU index read once under that protection.
#pragma once

#include <stdint.h>

#include <arch/cpu.hh>

namespace mm {

// The index (0 .. cpu_count-1, boot CPU first) of the CPU running this code.
// There is one CPU until SMP start-up exists; then this reads the per-CPU block (the
// arch's per-CPU pointer: %gs on x86_64, TPIDR_EL1 on aarch64). Interrupts must be off.
inline unsigned current_cpu_index() { return 0; }

class [[nodiscard]] CpuPin {
 public:
  CpuPin() : saved_(arch::Cpu::irq_save()), cpu_(current_cpu_index()) {}
  ~CpuPin() { arch::Cpu::irq_restore(saved_); }
  CpuPin(const CpuPin&) = delete;
  CpuPin& operator=(const CpuPin&) = delete;

  unsigned cpu() const { return cpu_; }

 private:
  uintptr_t saved_;
  unsigned cpu_;
};

}  // namespace mm
