// proc/fork.cc - clone(2): new threads and new processes.
//
// With CLONE_THREAD the child is one more thread of the calling process, sharing
// everything; musl's pthread_create passes CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|
// CLONE_THREAD|CLONE_SYSVSEM|CLONE_SETTLS|CLONE_PARENT_SETTID|CLONE_CHILD_CLEARTID|
// CLONE_DETACHED. Otherwise it is a new process whose address space, descriptor table
// and signal dispositions are copies (or, with CLONE_VM/FILES/SIGHAND, shared). fork is
// clone(SIGCHLD); vfork is clone(CLONE_VM|CLONE_VFORK|SIGCHLD): the parent sleeps until
// the child execs or exits, since they share one stack. Either way the child starts from
// a copy of the caller's user registers with 0 as the system call's result.
//
// A process is counted against RLIMIT_NPROC of its real uid (root is exempt, as on
// Linux): a fork bomb gets EAGAIN instead of exhausting memory.
#include <new>

#include "lib/string.hh"
#include "mm/address_space.hh"
#include "proc/current.hh"
#include "fs/fd_table.hh"
#include "proc/lifecycle.hh"
#include "proc/process.hh"
#include "proc/sched.hh"
#include "syscalls/uaccess.hh"
#include "uapi/sched.hh"
#include "uapi/signal.hh"

namespace proc {
namespace {

using namespace uapi;

constexpr uint64_t kSupported = kCsignal | kCloneVm | kCloneFs | kCloneFiles | kCloneSighand |
                                kCloneVfork | kCloneParent | kCloneThread | kCloneSysvsem |
                                kCloneSettls | kCloneParentSettid | kCloneChildCleartid |
                                kCloneDetached | kCloneChildSettid;

void put_tid(uint64_t addr, int tid) {
  if (addr) (void)uaccess::UserPtr<int32_t>(addr).write(tid);
}

// Frees a process that never ran (its thread, if made, never ran either).
[[maybe_unused]] void discard_unborn(Process* c, Thread* t) {
  if (c->as) c->as->put();
  if (c->files) c->files->put();
  if (c->fs_context) c->fs_context->put();
  if (c->actions) c->actions->put();
  c->as = nullptr;
  c->files = nullptr;
  c->fs_context = nullptr;
  c->actions = nullptr;
  if (t) thread_reap(t);
  process_put(c);
}

ktl::Result<long> clone_thread(const CloneArgs& a, const arch::TrapFrame& frame) {
  Thread* self = current_thread();
  Process* p = self->process;
  Thread* t = TRY(thread_create_user(p, frame, 0));
  t->user_tls = (a.flags & kCloneSettls) ? a.tls : arch::Context::user_tls();
  t->blocked = self->blocked;
  if (a.flags & kCloneChildCleartid) t->clear_child_tid = a.child_tid;
  int tid = 0;
  {
    ktl::SpinGuard tree(tree_lock);
    auto id = allocate_id_locked();
    if (id.is_ok()) {
      ktl::SpinGuard guard(p->lock);
      if (!p->group_exiting) {
        tid = t->tid = id.value();
        p->threads.push_back(t);
        ++p->live_threads;
      }
    }
  }
  if (!tid) {
    thread_reap(t);
    return ktl::Errno::Again;
  }
  if (a.flags & kCloneParentSettid) put_tid(a.parent_tid, tid);
  if (a.flags & kCloneChildSettid) put_tid(a.child_tid, tid);
  sched_add(t);
  return tid;
}

// The parts of a new process that are copies or shares of the parent's.
[[maybe_unused]] ktl::Result<void> inherit(Process* c, Process* p, uint64_t flags) {
  ktl::str_copy(c->name, p->name, sizeof c->name);
  c->creds = p->creds;
  for (int i = 0; i < kRlimitCount; ++i) c->limits[i] = p->limits[i];
  c->umask = p->umask;
  if (flags & kCloneVm) {
    p->as->get();
    c->as = p->as;
  } else {
    c->as = TRY(p->as->copy_for_fork());
  }
  if (flags & kCloneFiles) {
    p->files->get();
    c->files = p->files;
  } else {
    c->files = TRY(p->files->copy());
  }
  if (flags & kCloneFs) {
    p->fs_context->get();
    c->fs_context = p->fs_context;
  } else {
    c->fs_context = TRY(p->fs_context->copy());
  }
  if (flags & kCloneSighand) {
    p->actions->refs.fetch_add(1);
    c->actions = p->actions;
  } else {
    c->actions = new (std::nothrow) SignalActions;
    if (!c->actions) return ktl::Errno::NoMem;
    ktl::SpinGuard guard(p->actions->lock);
    for (int i = 0; i < kNumSignals; ++i) c->actions->action[i] = p->actions->action[i];
  }
  return {};
}

// LAB 5 processes: BEGIN
ktl::Result<long> clone_process(const CloneArgs& a, const arch::TrapFrame& frame) {
  Thread* self = current_thread();
  Process* p = self->process;
  Process* c = new (std::nothrow) Process;
  if (!c) return ktl::Errno::NoMem;
  c->exit_signal = static_cast<int>(a.flags & kCsignal);
  if (auto r = inherit(c, p, a.flags); r.is_error()) {
    discard_unborn(c, nullptr);
    return r.error();
  }
  auto made = thread_create_user(c, frame, 0);
  if (made.is_error()) {
    discard_unborn(c, nullptr);
    return made.error();
  }
  Thread* t = made.value();
  t->user_tls = (a.flags & kCloneSettls) ? a.tls : arch::Context::user_tls();
  t->blocked = self->blocked;
  if (!(a.flags & kCloneVm)) t->altstack = self->altstack;
  if (a.flags & kCloneChildCleartid) t->clear_child_tid = a.child_tid;

  ktl::Errno failure{};
  {
    ktl::SpinGuard tree(tree_lock);
    const uapi::Rlimit& nproc = p->limits[kRlimitNproc];
    auto id = allocate_id_locked();
    if (p->creds.uid != 0 && static_cast<uint64_t>(count_processes_of_locked(p->creds.uid)) >= nproc.cur)
      failure = ktl::Errno::Again;
    else if (id.is_error())
      failure = id.error();
    else if ((a.flags & kCloneParent) && !p->parent)
      failure = ktl::Errno::Inval;
    if (failure == ktl::Errno{}) {
      c->pid = t->tid = id.value();
      c->parent = (a.flags & kCloneParent) ? p->parent : p;
      c->pgid = p->pgid;
      c->sid = p->sid;
      c->vfork_pending = (a.flags & kCloneVfork) != 0;
      c->threads.push_back(t);
      c->live_threads = 1;
      register_process_locked(c);
    }
  }
  if (failure != ktl::Errno{}) {
    discard_unborn(c, t);
    return failure;
  }
  int pid = c->pid;
  if (a.flags & kCloneParentSettid) put_tid(a.parent_tid, pid);
  if ((a.flags & kCloneChildSettid) && a.child_tid)
    (void)c->as->write_bytes(a.child_tid, &pid, sizeof(int32_t));
  if (a.flags & kCloneVfork) process_get(c);
  sched_add(t);
  if (a.flags & kCloneVfork) {
    (void)wait_event(c->vfork_done, self, [&] {
      ktl::SpinGuard guard(c->lock);
      return !c->vfork_pending;
    }, 0, false);
    process_put(c);
  }
  return pid;
}
// LAB 5: STUB
// ktl::Result<long> clone_process(const CloneArgs&, const arch::TrapFrame&) {
//   return ktl::Errno::NoSys;
// }
// LAB 5: END

}  // namespace

ktl::Result<long> do_clone(const CloneArgs& a, const arch::TrapFrame& parent_frame) {
  uint64_t f = a.flags;
  if (f & ~kSupported) return ktl::Errno::Inval;
  if ((f & kCloneThread) && !(f & kCloneSighand)) return ktl::Errno::Inval;
  if ((f & kCloneSighand) && !(f & kCloneVm)) return ktl::Errno::Inval;
  if ((f & kCsignal) > static_cast<uint64_t>(kNumSignals)) return ktl::Errno::Inval;
  arch::TrapFrame frame = parent_frame;
  arch::SyscallAbi::set_result(frame, 0);
  if (a.stack) arch::SyscallAbi::set_sp(frame, a.stack);
  return (f & kCloneThread) ? clone_thread(a, frame) : clone_process(a, frame);
}

}  // namespace proc
