// fs/create.cc - new names: mknod, mkdir, symlink, link.
//
// All of them walk to the parent, then under tree_lock check in Linux's order: the
// name must not exist (EEXIST - even before permission, so `mkdir /` says EEXIST), the
// directory must still exist (ENOENT after rmdir) and be writable and searchable
// (EACCES). The new inode belongs to the caller's effective uid, and to the caller's
// effective gid - or to the directory's group when the directory is set-group-ID, in
// which case new subdirectories inherit that bit (the BSD rule Linux keeps).
#include "fs/vfs.hh"
#include "lib/string.hh"

namespace fs {

Result<Ref<Dentry>> create_in(const Caller& c, Dentry* dir, const char* name, size_t len,
                              uint32_t type, uint32_t perm, uint64_t rdev, const char* target) {
  if (len > uapi::kNameMax) return Errno::NameTooLong;
  Guard g(tree_lock);
  if (lookup_child_locked(dir, name, len)) return Errno::Exist;
  if (dir->unlinked) return Errno::NoEnt;
  TRY(permission(c.cred, *dir->inode, kMayWrite | kMayExec));
  Inode* parent = dir->inode;
  if (type == uapi::kSIfDir) {
    Guard pg(parent->lock);
    if (parent->nlink >= kMaxLinks) return Errno::MLink;
  }
  Inode* inode = TRY(dir->sb->ops->alloc_inode(*dir->sb, type));
  Ref<Inode> owned = Ref<Inode>::adopt(inode);
  if (target) TRY(inode->ops->set_target(*inode, target, strlen(target)));
  uint32_t parent_perm, parent_gid;
  {
    Guard pg(parent->lock);
    parent_perm = parent->perm;
    parent_gid = parent->gid;
  }
  uapi::Timespec t = now();
  {
    Guard ig(inode->lock);
    inode->perm = perm & uapi::kSPermMask;
    inode->uid = c.cred.euid;
    inode->gid = c.cred.egid;
    if (parent_perm & uapi::kSIsGid) {
      inode->gid = parent_gid;
      if (type == uapi::kSIfDir) inode->perm |= uapi::kSIsGid;
    }
    inode->rdev = rdev;
    inode->nlink = type == uapi::kSIfDir ? 2 : 1;
    inode->atime = inode->mtime = inode->ctime = t;
  }
  Dentry* d = TRY(dentry_new(dir->sb, name, len, inode));
  attach_locked(dir, d);
  {
    Guard pg(parent->lock);
    if (type == uapi::kSIfDir) ++parent->nlink;
    parent->mtime = parent->ctime = t;
  }
  return Ref<Dentry>::adopt(d);
}

// Walks to the parent of a name to create; "." ".." and "/" already exist.
static Result<void> walk_to_create(const Caller& c, Dentry* start, const char* path,
                                   ParentWalk& pw) {
  TRY(walk_parent(c, start, path, pw));
  if (pw.kind != LastKind::Normal) return Errno::Exist;
  return {};
}

Result<Ref<Dentry>> vfs_mknod(const Caller& c, Dentry* start, const char* path, uint32_t type,
                              uint32_t perm, uint64_t rdev) {
  if (type != uapi::kSIfReg && type != uapi::kSIfChr && type != uapi::kSIfBlk &&
      type != uapi::kSIfIfo && type != uapi::kSIfSock)
    return Errno::Inval;
  if ((type == uapi::kSIfChr || type == uapi::kSIfBlk) && c.cred.euid != 0) return Errno::Perm;
  ParentWalk pw;
  TRY(walk_to_create(c, start, path, pw));
  if (pw.trailing_slash) {  // "name/" may only be a directory
    Guard g(tree_lock);
    return lookup_child_locked(pw.dir.get(), pw.name, pw.len) ? Errno::Exist : Errno::NoEnt;
  }
  return create_in(c, pw.dir.get(), pw.name, pw.len, type, perm & ~c.umask, rdev, nullptr);
}

Result<void> vfs_mkdir(const Caller& c, Dentry* start, const char* path, uint32_t perm) {
  ParentWalk pw;
  TRY(walk_to_create(c, start, path, pw));
  uint32_t bits = perm & (0777 | uapi::kSIsVtx) & ~c.umask;
  TRY(create_in(c, pw.dir.get(), pw.name, pw.len, uapi::kSIfDir, bits, 0, nullptr));
  return {};
}

Result<void> vfs_symlink(const Caller& c, const char* target, Dentry* start, const char* path) {
  if (!target[0]) return Errno::NoEnt;
  ParentWalk pw;
  TRY(walk_to_create(c, start, path, pw));
  if (pw.trailing_slash) {
    Guard g(tree_lock);
    return lookup_child_locked(pw.dir.get(), pw.name, pw.len) ? Errno::Exist : Errno::NoEnt;
  }
  TRY(create_in(c, pw.dir.get(), pw.name, pw.len, uapi::kSIfLnk, 0777, 0, target));
  return {};
}

Result<void> vfs_link(const Caller& c, Dentry* old_start, const char* old_path, bool follow_old,
                      bool empty_old, Dentry* new_start, const char* new_path) {
  uint32_t flags = (follow_old ? kWalkFollow : 0) | (empty_old ? kWalkEmptyPath : 0);
  Ref<Dentry> old = TRY(walk(c, old_start, old_path, flags));
  ParentWalk pw;
  TRY(walk_to_create(c, new_start, new_path, pw));
  Dentry* dir = pw.dir.get();
  Inode* inode = old->inode;
  Guard g(tree_lock);
  if (lookup_child_locked(dir, pw.name, pw.len)) return Errno::Exist;
  if (pw.trailing_slash) return Errno::NoEnt;
  if (old->sb != dir->sb) return Errno::XDev;
  if (dir->unlinked) return Errno::NoEnt;
  TRY(permission(c.cred, *dir->inode, kMayWrite | kMayExec));
  if (inode->is_dir()) return Errno::Perm;
  {
    Guard ig(inode->lock);
    if (inode->nlink == 0) return Errno::NoEnt;
    if (inode->nlink >= kMaxLinks) return Errno::MLink;
  }
  Dentry* d = TRY(dentry_new(dir->sb, pw.name, pw.len, inode));
  attach_locked(dir, d);
  d->put();  // the tree's reference is enough
  uapi::Timespec t = now();
  {
    Guard ig(inode->lock);
    ++inode->nlink;
    inode->ctime = t;
  }
  Guard dg(dir->inode->lock);
  dir->inode->mtime = dir->inode->ctime = t;
  return {};
}

}  // namespace fs
