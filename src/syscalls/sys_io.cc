// syscalls/sys_io.cc - read, write, readv, writev, ioctl, fcntl, dup*, close, getcwd, sync.
//
// Descriptors name Files in the caller's FdTable (proc/fd_table.hh); the only File today
// is the console. The VFS (the files issue) brings open/openat, real files and pipes;
// these calls stay as they are.
#include "syscalls/files.hh"
#include "syscalls/syscall.hh"
#include "syscalls/uaccess.hh"
#include "uapi/misc.hh"

namespace syscalls {
namespace {

constexpr size_t kMaxRw = 0x7ffff000;  // Linux's cap on one read/write
constexpr int kAccessMode = 3;

bool readable(const proc::File* f) { return (f->flags & kAccessMode) != uapi::kOWrOnly; }
bool writable(const proc::File* f) { return (f->flags & kAccessMode) != uapi::kORdOnly; }

Result<long> do_read(int fd, uint64_t buf, size_t n) {
  FileRef f(TRY(fd_table()->file(fd)));
  if (!readable(f.get()) || !f->ops->read) return Errno::BadF;
  return static_cast<long>(TRY(f->ops->read(f.get(), buf, n < kMaxRw ? n : kMaxRw)));
}

Result<long> do_write(int fd, uint64_t buf, size_t n) {
  FileRef f(TRY(fd_table()->file(fd)));
  if (!writable(f.get()) || !f->ops->write) return Errno::BadF;
  return static_cast<long>(TRY(f->ops->write(f.get(), buf, n < kMaxRw ? n : kMaxRw)));
}

// readv/writev: one call per segment; an error after some bytes moved is a short count.
template <class Op>
Result<long> vector_io(uint64_t iov_addr, int count, Op op) {
  if (count < 0 || count > uapi::kIovMax) return Errno::Inval;
  long total = 0;
  for (int i = 0; i < count; ++i) {
    uapi::Iovec iov = TRY(uaccess::UserPtr<uapi::Iovec>(iov_addr).at(i).read());
    if (iov.len == 0) continue;
    auto r = op(iov.base, iov.len);
    if (r.is_error()) {
      if (total) break;
      return r.error();
    }
    total += r.value();
    if (static_cast<uint64_t>(r.value()) < iov.len) break;
  }
  return total;
}

}  // namespace

Result<long> sys_read(Args& a) { return do_read(a.i32(0), a.a[1], a.a[2]); }

// LAB 4 syscalls: BEGIN
Result<long> sys_write(Args& a) { return do_write(a.i32(0), a.a[1], a.a[2]); }
// LAB 4: STUB
// Result<long> sys_write(Args&) { return Errno::NoSys; }
// LAB 4: END

Result<long> sys_readv(Args& a) {
  int fd = a.i32(0);
  return vector_io(a.a[1], a.i32(2), [&](uint64_t b, size_t n) { return do_read(fd, b, n); });
}

Result<long> sys_writev(Args& a) {
  int fd = a.i32(0);
  TRY(fd_table()->file(fd))->put();  // EBADF even for an empty vector
  return vector_io(a.a[1], a.i32(2), [&](uint64_t b, size_t n) { return do_write(fd, b, n); });
}

Result<long> sys_close(Args& a) {
  TRY(fd_table()->close(a.i32(0)));
  return 0;
}

Result<long> sys_ioctl(Args& a) {
  FileRef f(TRY(fd_table()->file(a.i32(0))));
  if (!f->ops->ioctl) return Errno::NoTty;
  return f->ops->ioctl(f.get(), a.a[1], a.a[2]);
}

Result<long> sys_fcntl(Args& a) {
  int fd = a.i32(0);
  FileRef f(TRY(fd_table()->file(fd)));
  switch (a.i32(1)) {
    case uapi::kFDupFd:
    case uapi::kFDupFdCloexec: {
      f->get();
      auto r = fd_table()->install(f.get(), a.i32(2), a.i32(1) == uapi::kFDupFdCloexec);
      if (r.is_error()) f->put();
      return TRY(r);
    }
    case uapi::kFGetFd:
      return TRY(fd_table()->cloexec(fd)) ? uapi::kFdCloexec : 0;
    case uapi::kFSetFd:
      TRY(fd_table()->set_cloexec(fd, a.a[2] & uapi::kFdCloexec));
      return 0;
    case uapi::kFGetFl:
      return f->flags;
    case uapi::kFSetFl:
      return 0;  // O_APPEND/O_NONBLOCK mean nothing for the console yet
    default:
      return Errno::Inval;
  }
}

Result<long> sys_dup(Args& a) {
  proc::File* f = TRY(fd_table()->file(a.i32(0)));
  auto r = fd_table()->install(f, 0, false);
  if (r.is_error()) f->put();
  return TRY(r);
}

Result<long> sys_dup2(Args& a) {
  int oldfd = a.i32(0), newfd = a.i32(1);
  if (oldfd == newfd) {
    TRY(fd_table()->file(oldfd))->put();
    return newfd;
  }
  return TRY(fd_table()->duplicate_to(oldfd, newfd, false));
}

Result<long> sys_dup3(Args& a) {
  int oldfd = a.i32(0), newfd = a.i32(1), flags = a.i32(2);
  if (oldfd == newfd || (flags & ~uapi::kOCloexec)) return Errno::Inval;
  return TRY(fd_table()->duplicate_to(oldfd, newfd, flags & uapi::kOCloexec));
}

Result<long> sys_getcwd(Args& a) {
  if (a.a[1] < 2) return Errno::Range;
  TRY(uaccess::copy_to_user(a.a[0], "/", 2));  // the VFS brings real directories
  return 2;
}

Result<long> sys_sync(Args&) { return 0; }

}  // namespace syscalls
