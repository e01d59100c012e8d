// fs/syscalls_fd.cc - descriptor calls: close, dup*, fcntl, pipe2, ioctl.
//
// The descriptor rules in one place: dup gives the lowest free number (EMFILE when none
// is below RLIMIT_NOFILE); dup2 onto a number closes what it named, atomically; dup2(fd,
// fd) checks fd and returns it, dup3(fd, fd) is EINVAL; close-on-exec belongs to the
// descriptor (F_GETFD/F_SETFD), the status flags to the open file (F_GETFL/F_SETFL), so
// dup'ed descriptors share O_NONBLOCK and the position but not FD_CLOEXEC.
#include "fs/fd_table.hh"
#include "fs/pipe.hh"
#include "fs/syscalls.hh"
#include "uapi/termios.hh"

namespace fs {
namespace {
constexpr unsigned long kFioclex = 0x5451, kFionclex = 0x5450;
constexpr int kFGetLk = 5, kFSetLk = 6, kFSetLkW = 7, kFSetOwn = 8, kFGetOwn = 9;
}  // namespace

Result<long> do_close(const Caller& c, int fd) {
  TRY(c.files->close(fd));
  return 0;
}

// LAB 9 dup: BEGIN
Result<long> do_dup(const Caller& c, int fd) {
  Ref<OpenFile> f = TRY(c.files->get(fd));
  return TRY(c.files->install(static_cast<Ref<OpenFile>&&>(f), 0, false, c.nofile_limit));
}

Result<long> do_dup2(const Caller& c, int old_fd, int new_fd) {
  return TRY(c.files->duplicate_to(old_fd, new_fd, false, c.nofile_limit));
}

Result<long> do_dup3(const Caller& c, int old_fd, int new_fd, uint32_t flags) {
  if (flags & ~uapi::kOCloexec) return Errno::Inval;
  if (old_fd == new_fd) return Errno::Inval;
  return TRY(c.files->duplicate_to(old_fd, new_fd, flags & uapi::kOCloexec, c.nofile_limit));
}
// LAB 9: STUB
// Result<long> do_dup(const Caller&, int) { return Errno::NoSys; }  // lab 9
// Result<long> do_dup2(const Caller&, int, int) { return Errno::NoSys; }
// Result<long> do_dup3(const Caller&, int, int, uint32_t) { return Errno::NoSys; }
// LAB 9: END

Result<long> do_fcntl(const Caller& c, int fd, int cmd, uint64_t arg) {
  Ref<OpenFile> f = TRY(c.files->get(fd));
  switch (cmd) {
    case uapi::kFDupFd:
    case uapi::kFDupFdCloexec: {
      if (arg >= c.nofile_limit) return Errno::Inval;
      bool cloexec = cmd == uapi::kFDupFdCloexec;
      return TRY(c.files->install(static_cast<Ref<OpenFile>&&>(f), static_cast<int>(arg), cloexec,
                                  c.nofile_limit));
    }
    case uapi::kFGetFd:
      return TRY(c.files->cloexec(fd)) ? uapi::kFdCloexec : 0;
    case uapi::kFSetFd:
      TRY(c.files->set_cloexec(fd, arg & uapi::kFdCloexec));
      return 0;
    case uapi::kFGetFl:
      return f->status_flags();
    case uapi::kFSetFl: {
      uint32_t want = static_cast<uint32_t>(arg) & kSettableFlags;
      if ((want & uapi::kODirect) && !(f->status_flags() & uapi::kODirect)) return Errno::Inval;
      Guard g(f->lock);
      f->flags = (f->flags & ~kSettableFlags) | want;
      return 0;
    }
    case uapi::kFGetPipeSz:
      return pipe_get_size(*f);
    case uapi::kFSetPipeSz:
      return pipe_set_size(c, *f, arg);
    case kFGetLk:
    case kFSetLk:
    case kFSetLkW:
      return Errno::NoLck;  // record locks: the IPC issue
    case kFSetOwn:
    case kFGetOwn:
      return 0;
    default:
      return Errno::Inval;
  }
}

Result<long> do_pipe2(const Caller& c, int fds[2], uint32_t flags) {
  Ref<OpenFile> read_end, write_end;
  TRY(pipe_create(c, flags, read_end, write_end));
  bool cloexec = flags & uapi::kOCloexec;
  int r = TRY(c.files->install(static_cast<Ref<OpenFile>&&>(read_end), 0, cloexec, c.nofile_limit));
  auto w = c.files->install(static_cast<Ref<OpenFile>&&>(write_end), 0, cloexec, c.nofile_limit);
  if (w.is_error()) {
    (void)c.files->close(r);
    return w.error();
  }
  fds[0] = r;
  fds[1] = w.value();
  return 0;
}

// The requests every file understands, then the file's own.
Result<long> do_ioctl(const Caller& c, int fd, unsigned long cmd, uint64_t arg) {
  Ref<OpenFile> f = TRY(c.files->get(fd));
  if (f->flags & uapi::kOPath) return Errno::BadF;
  switch (cmd) {
    case kFioclex:
    case kFionclex:
      TRY(c.files->set_cloexec(fd, cmd == kFioclex));
      return 0;
    case uapi::kFionbio: {
      int on;
      TRY(c.memory->copy_from(&on, arg, sizeof on));
      Guard g(f->lock);
      f->flags = on ? f->flags | uapi::kONonBlock : f->flags & ~uapi::kONonBlock;
      return 0;
    }
    case uapi::kFionread:
      if (f->inode->is_reg()) {
        uint64_t size, pos;
        {
          Guard g(f->inode->lock);
          size = f->inode->size;
        }
        {
          Guard g(f->lock);
          pos = f->pos;
        }
        int n = static_cast<int>(size > pos ? size - pos : 0);
        TRY(c.memory->copy_to(arg, &n, sizeof n));
        return 0;
      }
      break;
    default:
      break;
  }
  if (!f->ops->ioctl) return Errno::NoTty;
  return f->ops->ioctl(*f, c, cmd, arg);
}

}  // namespace fs
