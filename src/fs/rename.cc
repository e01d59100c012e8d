// fs/rename.cc - renameat2: moving a name, atomically.
//
// rename(old, new) makes `new` name what `old` named, replacing what `new` named (which
// must then be of the same kind, and an empty directory if a directory), all under
// tree_lock so no walk ever sees neither or both. The checks, in Linux's order:
//   flags            unknown bits, or NOREPLACE/WHITEOUT with EXCHANGE: EINVAL
//   mounts           the two parents on different file systems: EXDEV
//   "." ".." "/"     as the last component of either path: EBUSY
//   existence        old missing: ENOENT; NOREPLACE and new exists: EEXIST;
//                    EXCHANGE and new missing: ENOENT; a non-directory with a slash: ENOTDIR
//   loops            old is an ancestor of new's directory: EINVAL (a directory into
//                    itself); new is an ancestor of old: ENOTEMPTY
//   same file        old and new are links to one inode: nothing happens, success
//   permissions      as for unlink in both directories (EACCES, EPERM for sticky),
//                    EISDIR/ENOTDIR when the kinds differ, and write permission on a
//                    directory that changes parent (its ".." changes): EACCES
//   target           a non-empty directory: ENOTEMPTY; a mount point: EBUSY
// RENAME_EXCHANGE swaps the two names. RENAME_WHITEOUT (for overlay file systems) is
// not supported by ramfs, like Linux's ramfs: EINVAL.
#include <new>

#include "fs/vfs.hh"
#include "lib/string.hh"

namespace fs {
namespace {

char* copy_name(const ParentWalk& pw) {
  char* s = new (std::nothrow) char[pw.len + 1];
  if (s) memcpy(s, pw.name, pw.len + 1);
  return s;
}

void adjust_nlink(Inode* dir, int delta, uapi::Timespec t) {
  Guard g(dir->lock);
  dir->nlink += delta;
  dir->mtime = dir->ctime = t;
}

// The checks and the move, with tree_lock held. Names are taken over on success.
Result<void> rename_locked(const Caller& c, ParentWalk& op, ParentWalk& np, uint32_t flags,
                           char*& name_for_old, char*& name_for_new, Ref<Dentry>& replaced) {
  bool exchange = flags & uapi::kRenameExchange;
  Dentry* old_dir = op.dir.get();
  Dentry* new_dir = np.dir.get();
  Dentry* old = lookup_child_locked(old_dir, op.name, op.len);
  if (!old) return Errno::NoEnt;
  Dentry* target = lookup_child_locked(new_dir, np.name, np.len);
  if ((flags & uapi::kRenameNoReplace) && target) return Errno::Exist;
  if (exchange) {
    if (!target) return Errno::NoEnt;
    if (np.trailing_slash && !target->inode->is_dir()) return Errno::NotDir;
  }
  bool is_dir = old->inode->is_dir();
  if (!is_dir && (op.trailing_slash || (!exchange && np.trailing_slash))) return Errno::NotDir;
  if (is_ancestor_locked(old, new_dir)) return Errno::Inval;
  if (target && is_ancestor_locked(target, old_dir))
    return exchange ? Errno::Inval : Errno::NotEmpty;
  if (target && target->inode == old->inode) return {};

  TRY(may_delete_locked(c, old_dir, old, is_dir));
  if (!target) {
    if (new_dir->unlinked) return Errno::NoEnt;
    TRY(permission(c.cred, *new_dir->inode, kMayWrite | kMayExec));
  } else {
    TRY(may_delete_locked(c, new_dir, target, exchange ? target->inode->is_dir() : is_dir));
  }
  bool target_dir = target && target->inode->is_dir();
  if (old_dir != new_dir) {
    if (is_dir) TRY(permission(c.cred, *old->inode, kMayWrite));
    if (exchange && target_dir) TRY(permission(c.cred, *target->inode, kMayWrite));
  }
  if (!exchange && target_dir && !target->children.empty()) return Errno::NotEmpty;

  uapi::Timespec t = now();
  if (exchange) {
    char* old_freed = move_locked(old, new_dir, name_for_old, np.len);
    char* tgt_freed = move_locked(target, old_dir, name_for_new, op.len);
    name_for_old = old_freed;  // handed back for the caller to free
    name_for_new = tgt_freed;
    if (is_dir != target_dir && old_dir != new_dir) {
      int moved = is_dir ? 1 : -1;  // net subdirectories arriving in new_dir
      adjust_nlink(new_dir->inode, moved, t);
      adjust_nlink(old_dir->inode, -moved, t);
    }
  } else {
    if (target) {
      replaced = Ref<Dentry>(target);
      detach_locked(target);
      Guard g(target->inode->lock);
      target->inode->nlink = target_dir ? 0 : target->inode->nlink - 1;
      target->inode->ctime = t;
    }
    name_for_old = move_locked(old, new_dir, name_for_old, np.len);
    if (is_dir && old_dir != new_dir) {
      adjust_nlink(old_dir->inode, -1, t);
      adjust_nlink(new_dir->inode, target_dir ? 0 : 1, t);
    } else if (target_dir) {
      adjust_nlink(new_dir->inode, -1, t);
    }
  }
  adjust_nlink(old_dir->inode, 0, t);
  adjust_nlink(new_dir->inode, 0, t);
  touch_changed(*old->inode);
  return {};
}

}  // namespace

Result<void> vfs_rename(const Caller& c, Dentry* old_start, const char* old_path, Dentry* new_start,
                        const char* new_path, uint32_t flags) {
  const uint32_t known = uapi::kRenameNoReplace | uapi::kRenameExchange | uapi::kRenameWhiteout;
  if (flags & ~known) return Errno::Inval;
  if ((flags & uapi::kRenameExchange) && (flags & (uapi::kRenameNoReplace | uapi::kRenameWhiteout)))
    return Errno::Inval;
  if (flags & uapi::kRenameWhiteout) return Errno::Inval;
  ParentWalk op, np;
  TRY(walk_parent(c, old_start, old_path, op));
  TRY(walk_parent(c, new_start, new_path, np));
  if (op.dir->sb != np.dir->sb) return Errno::XDev;
  if (op.kind != LastKind::Normal) return Errno::Busy;
  if (np.kind != LastKind::Normal)
    return (flags & uapi::kRenameNoReplace) ? Errno::Exist : Errno::Busy;

  char* name_for_old = copy_name(np);  // old's new name
  char* name_for_new = copy_name(op);  // (exchange) the target's new name
  if (!name_for_old || !name_for_new) {
    delete[] name_for_old;
    delete[] name_for_new;
    return Errno::NoMem;
  }
  Ref<Dentry> replaced;  // dropped after the lock: it may free an inode
  Result<void> r;
  {
    Guard g(tree_lock);
    r = rename_locked(c, op, np, flags, name_for_old, name_for_new, replaced);
  }
  delete[] name_for_old;  // on success these are the names the dentries gave up
  delete[] name_for_new;
  return r;
}

}  // namespace fs
