// proc/signal.hh - sending signals, and acting on them on the way back to user mode.
//
// A signal is *sent* to a process (kill: any of its threads may take it) or to one
// thread (tgkill, and faults, which must hit the thread that faulted). Sending only
// marks it pending and wakes a thread that can take it; the thread *acts* on it in
// handle_signals(), the last thing before it returns to user mode: run the handler
// (push a frame, signal_frame.cc), or the default action - terminate (also for "core"
// signals: SeaOS writes no core files, the status says core), ignore, stop the whole
// process, or continue it. SIGKILL and SIGSTOP cannot be caught, blocked or ignored.
// SIGCONT continues a stopped process when it is sent, whatever its disposition.
#pragma once

#include <arch/context.hh>
#include <stdint.h>

#include "lib/result.hh"
#include "proc/signal_state.hh"

namespace proc {

struct Process;
struct Thread;

enum class DefaultAction : uint8_t { Terminate, Core, Ignore, Stop, Continue };
DefaultAction default_action(int sig);
constexpr bool valid_signal(int sig) { return sig >= 1 && sig <= uapi::kNumSignals; }

// The disposition of `sig` in p (a copy, taken under the actions lock).
uapi::KernelSigaction action_of(Process* p, int sig);

// Marks sig pending for process p / thread t and wakes a thread to take it.
// tree_lock held (stop/continue notify the parent).
void send_to_process_locked(Process* p, int sig, const SigRecord& info);
void send_to_thread_locked(Thread* t, int sig, const SigRecord& info);
// A synchronous fault of the current thread: delivered even when blocked or ignored
// (then with the default action), like Linux's force_sig. Takes tree_lock.
void force_signal_current(int sig, const SigRecord& info);

// True when t must act on something before it may sleep: a deliverable signal, a
// group exit or a group stop.
bool has_deliverable_signal(Thread* t);

// The return-to-user work of the current thread: reschedule if asked, then at most one
// signal delivered (or a stop waited out, or the thread exits), and the restart of an
// interrupted system call.
void handle_signals(arch::TrapFrame& frame);

// Tells p's parent that p exited, stopped or continued: its exit signal (SIGCHLD) and a
// wake-up of wait4 sleepers. tree_lock held.
void notify_parent_locked(Process* p, int code, int status);

// signal_frame.cc: pushes the handler's frame (false: the stack is unusable) and undoes
// it at rt_sigreturn (Errors: Fault, after which the thread gets SIGSEGV).
bool push_signal_frame(Thread* t, arch::TrapFrame& frame, int sig,
                       const uapi::KernelSigaction& act, const SigRecord& info);
ktl::Result<void> pop_signal_frame(Thread* t, arch::TrapFrame& frame);
// MINSIGSTKSZ of this architecture's ABI (sigaltstack's lower bound).
size_t min_signal_stack_size();

}  // namespace proc
