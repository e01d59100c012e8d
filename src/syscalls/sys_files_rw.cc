// syscalls/sys_files_rw.cc - read, write, readv, writev, pread64, pwrite64, lseek,
// getdents64, sendfile, fsync, fdatasync, sync.
//
// The bytes never stop in the kernel here: fs gets an IoCursor over the user's buffer
// (or the segments of an iovec array) and each kind of file copies to or from it. A
// vector goes to the file as one request, which is what makes a writev of up to
// PIPE_BUF bytes to a pipe atomic.
#include "mm/mm.hh"
#include "syscalls/files.hh"
#include "syscalls/uaccess.hh"
#include "uapi/misc.hh"

namespace syscalls {
namespace {

constexpr size_t kMaxRw = 0x7ffff000;  // Linux's cap on one read/write

size_t capped(uint64_t n) { return n < kMaxRw ? n : kMaxRw; }

// readv/writev/preadv...: copies the iovec array in and runs op over a cursor on it.
// Errors: Inval (count), Fault, NoMem, and op's.
template <class Op>
Result<long> with_iovec(uint64_t user_iov, long count, Op op) {
  if (count < 0 || count > uapi::kIovMax) return Errno::Inval;
  size_t n = count ? static_cast<size_t>(count) : 1;
  auto* iov = static_cast<uapi::Iovec*>(TRY(mm::kmalloc(n * sizeof(uapi::Iovec))));
  auto segs = mm::kmalloc(n * sizeof(fs::IoSegment));
  Result<long> r = Errno::NoMem;
  if (segs.is_ok()) {
    auto* seg = static_cast<fs::IoSegment*>(segs.value());
    auto copied = uaccess::copy_from_user(iov, user_iov, count * sizeof(uapi::Iovec));
    auto total = copied.is_ok() ? fs::iovec_segments(iov, count, seg) : copied.error();
    if (total.is_error()) {
      r = total.error();
    } else {
      fs::IoCursor io(kUserMemory, seg, static_cast<size_t>(count));
      r = op(io);
    }
    mm::kfree(seg);
  }
  mm::kfree(iov);
  return r;
}

}  // namespace

Result<long> sys_read(Args& a) {
  UserBuffer buf(a.a[1], capped(a.a[2]));
  return fs::do_read(caller(), a.i32(0), buf.io);
}

// LAB 4 syscalls: BEGIN
Result<long> sys_write(Args& a) {
  UserBuffer buf(a.a[1], capped(a.a[2]));
  return fs::do_write(caller(), a.i32(0), buf.io);
}
// LAB 4: STUB
// Result<long> sys_write(Args&) { return Errno::NoSys; }
// LAB 4: END

Result<long> sys_readv(Args& a) {
  fs::Caller c = caller();
  int fd = a.i32(0);
  return with_iovec(a.a[1], a.i32(2), [&](fs::IoCursor& io) { return fs::do_read(c, fd, io); });
}

Result<long> sys_writev(Args& a) {
  fs::Caller c = caller();
  int fd = a.i32(0);
  return with_iovec(a.a[1], a.i32(2), [&](fs::IoCursor& io) { return fs::do_write(c, fd, io); });
}

Result<long> sys_pread64(Args& a) {
  UserBuffer buf(a.a[1], capped(a.a[2]));
  return fs::do_pread(caller(), a.i32(0), buf.io, static_cast<int64_t>(a.a[3]));
}

Result<long> sys_pwrite64(Args& a) {
  UserBuffer buf(a.a[1], capped(a.a[2]));
  return fs::do_pwrite(caller(), a.i32(0), buf.io, static_cast<int64_t>(a.a[3]));
}

Result<long> sys_lseek(Args& a) {
  return fs::do_lseek(caller(), a.i32(0), static_cast<int64_t>(a.a[1]), a.i32(2));
}

Result<long> sys_getdents64(Args& a) {
  UserBuffer buf(a.a[1], capped(a.u32(2)));
  return fs::do_getdents64(caller(), a.i32(0), buf.io);
}

// sendfile(out_fd, in_fd, offset*, count): a page at a time through a kernel buffer.
// With `offset` the input is read there (pread) and its position is left alone, and the
// offset reached is stored back; without, the input's position advances by what was
// written (a short write puts back the bytes read but not written). An error after some
// bytes moved ends the call with the count. Errors: BadF, Inval, Fault, Again, those of
// read and write (EPIPE...).
Result<long> sys_sendfile(Args& a) {
  fs::Caller c = caller();
  int out_fd = a.i32(0), in_fd = a.i32(1);
  uint64_t uoff = a.a[2];
  size_t count = capped(a.a[3]);
  int64_t off = 0;
  if (uoff) {
    off = TRY(uaccess::UserPtr<int64_t>(uoff).read());
    if (off < 0) return Errno::Inval;
  }
  fs::Bounce bounce;
  if (!bounce.ok()) return Errno::NoMem;
  size_t total = 0;
  Result<long> failure = 0;
  while (total < count) {
    size_t want = count - total < fs::Bounce::kSize ? count - total : fs::Bounce::kSize;
    fs::IoSegment in_seg, out_seg;
    fs::IoCursor in = fs::IoCursor::kernel(bounce.data(), want, in_seg);
    auto got = uoff ? fs::do_pread(c, in_fd, in, off) : fs::do_read(c, in_fd, in);
    if (got.is_error() || got.value() == 0) {
      if (got.is_error()) failure = got.error();
      break;
    }
    size_t n = static_cast<size_t>(got.value());
    fs::IoCursor out = fs::IoCursor::kernel(bounce.data(), n, out_seg);
    auto put = fs::do_write(c, out_fd, out);
    size_t written = put.is_ok() ? static_cast<size_t>(put.value()) : 0;
    if (put.is_error()) failure = put.error();
    if (uoff) off += static_cast<int64_t>(written);
    else if (written < n)
      (void)fs::do_lseek(c, in_fd, -static_cast<int64_t>(n - written), uapi::kSeekCur);
    total += written;
    if (written < n) break;
  }
  if (uoff) TRY(uaccess::UserPtr<int64_t>(uoff).write(off));
  if (total == 0 && failure.is_error()) return failure.error();
  return static_cast<long>(total);
}

Result<long> sys_fsync(Args& a) { return fs::do_fsync(caller(), a.i32(0)); }
Result<long> sys_fdatasync(Args& a) { return fs::do_fsync(caller(), a.i32(0)); }
Result<long> sys_sync(Args&) { return fs::do_sync(); }

}  // namespace syscalls
