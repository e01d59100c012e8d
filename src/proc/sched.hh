// proc/sched.hh - the scheduler: which thread runs on this CPU, and when it stops.
//
// Round robin over a per-CPU run queue, preemptive: the timer tick (kTickHz) counts down
// the running thread's slice and asks for a reschedule, which happens on the thread's
// next return to user mode (kernel_entry::return_to_user_hook). Kernel code is never
// preempted; it gives up the CPU only by sleeping (wait_queue.hh) or exiting. When no
// thread is runnable, the CPU's idle thread waits for an interrupt.
#pragma once

#include <stdint.h>

namespace proc {

struct Thread;
struct Cpu;

inline constexpr unsigned kTickHz = 100;
inline constexpr int kSliceTicks = 2;  // 20 ms

// Makes the running boot context CPU 0's idle thread and registers CPU 0's block with
// arch::PerCpu. Once, before any other function here.
void sched_init_boot_cpu();
// The boot CPU's idle loop; starts the tick first. Never returns.
[[noreturn]] void sched_run_idle();

// A New thread becomes Runnable on this CPU.
void sched_add(Thread* t);
// Gives up the CPU. The caller has set its state: Running (yield, preemption: it is
// queued again), Sleeping (via WaitQueue::prepare) or Dead (it never runs again).
void schedule();
// Sleeping -> Runnable (any CPU, any context). Returns false if t was not Sleeping.
bool wake(Thread* t);
// The same, only for a thread in an interruptible sleep (signals use it).
bool wake_interruptible(Thread* t);

// Sleep bookkeeping used by wait_queue.cc (cpu->lock taken inside).
void sched_prepare_sleep(Thread* t, bool interruptible);
void sched_set_deadline(Thread* t, uint64_t deadline_ns);
void sched_cancel_sleep(Thread* t);
bool sched_timed_out(Thread* t);

// The timer interrupt (interrupts off): wakes sleepers whose deadline passed and
// charges the running thread's slice.
void sched_tick();
// True when this CPU should reschedule before returning to user mode.
bool sched_need_resched();

// Where a new user thread starts (Context::init_kernel_thread's entry): finishes the
// switch that brought it here and enters user mode with its start_frame.
[[noreturn]] void thread_start_user(void* thread);

}  // namespace proc
