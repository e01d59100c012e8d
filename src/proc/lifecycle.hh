// proc/lifecycle.hh - the life of processes and threads: start, fork/clone, exec, exit,
// wait. One header for the operations the system calls and the signal code need.
#pragma once

#include <arch/context.hh>
#include <contract/boot.hh>
#include <stdint.h>

#include "lib/result.hh"

namespace proc {

struct Process;

// clone(2) and its fork/vfork special cases. `frame` is the caller's user registers,
// which the child starts from (with 0 as the call's result, and `stack` as its stack
// pointer when not 0). Returns the child's tid (= pid for a new process).
// Errors: Inval (flags), Again (RLIMIT_NPROC, no ids), NoMem.
struct CloneArgs {
  uint64_t flags = 0;
  uint64_t stack = 0;
  uint64_t parent_tid = 0;  // CLONE_PARENT_SETTID: where to store the child's tid
  uint64_t child_tid = 0;   // CLONE_CHILD_SETTID / CLONE_CHILD_CLEARTID
  uint64_t tls = 0;         // CLONE_SETTLS
};
ktl::Result<long> do_clone(const CloneArgs& args, const arch::TrapFrame& frame);

// execve: replaces the current process's program. On success the frame enters the new
// program. Errors: NoEnt, NoExec, TooBig, Fault, NoMem, NameTooLong.
ktl::Result<void> do_execve(uint64_t path, uint64_t argv, uint64_t envp, arch::TrapFrame& frame);

// The current thread leaves with `status` (a wait status word) as the process's status
// if it is the last thread. Never returns.
[[noreturn]] void exit_thread(int status);
// Every thread of the current process leaves; the process's status is `status`.
[[noreturn]] void exit_group(int status);

// wait4/waitid. `idtype`/`id` select children (uapi kP*), options are uapi kW* flags.
struct WaitResult {
  int pid = 0;      // 0: WNOHANG and nothing to report
  int status = 0;   // wait status word (wait4)
  int code = 0;     // si_code CLD_* (waitid)
  int value = 0;    // si_status: exit code or signal (waitid)
  uint32_t uid = 0;
};
ktl::Result<WaitResult> do_wait(int idtype, int id, int options);

// Starts the first process from the initrd when the command line asks for it
// (`init=<path> [args]`, or a bare `init` for /sbin/init) and becomes the idle thread;
// returns (and the monitor runs) when there is nothing to start or it cannot be loaded.
void start_init(const boot::Info& info);

}  // namespace proc
