// fs/syscalls.hh - the file system calls, as functions over kernel arguments.
//
// These are the bodies of SeaOS's file system calls. The process layer's handlers
// (src/syscalls/) do the user-space part - copy path strings in (PATH_MAX, ENAMETOOLONG,
// EFAULT), copy iovec arrays in and structures out, translate open flags from the
// architecture's numbering (fs::open_flags_from_user) - build a Caller for the current
// process, and call the function here, which does everything else and returns the
// system call's value or its Errno. Data buffers stay in user memory: they are passed as
// IoCursors over the user's segments, so a file copies straight to its final place.
// All flags here are in the kernel's internal numbering (uapi/fcntl.hh).
//
// Errors are Linux's, in Linux's order of checking; each function's tests are in
// tests/unit/fs_syscalls_*.cc.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "fs/file.hh"
#include "fs/io_cursor.hh"
#include "uapi/misc.hh"
#include "uapi/poll.hh"
#include "uapi/stat.hh"

namespace fs {

// ---- descriptors (syscalls_fd.cc) ----
Result<long> do_close(const Caller& c, int fd);
Result<long> do_dup(const Caller& c, int fd);
Result<long> do_dup2(const Caller& c, int old_fd, int new_fd);
Result<long> do_dup3(const Caller& c, int old_fd, int new_fd, uint32_t flags);
// F_GETFL answers in the internal numbering (open_flags_to_user for the user).
Result<long> do_fcntl(const Caller& c, int fd, int cmd, uint64_t arg);
// Installs both ends; fds[0] reads, fds[1] writes. If copying fds out then fails, the
// caller closes both (Linux never shows the descriptors in that case either).
Result<long> do_pipe2(const Caller& c, int fds[2], uint32_t flags);
Result<long> do_ioctl(const Caller& c, int fd, unsigned long cmd, uint64_t arg);

// ---- data (syscalls_rw.cc) ----
// Segments for readv/writev from an iovec array already copied in. Errors: Inval
// (count < 0 or > IOV_MAX, or a total beyond SSIZE_MAX).
Result<size_t> iovec_segments(const uapi::Iovec* iov, long count, IoSegment* out);
Result<long> do_read(const Caller& c, int fd, IoCursor& out);
Result<long> do_write(const Caller& c, int fd, IoCursor& in);
Result<long> do_pread(const Caller& c, int fd, IoCursor& out, int64_t offset);
Result<long> do_pwrite(const Caller& c, int fd, IoCursor& in, int64_t offset);
Result<long> do_lseek(const Caller& c, int fd, int64_t offset, int whence);
Result<long> do_getdents64(const Caller& c, int fd, IoCursor& out);
Result<long> do_fsync(const Caller& c, int fd);
Result<long> do_sync();

// ---- names (syscalls_path.cc) ----
Result<long> do_openat(const Caller& c, int dirfd, const char* path, uint32_t flags, uint32_t mode);
Result<long> do_mkdirat(const Caller& c, int dirfd, const char* path, uint32_t mode);
Result<long> do_mknodat(const Caller& c, int dirfd, const char* path, uint32_t mode, uint64_t dev);
Result<long> do_unlinkat(const Caller& c, int dirfd, const char* path, uint32_t flags);
Result<long> do_renameat2(const Caller& c, int old_dirfd, const char* old_path, int new_dirfd,
                          const char* new_path, uint32_t flags);
Result<long> do_linkat(const Caller& c, int old_dirfd, const char* old_path, int new_dirfd,
                       const char* new_path, uint32_t flags);
Result<long> do_symlinkat(const Caller& c, const char* target, int dirfd, const char* path);
// Copies at most `size` bytes of the target into buf (no NUL); returns the count.
Result<long> do_readlinkat(const Caller& c, int dirfd, const char* path, char* buf, long size);

// ---- attributes (syscalls_stat.cc) ----
Result<Kstat> do_fstat(const Caller& c, int fd);
Result<Kstat> do_fstatat(const Caller& c, int dirfd, const char* path, uint32_t flags);
Result<long> do_statx(const Caller& c, int dirfd, const char* path, uint32_t flags, uint32_t mask,
                      uapi::Statx& out);
Result<long> do_faccessat(const Caller& c, int dirfd, const char* path, uint32_t mode,
                          uint32_t flags);
Result<long> do_statfs(const Caller& c, const char* path, uapi::Statfs& out);
Result<long> do_fstatfs(const Caller& c, int fd, uapi::Statfs& out);
Result<long> do_fchmod(const Caller& c, int fd, uint32_t mode);
Result<long> do_fchmodat(const Caller& c, int dirfd, const char* path, uint32_t mode,
                         uint32_t flags);
Result<long> do_fchown(const Caller& c, int fd, uint32_t uid, uint32_t gid);
Result<long> do_fchownat(const Caller& c, int dirfd, const char* path, uint32_t uid, uint32_t gid,
                         uint32_t flags);
// path may be null (then dirfd's file, like futimens); times may be null (now).
Result<long> do_utimensat(const Caller& c, int dirfd, const char* path, const uapi::Timespec* times,
                          uint32_t flags);
Result<long> do_truncate(const Caller& c, const char* path, int64_t length);
Result<long> do_ftruncate(const Caller& c, int fd, int64_t length);

// ---- the working directory (syscalls_cwd.cc) ----
Result<long> do_chdir(const Caller& c, const char* path);
Result<long> do_fchdir(const Caller& c, int fd);
// Writes the path with its NUL into buf; returns its length with the NUL.
Result<long> do_getcwd(const Caller& c, char* buf, size_t size);

// ---- waiting for several files (poll.cc) ----
// timeout_ns < 0: forever. Fills revents. Returns how many have events.
Result<long> do_poll(const Caller& c, uapi::PollFd* fds, size_t nfds, int64_t timeout_ns);
// select: the sets are updated in place (null sets are allowed).
Result<long> do_select(const Caller& c, int nfds, uapi::FdSet* read, uapi::FdSet* write,
                       uapi::FdSet* except, int64_t timeout_ns);

// ---- shared helpers ----
// The directory a relative path starts from: dirfd's dentry, or the cwd for AT_FDCWD.
// Errors: BadF, NotDir (unless the path is absolute or empty).
Result<Ref<Dentry>> start_directory(const Caller& c, int dirfd, const char* path);
// start_directory + walk. Errors: those of both.
Result<Ref<Dentry>> resolve_at(const Caller& c, int dirfd, const char* path, uint32_t walk_flags);

}  // namespace fs
