// syscalls/sys_clone.cc - fork, vfork, clone and execve.
//
// clone's last two arguments come in a different order on the two tables
// (contract/user_abi.hh): x86_64 passes (flags, stack, ptid, ctid, tls), the generic
// table as arm64 uses it (flags, stack, ptid, tls, ctid).
#include <arch/user_abi.hh>

#include "proc/lifecycle.hh"
#include "syscalls/syscall.hh"
#include "uapi/sched.hh"
#include "uapi/signal.hh"

namespace syscalls {

Result<long> sys_fork(Args& a) {
  proc::CloneArgs c;
  c.flags = uapi::kSigChld;
  return proc::do_clone(c, a.frame);
}

Result<long> sys_vfork(Args& a) {
  proc::CloneArgs c;
  c.flags = uapi::kCloneVm | uapi::kCloneVfork | uapi::kSigChld;
  return proc::do_clone(c, a.frame);
}

Result<long> sys_clone(Args& a) {
  constexpr bool kTlsLast = arch::kSyscallTable == contract::SyscallTable::X86_64;
  proc::CloneArgs c;
  c.flags = a.a[0];
  c.stack = a.a[1];
  c.parent_tid = a.a[2];
  c.child_tid = kTlsLast ? a.a[3] : a.a[4];
  c.tls = kTlsLast ? a.a[4] : a.a[3];
  return proc::do_clone(c, a.frame);
}

Result<long> sys_execve(Args& a) {
  TRY(proc::do_execve(a.a[0], a.a[1], a.a[2], a.frame));
  a.frame_replaced = true;
  return 0;
}

}  // namespace syscalls
