// proc/process.cc - the process table, ids, and the reference counts of processes.
//
// The table is a list of every process (zombies included, until reaped); threads are
// found through their process. Ids count up from 1 and wrap at kMaxId, skipping any
// number still used as a pid, tid, process group or session id. All walks are O(n):
// enough for a teaching kernel with tens of processes (a hash can come later).
#include "proc/process.hh"

#include "kernel/panic.hh"
#include "fs/fd_table.hh"
#include "fs/file.hh"

namespace proc {
namespace {

constexpr int kMaxId = 32768;

ktl::List<Process, AllProcessesTag> all_processes;  // tree_lock
int next_id = 1;                                    // tree_lock
Process* the_init = nullptr;                        // set once

bool id_in_use_locked(int id) {
  bool used = false;
  all_processes.for_each([&](Process* p) {
    if (p->pid == id || p->pgid == id || p->sid == id) used = true;
    if (!used) {
      ktl::SpinGuard guard(p->lock);
      p->threads.for_each([&](Thread* t) {
        if (t->tid == id) used = true;
      });
    }
  });
  return used;
}

}  // namespace

ktl::SpinLock tree_lock{"process tree"};

ktl::Result<int> allocate_id_locked() {
  for (int tries = 0; tries < kMaxId; ++tries) {
    int id = next_id;
    next_id = next_id >= kMaxId ? 2 : next_id + 1;  // 1 is init's forever
    if (!id_in_use_locked(id)) return id;
  }
  return ktl::Errno::Again;
}

Process* find_process_locked(int pid) {
  Process* found = nullptr;
  all_processes.for_each([&](Process* p) {
    if (p->pid == pid) found = p;
  });
  return found;
}

Thread* find_thread_locked(int tid) {
  Thread* found = nullptr;
  all_processes.for_each([&](Process* p) {
    ktl::SpinGuard guard(p->lock);
    p->threads.for_each([&](Thread* t) {
      if (t->tid == tid) found = t;
    });
  });
  return found;
}

void register_process_locked(Process* p) {
  all_processes.push_back(p);
  if (p->parent) p->parent->children.push_back(p);
}

void unregister_process_locked(Process* p) {
  all_processes.remove(p);
  if (p->parent) p->parent->children.remove(p);
  p->parent = nullptr;
}

bool group_exists_locked(int pgid, int sid) {
  bool found = false;
  all_processes.for_each([&](Process* p) {
    if (p->state == ProcessState::Alive && p->pgid == pgid && p->sid == sid) found = true;
  });
  return found;
}

int count_processes_of_locked(uint32_t uid) {
  int n = 0;
  all_processes.for_each([&](Process* p) {
    if (p->state == ProcessState::Alive && p->creds.uid == uid) ++n;
  });
  return n;
}

ktl::List<Process, AllProcessesTag>& all_processes_locked() { return all_processes; }

Process* init_process() { return the_init; }
void set_init_process(Process* p) { the_init = p; }

void process_get(Process* p) { p->refs.fetch_add(1); }

void process_put(Process* p) {
  if (p->refs.fetch_sub(1) != 1) return;
  KASSERT(p->live_threads == 0 && !p->as && !p->files && !p->fs_context && !p->actions);
  delete p;
}

}  // namespace proc
