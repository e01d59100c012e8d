// proc/process.hh - a process: an address space, files, signal dispositions, identity,
// and the threads that run in it; and the process tree that links them.
//
// pid is the tid of the process's first thread; pids and tids come from one counter.
// Every process but init has a parent; when a process dies its children go to init,
// which reaps them. A dead process stays a Zombie, holding only its exit status, until
// its parent collects it with wait4/waitid.
//
// Locking:
//   tree_lock (one, global): parent/children links, every pgid/sid, the process and
//     thread tables, state/exit_status/stop reports of every process. Taken first.
//   Process::lock: the thread list, the shared pending signals, group exit and group
//     stop of this process, and the pending sets of its threads.
//   Order: tree_lock -> Process::lock -> WaitQueue locks -> Cpu::lock.
// References: the parent's claim (until reaped) and each thread hold a reference to the
// Process struct (refs); the last process_put frees it.
#pragma once

#include <stdint.h>

#include "lib/atomic.hh"
#include "lib/list.hh"
#include "lib/spinlock.hh"
#include "proc/signal_state.hh"
#include "proc/thread.hh"
#include "proc/wait_queue.hh"
#include "uapi/resource.hh"

namespace mm {
class AddressSpace;
}
namespace fs {
class FdTable;
struct FsContext;
}  // namespace fs

namespace proc {

struct ChildTag;
struct AllProcessesTag;

enum class ProcessState : uint8_t { Alive, Zombie };

struct Credentials {
  uint32_t uid = 0, euid = 0, suid = 0;
  uint32_t gid = 0, egid = 0, sgid = 0;
};

struct Process : ktl::ListLink<ChildTag>, ktl::ListLink<AllProcessesTag> {
  int pid = 0;                            // fixed
  char name[16] = {};                     // the program's file name (exec sets it)
  ktl::Atomic<int> refs{1};               // see above

  // tree_lock
  Process* parent = nullptr;
  ktl::List<Process, ChildTag> children;
  int pgid = 0, sid = 0;
  ProcessState state = ProcessState::Alive;
  int exit_status = 0;                    // wait status word once Zombie
  int exit_signal = uapi::kSigChld;       // sent to the parent at exit (clone's CSIGNAL)
  int stop_report = 0;                    // a stop/continue wait status not yet reported

  // lock
  ktl::SpinLock lock{"process"};
  ktl::List<Thread, ThreadListTag> threads;
  int live_threads = 0;
  bool group_exiting = false;             // exit_group or a fatal signal: threads exit
  int group_exit_status = 0;
  bool stopped = false;                   // group stop (SIGSTOP...) in force
  Thread* exec_survivor = nullptr;        // execve in progress: every other thread exits
  PendingSignals shared_pending;

  // Owned by the process's threads; replaced only while single-threaded (exec).
  mm::AddressSpace* as = nullptr;
  fs::FdTable* files = nullptr;           // shared by CLONE_FILES
  fs::FsContext* fs_context = nullptr;    // cwd and root; shared by CLONE_FS
  SignalActions* actions = nullptr;
  Credentials creds;                      // written by setuid/setgid (own threads)
  uapi::Rlimit limits[uapi::kRlimitCount] = {};
  uint32_t umask = 022;
  bool execed = false;                    // setpgid on a child that has exec'd: EACCES

  WaitQueue child_events{"child events"};  // wait4/waitid sleep here
  WaitQueue stop_events{"group stop"};     // stopped threads sleep here
  WaitQueue vfork_done{"vfork"};           // a vfork parent sleeps here
  WaitQueue thread_exits{"thread exits"};  // execve waits here for the other threads
  bool vfork_pending = false;              // vfork_done's lock: the parent still waits
};

extern ktl::SpinLock tree_lock;

// The process with this pid / the thread with this tid, or nullptr (tree_lock held).
Process* find_process_locked(int pid);
Thread* find_thread_locked(int tid);
// Registers a new process in the table and with its parent (tree_lock held).
void register_process_locked(Process* p);
// Removes a reaped zombie from the tables and its parent (tree_lock held).
void unregister_process_locked(Process* p);
// A fresh id for a thread or process. Errors: Again (every id in use).
ktl::Result<int> allocate_id_locked();
// Calls fn(Process*) for every process, zombies included (tree_lock held).
template <class Fn>
void for_each_process_locked(Fn fn);
// True when some live process has process group pgid in session sid (tree_lock held).
bool group_exists_locked(int pgid, int sid);
// Process count owned by real uid `uid` (RLIMIT_NPROC), tree_lock held.
int count_processes_of_locked(uint32_t uid);
// The first process (init), once started.
Process* init_process();
void set_init_process(Process* p);

ktl::List<Process, AllProcessesTag>& all_processes_locked();
template <class Fn>
void for_each_process_locked(Fn fn) {
  all_processes_locked().for_each(fn);
}

void process_get(Process* p);
void process_put(Process* p);

}  // namespace proc
