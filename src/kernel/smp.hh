// kernel/smp.hh - the arch-independent side of SMP: start-up and cross-CPU calls.
//
// smp::start asks the arch (arch::Smp, contract/smp.hh) to start every CPU boot::Info
// lists and reports how many came up. Each secondary CPU runs
// kernel_entry::secondary_main (kernel/smp.cc): it marks itself online, starts its tick
// and idles with interrupts on. It takes no threads yet: per-CPU scheduling comes later.
//
// smp::call_on runs a function on another CPU through its one-slot mailbox and the
// CallFunction IPI.
#pragma once

#include <contract/boot.hh>
#include <stdint.h>

#include "lib/result.hh"

namespace smp {

// Starts the other CPUs and prints "smp: N of M CPUs online". Once, on the boot CPU,
// after mmu_init (paging, APICs/GIC and the clock are up), interrupts off.
void start(const boot::Info& info);

// CPUs that are running (the boot CPU included) and whether CPU `index` is one of them.
uint32_t online_count();
bool is_online(uint32_t index);

// Runs fn(arg) on CPU `cpu`, in its interrupt handler (interrupts off: fn must be
// short and must not sleep). With `wait`, returns once fn has returned there. On this
// CPU, calls fn directly. While waiting, this CPU still serves its own mailbox, so two
// CPUs calling each other do not deadlock. Errors: Inval (no such CPU, not online).
[[nodiscard]] ktl::Result<void> call_on(uint32_t cpu, void (*fn)(void*), void* arg, bool wait);

// test=ipi (kernel/smp_selftest.cc): call_on every other online CPU, check where it ran.
bool selftest_ipi();

}  // namespace smp
