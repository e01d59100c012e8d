// arch/cpu_local.hh (x86_64) - what the arch keeps per CPU, found through %gs.
//
// While a CPU runs kernel code its GS base points at its own CpuLocal, so `%gs:offset`
// reads a field in one instruction - which the syscall entry needs before it has a
// stack or a free register. User code has its own GS base (normally 0); the two are
// exchanged by `swapgs` on every entry from and exit to user mode, and the inactive
// one waits in MSR KERNEL_GS_BASE.
//
// The first words have fixed offsets (the assembly uses them; static_asserts below pin
// them). `kernel` is the kernel's per-CPU pointer (arch::PerCpu). Only the owning CPU
// writes its CpuLocal, with interrupts off where an interrupt handler reads the same
// field (the tick), so no lock is needed.
#pragma once

#define CPU_LOCAL_SELF 0
#define CPU_LOCAL_KERNEL 8
#define CPU_LOCAL_KERNEL_STACK 16
#define CPU_LOCAL_USER_RSP 24

#ifndef __ASSEMBLY__
#include <contract/boot.hh>
#include <stddef.h>
#include <stdint.h>

namespace arch {

struct CpuLocal {
  CpuLocal* self = nullptr;        // %gs:0 -> this block's address
  void* kernel = nullptr;          // arch::PerCpu::get()
  uintptr_t kernel_stack_top = 0;  // Context::set_kernel_stack(): syscall entry's stack
  uintptr_t user_rsp = 0;          // scratch: the user's RSP during the syscall entry
  uint32_t index = 0;              // 0 .. cpu_count-1, boot CPU first (boot::Info order)
  uint32_t apic_id = 0;            // local APIC id
  uint64_t ticks = 0;              // timer interrupts taken on this CPU
  uint32_t tick_hz = 0;            // 0: no periodic tick
};

static_assert(offsetof(CpuLocal, self) == CPU_LOCAL_SELF);
static_assert(offsetof(CpuLocal, kernel) == CPU_LOCAL_KERNEL);
static_assert(offsetof(CpuLocal, kernel_stack_top) == CPU_LOCAL_KERNEL_STACK);
static_assert(offsetof(CpuLocal, user_rsp) == CPU_LOCAL_USER_RSP);

// One per CPU, indexed like boot::Info::cpu_hwid (context/context.cc). Reach your own
// through cpu_local(); the array itself is for SMP start-up and debuggers (`sea cpus`).
extern CpuLocal cpu_locals[boot::kMaxCpus];

[[gnu::always_inline]] inline CpuLocal* cpu_local() {
  CpuLocal* local;
  __asm__ volatile("mov %%gs:0, %0" : "=r"(local));
  return local;
}

// Points this CPU's GS base at cpu_locals[index] (KERNEL_GS_BASE, the user's, at 0) and
// fills in its identity. Once per CPU, before anything reads cpu_local().
void cpu_local_init(uint32_t index, uint32_t apic_id);

}  // namespace arch
#endif
