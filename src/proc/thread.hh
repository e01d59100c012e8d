// proc/thread.hh - a thread: what the scheduler runs.
//
// A Thread is a kernel stack, the registers switch_to saves (ThreadContext), the user's
// FPU state and thread pointer while it is not running, and its place in the scheduler's
// lists. A user thread belongs to a Process (and is counted in its threads list); a
// kernel thread (the idle thread) has none. Threads never migrate between CPUs yet.
//
// Lifetime: created New by thread_create_*, made Runnable by sched_add, Running when
// chosen, Sleeping in a wait, Dead after thread_exit. A Dead thread cannot free its own
// stack (it is running on it), so the next thread to run on its CPU frees it
// (finish_switch -> thread_reap).
#pragma once

#include <arch/context.hh>
#include <stdint.h>

#include "lib/list.hh"
#include "lib/result.hh"
#include "proc/signal_state.hh"
#include "uapi/signal.hh"

namespace proc {

struct Process;
struct Cpu;
class WaitQueue;
struct RunQueueTag;
struct WaitTag;
struct TimerTag;
struct ThreadListTag;

enum class ThreadState : uint8_t { New, Running, Runnable, Sleeping, Dead };

struct Thread : ktl::ListLink<RunQueueTag>,
                ktl::ListLink<WaitTag>,
                ktl::ListLink<TimerTag>,
                ktl::ListLink<ThreadListTag> {
  int tid = 0;                  // fixed; the pid of a process's first thread
  Process* process = nullptr;   // fixed; nullptr for kernel threads
  char name[16] = {};

  // Scheduling (guarded by cpu->lock).
  Cpu* cpu = nullptr;
  ThreadState state = ThreadState::New;
  bool interruptible = false;   // a signal may end this Sleeping thread's wait
  bool timed_out = false;       // the sleep ended because its deadline passed
  uint64_t deadline_ns = 0;     // while Sleeping: wake by then (0: no deadline)
  int slice = 0;                // ticks left before preemption

  // Saved while not running (the scheduler's, cpu->lock or this thread itself).
  arch::ThreadContext context{};
  arch::FpuState fpu{};
  uint64_t user_tls = 0;
  uintptr_t kstack_base = 0, kstack_top = 0;
  arch::TrapFrame start_frame{};  // user registers of a new thread's first entry
  void (*kernel_entry)(void*) = nullptr;  // kernel threads: what to run
  void* kernel_arg = nullptr;

  WaitQueue* waiting_on = nullptr;  // guarded by that queue's lock

  // Signals (pending: process->lock; the others only this thread writes).
  PendingSignals pending;
  uapi::SigSet blocked = 0;
  uapi::StackT altstack{0, uapi::kSsDisable, 0, 0};
  int restart = 0;              // the last system call asked to be restarted (restart.hh)
  uapi::SigSet saved_blocked = 0;  // rt_sigsuspend: the mask to restore after a handler
  bool restore_saved_blocked = false;

  uint64_t clear_child_tid = 0;  // CLONE_CHILD_CLEARTID / set_tid_address (this thread)
};

// A user thread of `process` that enters user mode with registers `frame` (its
// start_frame). Not yet runnable and not yet in process->threads. Errors: NoMem.
ktl::Result<Thread*> thread_create_user(Process* process, const arch::TrapFrame& frame, int tid);
// Frees the stack and the Thread of a Dead thread that is not running (sched.cc calls it).
void thread_reap(Thread* t);

}  // namespace proc
