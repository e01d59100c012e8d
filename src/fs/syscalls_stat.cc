// fs/syscalls_stat.cc - looking at and changing attributes: stat, statx, access,
// statfs, chmod, chown, utimensat, truncate.
//
// The *at forms follow a final symlink unless AT_SYMLINK_NOFOLLOW; with AT_EMPTY_PATH
// and an empty path they act on dirfd's own file, whatever it is (fstat by another
// name, and how fstatat works on a pipe). Unknown flag bits are EINVAL.
#include "fs/fd_table.hh"
#include "fs/stat.hh"
#include "fs/syscalls.hh"
#include "fs/vfs.hh"

namespace fs {
namespace {

// The inode an *at() call with these flags names (a reference held by `keep`).
Result<Inode*> inode_at(const Caller& c, int dirfd, const char* path, uint32_t flags,
                        Ref<Dentry>& keep_dentry, Ref<OpenFile>& keep_file) {
  if ((flags & uapi::kAtEmptyPath) && path && !path[0]) {
    if (dirfd == uapi::kAtFdCwd) {
      keep_dentry = c.fs->get_cwd();
      return keep_dentry->inode;
    }
    keep_file = TRY(c.files->get(dirfd));
    return keep_file->inode.get();
  }
  uint32_t walk_flags = (flags & uapi::kAtSymlinkNoFollow) ? 0 : kWalkFollow;
  keep_dentry = TRY(resolve_at(c, dirfd, path, walk_flags));
  return keep_dentry->inode;
}

constexpr uint32_t kStatFlags =
    uapi::kAtSymlinkNoFollow | uapi::kAtEmptyPath | uapi::kAtNoAutomount;

}  // namespace

Result<Kstat> do_fstat(const Caller& c, int fd) {
  Ref<OpenFile> f = TRY(c.files->get(fd));
  return stat_inode(*f->inode);
}

Result<Kstat> do_fstatat(const Caller& c, int dirfd, const char* path, uint32_t flags) {
  if (flags & ~kStatFlags) return Errno::Inval;
  Ref<Dentry> d;
  Ref<OpenFile> f;
  Inode* inode = TRY(inode_at(c, dirfd, path, flags, d, f));
  return stat_inode(*inode);
}

Result<long> do_statx(const Caller& c, int dirfd, const char* path, uint32_t flags, uint32_t mask,
                      uapi::Statx& out) {
  if (flags & ~(kStatFlags | uapi::kAtStatxSyncType)) return Errno::Inval;
  if ((flags & uapi::kAtStatxSyncType) == uapi::kAtStatxSyncType) return Errno::Inval;
  if (mask & uapi::kStatxReserved) return Errno::Inval;
  Ref<Dentry> d;
  Ref<OpenFile> f;
  Inode* inode = TRY(inode_at(c, dirfd, path, flags, d, f));
  encode_statx(stat_inode(*inode), out);
  return 0;
}

Result<long> do_faccessat(const Caller& c, int dirfd, const char* path, uint32_t mode,
                          uint32_t flags) {
  if (mode & ~(uapi::kROk | uapi::kWOk | uapi::kXOk)) return Errno::Inval;
  if (flags & ~(uapi::kAtEaccess | uapi::kAtSymlinkNoFollow | uapi::kAtEmptyPath))
    return Errno::Inval;
  Caller as = c;  // access(2) checks with the real ids unless AT_EACCESS
  if (!(flags & uapi::kAtEaccess)) {
    as.cred.euid = c.cred.uid;
    as.cred.egid = c.cred.gid;
  }
  Ref<Dentry> d;
  Ref<OpenFile> f;
  Inode* inode = TRY(inode_at(as, dirfd, path, flags, d, f));
  if (mode != uapi::kFOk) TRY(permission(as.cred, *inode, mode));
  return 0;
}

Result<long> do_statfs(const Caller& c, const char* path, uapi::Statfs& out) {
  Ref<Dentry> d = TRY(resolve_at(c, uapi::kAtFdCwd, path, kWalkFollow));
  d->sb->ops->statfs(*d->sb, out);
  return 0;
}

Result<long> do_fstatfs(const Caller& c, int fd, uapi::Statfs& out) {
  Ref<OpenFile> f = TRY(c.files->get(fd));
  Superblock* sb = f->inode->sb;
  sb->ops->statfs(*sb, out);
  return 0;
}

Result<long> do_fchmod(const Caller& c, int fd, uint32_t mode) {
  Ref<OpenFile> f = TRY(c.files->get(fd));
  if (f->flags & uapi::kOPath) return Errno::BadF;
  TRY(vfs_chmod(c, *f->inode, mode));
  return 0;
}

Result<long> do_fchmodat(const Caller& c, int dirfd, const char* path, uint32_t mode,
                         uint32_t flags) {
  if (flags & ~(uapi::kAtSymlinkNoFollow | uapi::kAtEmptyPath)) return Errno::Inval;
  Ref<Dentry> d;
  Ref<OpenFile> f;
  Inode* inode = TRY(inode_at(c, dirfd, path, flags, d, f));
  if (inode->is_symlink()) return Errno::OpNotSupp;
  TRY(vfs_chmod(c, *inode, mode));
  return 0;
}

Result<long> do_fchown(const Caller& c, int fd, uint32_t uid, uint32_t gid) {
  Ref<OpenFile> f = TRY(c.files->get(fd));
  if (f->flags & uapi::kOPath) return Errno::BadF;
  TRY(vfs_chown(c, *f->inode, uid, gid));
  return 0;
}

Result<long> do_fchownat(const Caller& c, int dirfd, const char* path, uint32_t uid, uint32_t gid,
                         uint32_t flags) {
  if (flags & ~(uapi::kAtSymlinkNoFollow | uapi::kAtEmptyPath)) return Errno::Inval;
  Ref<Dentry> d;
  Ref<OpenFile> f;
  Inode* inode = TRY(inode_at(c, dirfd, path, flags, d, f));
  TRY(vfs_chown(c, *inode, uid, gid));
  return 0;
}

Result<long> do_utimensat(const Caller& c, int dirfd, const char* path, const uapi::Timespec* times,
                          uint32_t flags) {
  if (flags & ~(uapi::kAtSymlinkNoFollow | uapi::kAtEmptyPath)) return Errno::Inval;
  Ref<Dentry> d;
  Ref<OpenFile> f;
  Inode* inode;
  if (!path) {  // futimens: dirfd's own file
    if (flags & uapi::kAtSymlinkNoFollow) return Errno::Inval;
    if (dirfd == uapi::kAtFdCwd) return Errno::Fault;
    f = TRY(c.files->get(dirfd));
    inode = f->inode.get();
  } else {
    inode = TRY(inode_at(c, dirfd, path, flags, d, f));
  }
  TRY(vfs_utimes(c, *inode, times));
  return 0;
}

Result<long> do_truncate(const Caller& c, const char* path, int64_t length) {
  if (length < 0) return Errno::Inval;
  Ref<Dentry> d = TRY(resolve_at(c, uapi::kAtFdCwd, path, kWalkFollow));
  Inode* inode = d->inode;
  if (inode->is_dir()) return Errno::IsDir;
  if (!inode->is_reg()) return Errno::Inval;
  TRY(permission(c.cred, *inode, kMayWrite));
  TRY(vfs_truncate(*inode, static_cast<uint64_t>(length)));
  return 0;
}

Result<long> do_ftruncate(const Caller& c, int fd, int64_t length) {
  if (length < 0) return Errno::Inval;
  Ref<OpenFile> f = TRY(c.files->get(fd));
  if ((f->flags & uapi::kOPath)) return Errno::BadF;
  if (!f->inode->is_reg() || !f->writable()) return Errno::Inval;
  TRY(vfs_truncate(*f->inode, static_cast<uint64_t>(length)));
  return 0;
}

}  // namespace fs
