// syscalls/sys_process.cc - identity and the end of processes: getpid and friends,
// exit, wait4/waitid, set_tid_address, process groups and sessions.
#include "proc/current.hh"
#include "proc/lifecycle.hh"
#include "proc/process.hh"
#include "proc/thread.hh"
#include "syscalls/syscall.hh"
#include "syscalls/uaccess.hh"
#include "uapi/signal.hh"
#include "uapi/wait.hh"

namespace syscalls {
namespace {

using proc::Process;

constexpr size_t kRusageSize = 144;  // struct rusage: 2 timevals + 14 longs

// The process `pid` names for setpgid/getpgid/getsid (0: the caller), tree_lock held.
Process* target_locked(int pid) {
  return pid == 0 ? proc::current_process() : proc::find_process_locked(pid);
}

}  // namespace

// LAB 4 syscalls: BEGIN
Result<long> sys_getpid(Args&) { return proc::current_process()->pid; }

Result<long> sys_exit(Args& a) { proc::exit_thread(uapi::wait_status_exited(a.i32(0))); }

Result<long> sys_exit_group(Args& a) { proc::exit_group(uapi::wait_status_exited(a.i32(0))); }
// LAB 4: STUB
// Result<long> sys_getpid(Args&) { return Errno::NoSys; }
// Result<long> sys_exit(Args&) { return Errno::NoSys; }
// Result<long> sys_exit_group(Args&) { return Errno::NoSys; }
// LAB 4: END

Result<long> sys_getppid(Args&) {
  ktl::SpinGuard tree(proc::tree_lock);
  Process* parent = proc::current_process()->parent;
  return parent ? parent->pid : 0;
}

Result<long> sys_gettid(Args&) { return proc::current_thread()->tid; }

Result<long> sys_set_tid_address(Args& a) {
  proc::current_thread()->clear_child_tid = a.a[0];
  return proc::current_thread()->tid;
}

// Robust futex lists are only read when a thread dies holding a robust mutex; musl
// registers one for robust mutexes only. Accepted and ignored for now.
Result<long> sys_set_robust_list(Args& a) {
  if (a.a[1] != 24) return Errno::Inval;  // sizeof(struct robust_list_head)
  return 0;
}

Result<long> sys_wait4(Args& a) {
  int pid = a.i32(0);
  int options = a.i32(2) | uapi::kWExited;
  int idtype = pid < -1 ? uapi::kPPgid : pid == -1 ? uapi::kPAll
               : pid == 0 ? uapi::kPPgid : uapi::kPPid;
  int id = pid < -1 ? -pid : pid == 0 ? 0 : pid;
  if (a.i32(2) & uapi::kWExited) return Errno::Inval;  // not a wait4 option
  proc::WaitResult r = TRY(proc::do_wait(idtype, id, options));
  if (r.pid && a.a[1]) TRY(uaccess::UserPtr<int32_t>(a.a[1]).write(r.status));
  if (r.pid && a.a[3]) {
    static const uint8_t zero[kRusageSize] = {};
    TRY(uaccess::copy_to_user(a.a[3], zero, sizeof zero));
  }
  return r.pid;
}

Result<long> sys_waitid(Args& a) {
  int idtype = a.i32(0), id = a.i32(1);
  if (idtype < uapi::kPAll || idtype > uapi::kPPgid) return Errno::Inval;
  proc::WaitResult r = TRY(proc::do_wait(idtype, id, a.i32(3)));
  if (a.a[2]) {
    uapi::SigInfo info{};
    if (r.pid) {
      info.signo = uapi::kSigChld;
      info.code = r.code;
      info.proc.pid = r.pid;
      info.proc.uid = r.uid;
      info.proc.status = r.value;
    }
    TRY(uaccess::UserPtr<uapi::SigInfo>(a.a[2]).write(info));
  }
  return 0;
}

Result<long> sys_setpgid(Args& a) {
  int pid = a.i32(0), pgid = a.i32(1);
  if (pgid < 0) return Errno::Inval;
  ktl::SpinGuard tree(proc::tree_lock);
  Process* self = proc::current_process();
  Process* p = target_locked(pid);
  if (!p || (p != self && p->parent != self)) return Errno::Srch;
  if (p != self && p->execed) return Errno::Acces;
  if (p->sid != self->sid || p->pid == p->sid) return Errno::Perm;
  if (pgid == 0) pgid = p->pid;
  if (pgid != p->pid && !proc::group_exists_locked(pgid, self->sid)) return Errno::Perm;
  p->pgid = pgid;
  return 0;
}

Result<long> sys_getpgid(Args& a) {
  ktl::SpinGuard tree(proc::tree_lock);
  Process* p = target_locked(a.i32(0));
  if (!p) return Errno::Srch;
  return p->pgid;
}

Result<long> sys_getpgrp(Args&) {
  ktl::SpinGuard tree(proc::tree_lock);
  return proc::current_process()->pgid;
}

Result<long> sys_setsid(Args&) {
  ktl::SpinGuard tree(proc::tree_lock);
  Process* self = proc::current_process();
  if (self->pgid == self->pid) return Errno::Perm;  // a group leader cannot
  self->sid = self->pgid = self->pid;
  return self->sid;
}

Result<long> sys_getsid(Args& a) {
  ktl::SpinGuard tree(proc::tree_lock);
  Process* p = target_locked(a.i32(0));
  if (!p) return Errno::Srch;
  return p->sid;
}

}  // namespace syscalls
