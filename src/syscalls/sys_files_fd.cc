// syscalls/sys_files_fd.cc - close, dup, dup2, dup3, fcntl, ioctl, pipe, pipe2.
//
// Descriptors live in the caller's fs::FdTable; fs/syscalls_fd.cc has the rules. What is
// left here is the ABI: F_GETFL/F_SETFL and pipe2's flags in this architecture's open
// flag numbering, and copying the two pipe descriptors out.
#include <arch/user_abi.hh>

#include "syscalls/files.hh"
#include "syscalls/uaccess.hh"
#include "uapi/misc.hh"

namespace syscalls {

Result<long> sys_close(Args& a) { return fs::do_close(caller(), a.i32(0)); }
Result<long> sys_dup(Args& a) { return fs::do_dup(caller(), a.i32(0)); }
Result<long> sys_dup2(Args& a) { return fs::do_dup2(caller(), a.i32(0), a.i32(1)); }

Result<long> sys_dup3(Args& a) {
  uint32_t flags = fs::open_flags_from_user(a.u32(2), arch::kOpenFlags);
  return fs::do_dup3(caller(), a.i32(0), a.i32(1), flags);
}

Result<long> sys_fcntl(Args& a) {
  int cmd = a.i32(1);
  uint64_t arg = a.a[2];
  if (cmd == uapi::kFSetFl)
    arg = fs::open_flags_from_user(static_cast<uint32_t>(arg), arch::kOpenFlags);
  long v = TRY(fs::do_fcntl(caller(), a.i32(0), cmd, arg));
  if (cmd == uapi::kFGetFl)
    v = fs::open_flags_to_user(static_cast<uint32_t>(v), arch::kOpenFlags);
  return v;
}

Result<long> sys_ioctl(Args& a) {
  return fs::do_ioctl(caller(), a.i32(0), static_cast<unsigned long>(a.a[1]), a.a[2]);
}

// If the descriptors cannot be copied out, both are closed again (Linux never shows
// them either). Errors: Fault, Inval (flags), MFile, NFile, NoMem.
Result<long> sys_pipe2(Args& a) {
  fs::Caller c = caller();
  int fds[2];
  TRY(fs::do_pipe2(c, fds, fs::open_flags_from_user(a.u32(1), arch::kOpenFlags)));
  if (auto r = uaccess::copy_to_user(a.a[0], fds, sizeof fds); r.is_error()) {
    (void)fs::do_close(c, fds[0]);
    (void)fs::do_close(c, fds[1]);
    return r.error();
  }
  return 0;
}

Result<long> sys_pipe(Args& a) {
  a.a[1] = 0;
  return sys_pipe2(a);
}

}  // namespace syscalls
