// syscalls/sys_files_path.cc - calls that name files: openat/open/creat, mkdir(at),
// mknodat, unlink(at), rmdir, rename(at/at2), link(at), symlink(at), readlink(at),
// chdir, fchdir, getcwd.
//
// The old x86_64 calls without "at" are the *at() calls with AT_FDCWD, as in Linux's
// fs/namei.c (rmdir is unlinkat(AT_REMOVEDIR), creat is open(O_CREAT|O_WRONLY|O_TRUNC)).
#include <arch/user_abi.hh>

#include "mm/mm.hh"
#include "syscalls/files.hh"
#include "syscalls/uaccess.hh"

namespace syscalls {
namespace {

using uapi::kAtFdCwd;

// Owns a kernel buffer of `size` bytes for one call (readlink, getcwd).
struct KernelBuffer {
  char* data = nullptr;
  ~KernelBuffer() { mm::kfree(data); }
  Result<char*> alloc(size_t size) {
    data = static_cast<char*>(TRY(mm::kmalloc(size ? size : 1)));
    return data;
  }
};

Result<long> openat(int dirfd, uint64_t upath, uint32_t user_flags, uint32_t mode) {
  UserPath path;
  const char* p = TRY(path.load(upath));
  uint32_t flags = fs::open_flags_from_user(user_flags, arch::kOpenFlags);
  return fs::do_openat(caller(), dirfd, p, flags, mode);
}

Result<long> mkdirat(int dirfd, uint64_t upath, uint32_t mode) {
  UserPath path;
  return fs::do_mkdirat(caller(), dirfd, TRY(path.load(upath)), mode);
}

Result<long> unlinkat(int dirfd, uint64_t upath, uint32_t flags) {
  UserPath path;
  return fs::do_unlinkat(caller(), dirfd, TRY(path.load(upath)), flags);
}

Result<long> renameat2(int old_dirfd, uint64_t uold, int new_dirfd, uint64_t unew,
                       uint32_t flags) {
  UserPath old_path, new_path;
  const char* o = TRY(old_path.load(uold));
  const char* n = TRY(new_path.load(unew));
  return fs::do_renameat2(caller(), old_dirfd, o, new_dirfd, n, flags);
}

Result<long> linkat(int old_dirfd, uint64_t uold, int new_dirfd, uint64_t unew, uint32_t flags) {
  UserPath old_path, new_path;
  const char* o = TRY(old_path.load(uold));
  const char* n = TRY(new_path.load(unew));
  return fs::do_linkat(caller(), old_dirfd, o, new_dirfd, n, flags);
}

Result<long> symlinkat(uint64_t utarget, int dirfd, uint64_t upath) {
  UserPath target, path;
  const char* t = TRY(target.load(utarget));
  const char* p = TRY(path.load(upath));
  return fs::do_symlinkat(caller(), t, dirfd, p);
}

// Errors: Inval (size <= 0), the walk's, Fault.
Result<long> readlinkat(int dirfd, uint64_t upath, uint64_t ubuf, long size) {
  if (size <= 0) return Errno::Inval;
  UserPath path;
  const char* p = TRY(path.load(upath));
  size_t want = static_cast<size_t>(size) < uapi::kPathMax ? size : uapi::kPathMax;
  KernelBuffer buf;
  char* b = TRY(buf.alloc(want));
  long n = TRY(fs::do_readlinkat(caller(), dirfd, p, b, static_cast<long>(want)));
  TRY(uaccess::copy_to_user(ubuf, b, n));
  return n;
}

}  // namespace

Result<long> sys_openat(Args& a) { return openat(a.i32(0), a.a[1], a.u32(2), a.u32(3)); }
Result<long> sys_open(Args& a) { return openat(kAtFdCwd, a.a[0], a.u32(1), a.u32(2)); }
Result<long> sys_creat(Args& a) {
  return openat(kAtFdCwd, a.a[0], uapi::kOCreat | uapi::kOWrOnly | uapi::kOTrunc, a.u32(1));
}

Result<long> sys_mkdirat(Args& a) { return mkdirat(a.i32(0), a.a[1], a.u32(2)); }
Result<long> sys_mkdir(Args& a) { return mkdirat(kAtFdCwd, a.a[0], a.u32(1)); }

Result<long> sys_mknodat(Args& a) {
  UserPath path;
  return fs::do_mknodat(caller(), a.i32(0), TRY(path.load(a.a[1])), a.u32(2), a.a[3]);
}

Result<long> sys_unlinkat(Args& a) { return unlinkat(a.i32(0), a.a[1], a.u32(2)); }
Result<long> sys_unlink(Args& a) { return unlinkat(kAtFdCwd, a.a[0], 0); }
Result<long> sys_rmdir(Args& a) { return unlinkat(kAtFdCwd, a.a[0], uapi::kAtRemoveDir); }

Result<long> sys_renameat2(Args& a) {
  return renameat2(a.i32(0), a.a[1], a.i32(2), a.a[3], a.u32(4));
}
Result<long> sys_renameat(Args& a) { return renameat2(a.i32(0), a.a[1], a.i32(2), a.a[3], 0); }
Result<long> sys_rename(Args& a) { return renameat2(kAtFdCwd, a.a[0], kAtFdCwd, a.a[1], 0); }

Result<long> sys_linkat(Args& a) { return linkat(a.i32(0), a.a[1], a.i32(2), a.a[3], a.u32(4)); }
Result<long> sys_link(Args& a) { return linkat(kAtFdCwd, a.a[0], kAtFdCwd, a.a[1], 0); }

Result<long> sys_symlinkat(Args& a) { return symlinkat(a.a[0], a.i32(1), a.a[2]); }
Result<long> sys_symlink(Args& a) { return symlinkat(a.a[0], kAtFdCwd, a.a[1]); }

Result<long> sys_readlinkat(Args& a) {
  return readlinkat(a.i32(0), a.a[1], a.a[2], static_cast<long>(a.i32(3)));
}
Result<long> sys_readlink(Args& a) {
  return readlinkat(kAtFdCwd, a.a[0], a.a[1], static_cast<long>(a.i32(2)));
}

Result<long> sys_chdir(Args& a) {
  UserPath path;
  return fs::do_chdir(caller(), TRY(path.load(a.a[0])));
}
Result<long> sys_fchdir(Args& a) { return fs::do_fchdir(caller(), a.i32(0)); }

// Returns the length with the NUL, as the raw Linux call does. Errors: Range (too small).
Result<long> sys_getcwd(Args& a) {
  size_t size = a.a[1] < uapi::kPathMax ? a.a[1] : uapi::kPathMax;
  KernelBuffer buf;
  char* b = TRY(buf.alloc(size));
  long n = TRY(fs::do_getcwd(caller(), b, size));
  TRY(uaccess::copy_to_user(a.a[0], b, n));
  return n;
}

}  // namespace syscalls
