// proc/exit.cc - how threads and processes end.
//
// A thread that exits wakes whoever joins it (CLONE_CHILD_CLEARTID: the word is zeroed
// and futex-woken, which is how musl's pthread_join waits), leaves its process's thread
// list and dies; the next thread to run on the CPU frees its stack. The last thread of a
// process also ends the process: its files and address space are released at once, its
// children are handed to init, and it becomes a Zombie whose only content is the wait
// status, which its parent collects (wait.cc). If the parent ignores SIGCHLD, nobody
// will collect it, so it is reaped right away. When init itself exits, the machine
// powers off with init's status: that is how a test program booted as init reports.
#include <arch/mmu.hh>
#include <arch/power.hh>

#include "kernel/panic.hh"
#include "lib/printk.hh"
#include "mm/address_space.hh"
#include "proc/cpu.hh"
#include "proc/current.hh"
#include "fs/fd_table.hh"
#include "proc/futex.hh"
#include "proc/lifecycle.hh"
#include "proc/process.hh"
#include "proc/sched.hh"
#include "proc/signal.hh"
#include "syscalls/uaccess.hh"
#include "uapi/futex.hh"
#include "uapi/wait.hh"

namespace proc {
namespace {

using namespace uapi;

// The CLD_* code and si_status that describe a wait status word.
[[maybe_unused]] void describe(int status, int* code, int* value) {
  if ((status & 0x7f) == 0) {
    *code = kCldExited;
    *value = (status >> 8) & 0xff;
  } else {
    *code = (status & 0x80) ? kCldDumped : kCldKilled;
    *value = status & 0x7f;
  }
}

[[maybe_unused]] void release_address_space(Process* p) {
  mm::AddressSpace* as = p->as;
  if (!as) return;
  p->as = nullptr;
  Cpu* cpu = this_cpu();
  if (cpu->active_as == as) {
    arch::PageTable::kernel().activate();
    cpu->active_as = nullptr;
  }
  as->put();
}

[[maybe_unused]] void release_vfork_parent(Process* p) {
  {
    ktl::SpinGuard guard(p->lock);
    if (!p->vfork_pending) return;
    p->vfork_pending = false;
  }
  p->vfork_done.wake_all();
}

// LAB 5 processes: BEGIN
// The last thread of p is leaving: release everything and leave the exit status.
void finish_process(Process* p, int status) {
  fs::FdTable* files = p->files;
  p->files = nullptr;
  if (files) files->put();
  fs::FsContext* context = p->fs_context;
  p->fs_context = nullptr;
  if (context) context->put();
  release_address_space(p);
  release_vfork_parent(p);
  if (p == init_process()) {
    int code = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f);
    printk("init exited with status %d: powering off\n", code);
    arch::Power::exit(code == 0 ? 0 : 1);
  }
  SignalActions* actions;
  bool reap_now = false;
  {
    ktl::SpinGuard tree(tree_lock);
    actions = p->actions;
    p->actions = nullptr;
    Process* init = init_process();
    p->children.for_each([&](Process* c) {
      p->children.remove(c);
      c->parent = init;
      init->children.push_back(c);
      if (c->state == ProcessState::Zombie) init->child_events.wake_all();
    });
    p->state = ProcessState::Zombie;
    p->exit_status = status;
    Process* parent = p->parent;
    KernelSigaction act = parent ? action_of(parent, kSigChld) : KernelSigaction{};
    if (parent && p->exit_signal == kSigChld &&
        (act.handler == kSigIgn || (act.flags & kSaNoCldWait))) {
      unregister_process_locked(p);
      parent->child_events.wake_all();
      reap_now = true;
    } else {
      int code, value;
      describe(status, &code, &value);
      notify_parent_locked(p, code, value);
    }
  }
  if (actions) actions->put();
  if (reap_now) process_put(p);  // the parent's claim, which nobody will collect
}

}  // namespace

void exit_thread(int status) {
  Thread* t = current_thread();
  Process* p = t->process;
  if (t->clear_child_tid && p->as) {
    (void)uaccess::UserPtr<int32_t>(t->clear_child_tid).write(0);
    futex_wake(p->as, t->clear_child_tid, 1, kFutexBitsetMatchAny);
  }
  bool last;
  {
    ktl::SpinGuard guard(p->lock);
    p->threads.remove(t);
    last = --p->live_threads == 0;
    if (last && !p->group_exiting) p->group_exit_status = status;
    status = p->group_exit_status;
  }
  if (last) finish_process(p, status);
  else p->thread_exits.wake_all();
  {
    ktl::SpinGuard guard(t->cpu->lock);
    t->state = ThreadState::Dead;
  }
  schedule();
  panic("exit_thread: a dead thread ran again");
}

void exit_group(int status) {
  Thread* t = current_thread();
  Process* p = t->process;
  {
    ktl::SpinGuard guard(p->lock);
    if (!p->group_exiting) {
      p->group_exiting = true;
      p->group_exit_status = status;
      p->stopped = false;
      p->threads.for_each([&](Thread* other) {
        if (other != t) wake_interruptible(other);
      });
    }
  }
  p->stop_events.wake_all();
  exit_thread(status);
}
// LAB 5: STUB
// }  // namespace
// void exit_thread(int) { panic("exit: not written yet (lab 5)"); }
// void exit_group(int) { panic("exit_group: not written yet (lab 5)"); }
// LAB 5: END

}  // namespace proc
