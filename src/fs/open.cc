// fs/open.cc - open(2): from a path and flags to an OpenFile.
//
// Without O_CREAT, open is a walk (following a final symlink unless O_NOFOLLOW) and
// then the checks of Linux's may_open: a symlink reached with O_NOFOLLOW is ELOOP, a
// directory opened for writing (or with O_TRUNC) is EISDIR, and the access mode must be
// allowed by the permission bits (EACCES). With O_CREAT the last component is looked up
// in its parent: if it is missing a regular file is created (the caller's umask applied,
// and no permission check on the new file: open("f", O_CREAT|O_WRONLY, 0444) works
// once); if it exists, O_EXCL gives EEXIST and a symlink is followed - even a dangling
// one, whose target is then created - unless O_EXCL or O_NOFOLLOW. A trailing slash
// with O_CREAT is EISDIR. O_TRUNC empties an existing regular file.
// O_PATH gives a descriptor that only names the file (fstat, *at, fchdir): no checks,
// and read/write give EBADF. O_TMPFILE is not supported by ramfs (EOPNOTSUPP).
#include <new>

#include "fs/devices.hh"
#include "fs/vfs.hh"

namespace fs {
namespace {

Result<size_t> path_only_io(OpenFile&, const Caller&, IoCursor&, uint64_t*) { return Errno::BadF; }
const FileOps kPathOnlyOps = {path_only_io, path_only_io, nullptr, nullptr, nullptr, false};

// The permission an open asks for.
uint32_t access_mask(uint32_t flags) {
  uint32_t mask = 0;
  switch (flags & uapi::kOAccMode) {
    case uapi::kORdOnly:
      mask = kMayRead;
      break;
    case uapi::kOWrOnly:
      mask = kMayWrite;
      break;
    default:
      mask = kMayRead | kMayWrite;
      break;
  }
  if (flags & uapi::kOTrunc) mask |= kMayWrite;
  return mask;
}

}  // namespace

Result<Ref<OpenFile>> open_dentry(const Caller& c, Dentry* d, uint32_t flags, bool created) {
  Inode* inode = d->inode;
  if (flags & uapi::kOPath) return open_file_new(&kPathOnlyOps, d, inode, flags & ~uapi::kOCloexec);
  if ((flags & uapi::kODirectory) && !inode->is_dir()) return Errno::NotDir;
  uint32_t mask = access_mask(flags);
  if (inode->is_symlink()) return Errno::Loop;
  if (inode->is_dir() && (mask & kMayWrite)) return Errno::IsDir;
  if (!created) TRY(permission(c.cred, *inode, mask));
  if ((flags & uapi::kONoAtime) && !is_owner_or_root(c.cred, *inode)) return Errno::Perm;

  const FileOps* ops = inode->ops ? inode->ops->file_ops : nullptr;
  const CharDevice* dev = nullptr;
  if (inode->type == uapi::kSIfChr) {
    dev = find_char_device(inode->rdev);
    if (!dev) return Errno::NxIo;
    ops = dev->ops;
  }
  if (!ops) return Errno::NxIo;  // FIFOs, sockets, block devices: no driver yet
  // What F_GETFL reports: Linux drops the creation-time flags and O_CLOEXEC (a property
  // of the descriptor), and adds O_LARGEFILE on 64-bit machines.
  uint32_t kept = (flags | uapi::kOLargeFile) &
                  ~(uapi::kOCreat | uapi::kOExcl | uapi::kOTrunc | uapi::kOCloexec);
  Ref<OpenFile> f = TRY(open_file_new(ops, d, inode, kept));  // O_NOCTTY still in: for open()
  if (dev && dev->open) TRY(dev->open(*f, c, uapi::dev_minor(inode->rdev)));
  f->flags &= ~uapi::kONoCtty;
  if ((flags & uapi::kOTrunc) && inode->is_reg() && !created) TRY(vfs_truncate(*inode, 0));
  return f;
}

Result<Ref<OpenFile>> vfs_open(const Caller& c, Dentry* start, const char* path, uint32_t flags,
                               uint32_t perm) {
  if ((flags & uapi::kOTmpFileBit)) return Errno::OpNotSupp;
  if (flags & uapi::kOPath)
    flags &= uapi::kOPath | uapi::kODirectory | uapi::kONoFollow | uapi::kOCloexec;
  bool follow = !(flags & uapi::kONoFollow);
  if (!(flags & uapi::kOCreat)) {
    uint32_t wf = (follow ? kWalkFollow : 0) | ((flags & uapi::kODirectory) ? kWalkDirectory : 0);
    Ref<Dentry> d = TRY(walk(c, start, path, wf));
    return open_dentry(c, d.get(), flags, false);
  }
  if (flags & uapi::kODirectory) return Errno::Inval;

  // O_CREAT: walk to the parent; follow a final symlink by walking its target.
  Ref<Dentry> dir(start);
  const char* name = path;
  char* link_buf = nullptr;  // the current symlink target, once one was followed
  Result<Ref<OpenFile>> result = Errno::Loop;
  for (int links = 0; links <= kMaxSymlinks; ++links) {
    ParentWalk pw;
    Result<void> walked = walk_parent(c, dir.get(), name, pw);
    if (walked.is_error()) {
      result = walked.error();
      break;
    }
    if (pw.kind != LastKind::Normal || pw.trailing_slash) {
      result = Errno::IsDir;
      break;
    }
    Ref<Dentry> existing;
    {
      Guard g(tree_lock);
      Dentry* e = lookup_child_locked(pw.dir.get(), pw.name, pw.len);
      if (e) existing = Ref<Dentry>(follow_mounts_locked(e));
    }
    if (!existing) {
      auto made = create_in(c, pw.dir.get(), pw.name, pw.len, uapi::kSIfReg,
                            perm & ~c.umask & uapi::kSPermMask, 0, nullptr);
      if (made.is_error() && made.error() == Errno::Exist) {
        --links;  // lost a race with another creator: look again
        continue;
      }
      result = made.is_error() ? Result<Ref<OpenFile>>(made.error())
                               : open_dentry(c, made.value().get(), flags, true);
      break;
    }
    if (flags & uapi::kOExcl) {
      result = Errno::Exist;
      break;
    }
    Inode* inode = existing->inode;
    if (!inode->is_symlink() || !follow) {
      result = inode->is_dir() ? Result<Ref<OpenFile>>(Errno::IsDir)
                               : open_dentry(c, existing.get(), flags, false);
      break;
    }
    // A symlink: continue with its target, relative to the link's directory.
    if (!link_buf) link_buf = new (std::nothrow) char[uapi::kPathMax];
    if (!link_buf) {
      result = Errno::NoMem;
      break;
    }
    size_t n = inode->ops->read_target(*inode, link_buf, uapi::kPathMax - 1);
    link_buf[n] = '\0';
    dir = pw.dir;
    name = link_buf;
  }
  delete[] link_buf;
  return result;
}

Result<Ref<Dentry>> exec_lookup(const Caller& c, Dentry* start, const char* path) {
  Ref<Dentry> d = TRY(walk(c, start, path, kWalkFollow));
  if (!d->inode->is_reg()) return Errno::Acces;
  TRY(permission(c.cred, *d->inode, kMayExec));
  return d;
}

}  // namespace fs
