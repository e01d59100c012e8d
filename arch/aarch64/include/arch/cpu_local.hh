// arch/cpu_local.hh (aarch64) - what the arch keeps per CPU, found through TPIDR_EL1.
//
// Each CPU's TPIDR_EL1 points at its own CpuLocal from the moment it enters the kernel
// (boot.cc for the boot CPU; SMP start-up for the others). Its first word is the
// kernel's per-CPU pointer (arch::PerCpu), so that costs one load more than a bare
// register; the rest is the arch's: which CPU this is, the kernel stack the next entry
// from user mode lands on, and the tick. Only the owning CPU writes its CpuLocal, with
// interrupts off where an interrupt handler reads the same field (the tick), so no
// lock is needed.
#pragma once

#include <stdint.h>

#include <contract/boot.hh>

namespace arch {

struct CpuLocal {
  void* kernel = nullptr;          // arch::PerCpu::get(); must stay first
  uint32_t index = 0;              // 0 .. cpu_count-1, boot CPU first (boot::Info order)
  uint64_t hwid = 0;               // MPIDR_EL1 affinity
  uintptr_t kernel_stack_top = 0;  // Context::set_kernel_stack(); 0 = none recorded
  uint64_t tick_interval = 0;      // counter ticks between timer interrupts; 0 = no tick
  uint64_t ticks = 0;              // timer interrupts taken on this CPU
};

extern CpuLocal cpu_locals[boot::kMaxCpus];

[[gnu::always_inline]] inline CpuLocal* cpu_local() {
  CpuLocal* local;
  __asm__ volatile("mrs %0, tpidr_el1" : "=r"(local));
  return local;
}

// Points TPIDR_EL1 at cpu_locals[index] and fills in its identity (once per CPU).
void cpu_local_init(uint32_t index);

}  // namespace arch
