// fs/syscalls_rw.cc - moving data: read, write and their vector and positioned forms,
// lseek, getdents64, fsync, sync.
//
// read/write use and advance the open file's position, which dup'ed descriptors share;
// pread/pwrite use their own offset and leave the position alone (and are ESPIPE on
// pipes and terminals). The position is read before and stored after the transfer,
// under the file's lock: two threads reading one file at once may read the same bytes
// (Linux serialises them with a per-file mutex; SeaOS has no sleeping lock yet).
// A descriptor must be open for reading (resp. writing), or EBADF.
#include "fs/fd_table.hh"
#include "fs/syscalls.hh"
#include "fs/vfs.hh"

namespace fs {
namespace {

constexpr uint64_t kMaxTransfer = uint64_t{1} << 62;  // well inside ssize_t

Result<Ref<OpenFile>> file_for(const Caller& c, int fd, bool write) {
  Ref<OpenFile> f = TRY(c.files->get(fd));
  if (f->flags & uapi::kOPath) return Errno::BadF;
  if (write ? !f->writable() : !f->readable()) return Errno::BadF;
  if (write ? !f->ops->write : !f->ops->read) return Errno::Inval;
  return f;
}

// Runs the file's read or write at its own position (seekable files) or none.
Result<long> transfer(const Caller& c, OpenFile& f, IoCursor& io, bool write) {
  uint64_t pos = 0;
  if (f.ops->seekable) {
    Guard g(f.lock);
    pos = f.pos;
  }
  Result<size_t> r = write ? f.ops->write(f, c, io, &pos) : f.ops->read(f, c, io, &pos);
  if (f.ops->seekable && r.is_ok()) {
    Guard g(f.lock);
    f.pos = pos;
  }
  if (r.is_error()) return r.error();
  return static_cast<long>(r.value());
}

Result<long> positioned(const Caller& c, int fd, IoCursor& io, int64_t offset, bool write) {
  Ref<OpenFile> f = TRY(file_for(c, fd, write));
  if (!f->ops->seekable) return Errno::SPipe;
  if (offset < 0) return Errno::Inval;
  uint64_t pos = static_cast<uint64_t>(offset);
  Result<size_t> r = write ? f->ops->write(*f, c, io, &pos) : f->ops->read(*f, c, io, &pos);
  if (r.is_error()) return r.error();
  return static_cast<long>(r.value());
}

}  // namespace

Result<size_t> iovec_segments(const uapi::Iovec* iov, long count, IoSegment* out) {
  if (count < 0 || count > uapi::kIovMax) return Errno::Inval;
  uint64_t total = 0;
  for (long i = 0; i < count; ++i) {
    if (iov[i].len > kMaxTransfer || total + iov[i].len > kMaxTransfer) return Errno::Inval;
    total += iov[i].len;
    out[i] = {iov[i].base, static_cast<size_t>(iov[i].len)};
  }
  return static_cast<size_t>(total);
}

Result<long> do_read(const Caller& c, int fd, IoCursor& out) {
  Ref<OpenFile> f = TRY(file_for(c, fd, false));
  return transfer(c, *f, out, false);
}

Result<long> do_write(const Caller& c, int fd, IoCursor& in) {
  Ref<OpenFile> f = TRY(file_for(c, fd, true));
  return transfer(c, *f, in, true);
}

Result<long> do_pread(const Caller& c, int fd, IoCursor& out, int64_t offset) {
  return positioned(c, fd, out, offset, false);
}

Result<long> do_pwrite(const Caller& c, int fd, IoCursor& in, int64_t offset) {
  return positioned(c, fd, in, offset, true);
}

Result<long> do_lseek(const Caller& c, int fd, int64_t offset, int whence) {
  Ref<OpenFile> f = TRY(c.files->get(fd));
  if (!f->ops->seekable) return Errno::SPipe;
  bool dir = f->inode->is_dir();
  uint64_t size;
  {
    Guard g(f->inode->lock);
    size = f->inode->size;
  }
  Guard g(f->lock);
  int64_t base;
  switch (whence) {
    case uapi::kSeekSet:
      base = 0;
      break;
    case uapi::kSeekCur:
      base = static_cast<int64_t>(f->pos);
      break;
    case uapi::kSeekEnd:
      if (dir) return Errno::Inval;
      base = static_cast<int64_t>(size);
      break;
    case uapi::kSeekData:
    case uapi::kSeekHole:
      if (dir) return Errno::Inval;
      if (offset < 0) return Errno::Inval;
      if (static_cast<uint64_t>(offset) >= size) return Errno::NxIo;
      f->pos = whence == uapi::kSeekData ? static_cast<uint64_t>(offset) : size;
      return static_cast<long>(f->pos);
    default:
      return Errno::Inval;
  }
  int64_t result;
  if (__builtin_add_overflow(base, offset, &result) || result < 0) return Errno::Inval;
  f->pos = static_cast<uint64_t>(result);
  return result;
}

Result<long> do_getdents64(const Caller& c, int fd, IoCursor& out) {
  Ref<OpenFile> f = TRY(c.files->get(fd));
  if (f->flags & uapi::kOPath) return Errno::BadF;
  return static_cast<long>(TRY(vfs_getdents(*f, out)));
}

Result<long> do_fsync(const Caller& c, int fd) {
  Ref<OpenFile> f = TRY(c.files->get(fd));
  if (f->flags & uapi::kOPath) return Errno::BadF;
  if (!f->inode->is_reg() && !f->inode->is_dir()) return Errno::Inval;
  return 0;  // ramfs has nowhere to write back to
}

Result<long> do_sync() { return 0; }

}  // namespace fs
