// proc/cpu.hh - the scheduler's per-CPU block: run queue, timers, the running thread.
//
// Each CPU has one Cpu, registered with arch::PerCpu::set() when the CPU starts
// scheduling (sched_start), so this_cpu() is one register read away and no code needs
// a global "current" variable. There is one CPU today; with SMP each CPU gets its own
// block and work stealing moves threads between the queues.
//
// Locking: `lock` guards the run queue, the sleeper list and the scheduling fields of
// every thread whose `cpu` is this one (state, slice, deadline). It is taken with
// interrupts off (the tick takes it too) and is held across the context switch itself:
// the thread switched to releases it (finish_switch in sched.cc).
#pragma once

#include <arch/context.hh>
#include <stdint.h>

#include "lib/list.hh"
#include "lib/spinlock.hh"

namespace mm {
class AddressSpace;
}

namespace proc {

struct Thread;
struct RunQueueTag;
struct TimerTag;

struct Cpu {
  unsigned index = 0;
  ktl::SpinLock lock{"run queue"};
  Thread* current = nullptr;                  // written by this CPU only, lock held
  Thread* idle = nullptr;                     // fixed once started
  ktl::List<Thread, RunQueueTag> run_queue;   // lock; Runnable threads, FIFO
  ktl::List<Thread, TimerTag> sleepers;       // lock; Sleeping with a deadline, sorted
  bool need_resched = false;                  // lock (set by tick and wake-ups)
  Thread* switched_from = nullptr;            // lock; hand-off across switch_to
  mm::AddressSpace* active_as = nullptr;      // this CPU only: the user table loaded
  uint64_t ticks = 0;                         // lock
};

inline Cpu* this_cpu() { return static_cast<Cpu*>(arch::PerCpu::get()); }

}  // namespace proc
