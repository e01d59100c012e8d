// fs/syscalls_path.cc - calls that name files: openat, mkdirat, mknodat, unlinkat,
// renameat2, linkat, symlinkat, readlinkat; and resolving a dirfd.
//
// Every *at() call takes a directory descriptor for relative paths: AT_FDCWD means the
// working directory, anything else must be an open directory (EBADF, ENOTDIR). An
// absolute path ignores dirfd altogether, as on Linux.
#include "fs/fd_table.hh"
#include "fs/syscalls.hh"
#include "fs/vfs.hh"

namespace fs {

Result<Ref<Dentry>> start_directory(const Caller& c, int dirfd, const char* path) {
  if (path && path[0] == '/') return c.fs->get_root();
  if (dirfd == uapi::kAtFdCwd) return c.fs->get_cwd();
  Ref<OpenFile> f = TRY(c.files->get(dirfd));
  if (!f->dentry) return Errno::NotDir;  // a pipe
  if (path && path[0] && !f->inode->is_dir()) return Errno::NotDir;
  return f->dentry;
}

Result<Ref<Dentry>> resolve_at(const Caller& c, int dirfd, const char* path, uint32_t walk_flags) {
  Ref<Dentry> start = TRY(start_directory(c, dirfd, path));
  return walk(c, start.get(), path, walk_flags);
}

Result<long> do_openat(const Caller& c, int dirfd, const char* path, uint32_t flags,
                       uint32_t mode) {
  if (!c.files->has_free(0, c.nofile_limit)) return Errno::MFile;
  Ref<Dentry> start = TRY(start_directory(c, dirfd, path));
  Ref<OpenFile> f = TRY(vfs_open(c, start.get(), path, flags, mode));
  return TRY(c.files->install(static_cast<Ref<OpenFile>&&>(f), 0, flags & uapi::kOCloexec,
                              c.nofile_limit));
}

Result<long> do_mkdirat(const Caller& c, int dirfd, const char* path, uint32_t mode) {
  Ref<Dentry> start = TRY(start_directory(c, dirfd, path));
  TRY(vfs_mkdir(c, start.get(), path, mode));
  return 0;
}

Result<long> do_mknodat(const Caller& c, int dirfd, const char* path, uint32_t mode, uint64_t dev) {
  uint32_t type = mode & uapi::kSIfMt;
  if (type == 0) type = uapi::kSIfReg;
  if (type == uapi::kSIfDir) return Errno::Inval;
  Ref<Dentry> start = TRY(start_directory(c, dirfd, path));
  uint64_t rdev = uapi::make_dev(static_cast<uint32_t>(dev >> 8) & 0xfff,
                                 static_cast<uint32_t>((dev & 0xff) | ((dev >> 12) & 0xfff00)));
  TRY(vfs_mknod(c, start.get(), path, type, mode & uapi::kSPermMask, rdev));
  return 0;
}

Result<long> do_unlinkat(const Caller& c, int dirfd, const char* path, uint32_t flags) {
  if (flags & ~uapi::kAtRemoveDir) return Errno::Inval;
  Ref<Dentry> start = TRY(start_directory(c, dirfd, path));
  if (flags & uapi::kAtRemoveDir)
    TRY(vfs_rmdir(c, start.get(), path));
  else
    TRY(vfs_unlink(c, start.get(), path));
  return 0;
}

Result<long> do_renameat2(const Caller& c, int old_dirfd, const char* old_path, int new_dirfd,
                          const char* new_path, uint32_t flags) {
  Ref<Dentry> old_start = TRY(start_directory(c, old_dirfd, old_path));
  Ref<Dentry> new_start = TRY(start_directory(c, new_dirfd, new_path));
  TRY(vfs_rename(c, old_start.get(), old_path, new_start.get(), new_path, flags));
  return 0;
}

Result<long> do_linkat(const Caller& c, int old_dirfd, const char* old_path, int new_dirfd,
                       const char* new_path, uint32_t flags) {
  if (flags & ~(uapi::kAtSymlinkFollow | uapi::kAtEmptyPath)) return Errno::Inval;
  bool empty = flags & uapi::kAtEmptyPath;
  if (empty && c.cred.euid != 0) empty = false;  // needs CAP_DAC_READ_SEARCH: ENOENT
  Ref<Dentry> old_start = TRY(start_directory(c, old_dirfd, old_path));
  Ref<Dentry> new_start = TRY(start_directory(c, new_dirfd, new_path));
  TRY(vfs_link(c, old_start.get(), old_path, flags & uapi::kAtSymlinkFollow, empty, new_start.get(),
               new_path));
  return 0;
}

Result<long> do_symlinkat(const Caller& c, const char* target, int dirfd, const char* path) {
  Ref<Dentry> start = TRY(start_directory(c, dirfd, path));
  TRY(vfs_symlink(c, target, start.get(), path));
  return 0;
}

Result<long> do_readlinkat(const Caller& c, int dirfd, const char* path, char* buf, long size) {
  if (size <= 0) return Errno::Inval;
  Ref<Dentry> d = TRY(resolve_at(c, dirfd, path, kWalkEmptyPath));
  Inode* inode = d->inode;
  if (!inode->is_symlink()) return Errno::Inval;
  return static_cast<long>(inode->ops->read_target(*inode, buf, static_cast<size_t>(size)));
}

}  // namespace fs
