// fs/attr.cc - changing what stat reports: chmod, chown, utimensat, truncate.
//
// Only the owner (or root) may chmod; a non-root owner who sets the set-group-ID bit on
// a file of a group not his own has it silently cleared. chown by non-root may only
// change the group, of a file the caller owns, to the caller's group; any chown of a
// non-directory clears set-user-ID and (when group-executable) set-group-ID, so a
// chown cannot hand out privilege. Setting times to "now" needs ownership or write
// permission; setting explicit times needs ownership.
#include "fs/vfs.hh"

namespace fs {

Result<void> vfs_chmod(const Caller& c, Inode& inode, uint32_t perm) {
  if (!is_owner_or_root(c.cred, inode)) return Errno::Perm;
  uapi::Timespec t = now();
  Guard g(inode.lock);
  perm &= uapi::kSPermMask;
  if (c.cred.euid != 0 && inode.gid != c.cred.egid && !inode.is_dir()) perm &= ~uapi::kSIsGid;
  inode.perm = perm;
  inode.ctime = t;
  return {};
}

Result<void> vfs_chown(const Caller& c, Inode& inode, uint32_t uid, uint32_t gid) {
  constexpr uint32_t kKeep = 0xffffffffu;
  uapi::Timespec t = now();
  Guard g(inode.lock);
  if (c.cred.euid != 0) {
    if (uid != kKeep && uid != inode.uid) return Errno::Perm;
    if (gid != kKeep && gid != inode.gid && (inode.uid != c.cred.euid || gid != c.cred.egid))
      return Errno::Perm;
    if (inode.uid != c.cred.euid && (uid != kKeep || gid != kKeep)) return Errno::Perm;
  }
  if (uid != kKeep) inode.uid = uid;
  if (gid != kKeep) inode.gid = gid;
  if (!inode.is_dir()) {  // even chown(f, -1, -1), as on Linux
    inode.perm &= ~uapi::kSIsUid;
    if (inode.perm & uapi::kSIxGrp) inode.perm &= ~uapi::kSIsGid;
  }
  inode.ctime = t;
  return {};
}

Result<void> vfs_utimes(const Caller& c, Inode& inode, const uapi::Timespec* times) {
  uapi::Timespec t = now();
  bool both_now = !times || (times[0].nsec == uapi::kUtimeNow && times[1].nsec == uapi::kUtimeNow);
  if (times) {
    for (int i = 0; i < 2; ++i) {
      int64_t ns = times[i].nsec;
      if (ns != uapi::kUtimeNow && ns != uapi::kUtimeOmit && (ns < 0 || ns >= uapi::kNsPerSec))
        return Errno::Inval;
    }
    if (times[0].nsec == uapi::kUtimeOmit && times[1].nsec == uapi::kUtimeOmit) return {};
  }
  if (!is_owner_or_root(c.cred, inode)) {
    if (!both_now) return Errno::Perm;
    TRY(permission(c.cred, inode, kMayWrite));
  }
  Guard g(inode.lock);
  for (int i = 0; i < 2; ++i) {
    uapi::Timespec& field = i == 0 ? inode.atime : inode.mtime;
    if (!times || times[i].nsec == uapi::kUtimeNow)
      field = t;
    else if (times[i].nsec != uapi::kUtimeOmit)
      field = times[i];
  }
  inode.ctime = t;
  return {};
}

Result<void> vfs_truncate(Inode& inode, uint64_t size) {
  if (inode.is_dir()) return Errno::IsDir;
  if (!inode.is_reg() || !inode.ops->truncate) return Errno::Inval;
  if (size > (uint64_t{1} << 46)) return Errno::FBig;
  TRY(inode.ops->truncate(inode, size));
  touch_modified(inode);
  return {};
}

}  // namespace fs
