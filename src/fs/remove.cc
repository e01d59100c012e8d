// fs/remove.cc - removing names: unlink and rmdir.
//
// Removing a name needs write and search permission on the directory, not on the file;
// in a sticky directory (/tmp) the caller must also own the file or the directory. The
// inode itself goes away only when its last name and its last open file are gone
// (Inode::put), so unlinking an open file is safe. A directory must be empty to go,
// and "." and ".." cannot be removed by those names. The errors of the corner cases
// follow Linux: unlink of a directory is EISDIR (POSIX also allows EPERM), rmdir of "."
// is EINVAL, of ".." ENOTEMPTY, of "/" EBUSY.
#include "fs/vfs.hh"

namespace fs {

static bool is_mount_point_locked(Dentry* d) { return d->mounted || d->parent == d; }

Result<void> may_delete_locked(const Caller& c, Dentry* dir, Dentry* victim, bool want_dir) {
  TRY(permission(c.cred, *dir->inode, kMayWrite | kMayExec));
  uint32_t dir_perm, dir_uid, victim_uid;
  {
    Guard g(dir->inode->lock);
    dir_perm = dir->inode->perm;
    dir_uid = dir->inode->uid;
  }
  {
    Guard g(victim->inode->lock);
    victim_uid = victim->inode->uid;
  }
  if ((dir_perm & uapi::kSIsVtx) && c.cred.euid != 0 && c.cred.euid != victim_uid &&
      c.cred.euid != dir_uid)
    return Errno::Perm;
  bool is_dir = victim->inode->is_dir();
  if (want_dir && !is_dir) return Errno::NotDir;
  if (!want_dir && is_dir) return Errno::IsDir;
  if (is_mount_point_locked(victim)) return Errno::Busy;
  return {};
}

Result<void> vfs_unlink(const Caller& c, Dentry* start, const char* path) {
  ParentWalk pw;
  TRY(walk_parent(c, start, path, pw));
  if (pw.kind != LastKind::Normal) return Errno::IsDir;
  Dentry* dir = pw.dir.get();
  Ref<Dentry> victim;
  {
    Guard g(tree_lock);
    Dentry* d = lookup_child_locked(dir, pw.name, pw.len);
    if (!d) return Errno::NoEnt;
    if (pw.trailing_slash) return d->inode->is_dir() ? Errno::IsDir : Errno::NotDir;
    TRY(may_delete_locked(c, dir, d, false));
    victim = Ref<Dentry>(d);
    detach_locked(d);
    uapi::Timespec t = now();
    {
      Guard ig(d->inode->lock);
      --d->inode->nlink;
      d->inode->ctime = t;
    }
    Guard dg(dir->inode->lock);
    dir->inode->mtime = dir->inode->ctime = t;
  }
  return {};  // victim's reference goes now, outside the lock: it may free the inode
}

Result<void> vfs_rmdir(const Caller& c, Dentry* start, const char* path) {
  ParentWalk pw;
  TRY(walk_parent(c, start, path, pw));
  if (pw.kind == LastKind::DotDot) return Errno::NotEmpty;
  if (pw.kind == LastKind::Dot) return Errno::Inval;
  if (pw.kind == LastKind::Root) return Errno::Busy;
  Dentry* dir = pw.dir.get();
  Ref<Dentry> victim;
  {
    Guard g(tree_lock);
    Dentry* d = lookup_child_locked(dir, pw.name, pw.len);
    if (!d) return Errno::NoEnt;
    TRY(may_delete_locked(c, dir, d, true));
    if (!d->children.empty()) return Errno::NotEmpty;
    victim = Ref<Dentry>(d);
    detach_locked(d);
    uapi::Timespec t = now();
    {
      Guard ig(d->inode->lock);
      d->inode->nlink = 0;
      d->inode->ctime = t;
    }
    Guard dg(dir->inode->lock);
    --dir->inode->nlink;
    dir->inode->mtime = dir->inode->ctime = t;
  }
  return {};
}

}  // namespace fs
