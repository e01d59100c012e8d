// fs/inode.cc - inode lifetime, permission checks and timestamps.
//
// Permission follows Linux's generic_permission(): exactly one class of bits applies -
// the owner's if the caller owns the file, else the group's if the caller's group is the
// file's, else the others'. Root (euid 0) may read and write anything and search any
// directory, and may execute a file when at least one of its x bits is set.
#include "fs/inode.hh"

#include "fs/hooks.hh"

namespace fs {

void Inode::put() {
  if (refs.fetch_sub(1, ktl::Order::AcqRel) != 1) return;
  sb->ops->free_inode(this);
}

Result<void> permission(const Credentials& cred, Inode& inode, uint32_t mask) {
  uint32_t perm, uid, gid;
  {
    Guard g(inode.lock);
    perm = inode.perm;
    uid = inode.uid;
    gid = inode.gid;
  }
  if (cred.euid == 0) {
    if (!(mask & kMayExec) || inode.is_dir() || (perm & 0111)) return {};
    return Errno::Acces;
  }
  uint32_t granted;
  if (cred.euid == uid)
    granted = perm >> 6;
  else if (cred.egid == gid)
    granted = perm >> 3;
  else
    granted = perm;
  if ((granted & mask & 7) == (mask & 7)) return {};
  return Errno::Acces;
}

bool is_owner_or_root(const Credentials& cred, Inode& inode) {
  if (cred.euid == 0) return true;
  Guard g(inode.lock);
  return inode.uid == cred.euid;
}

uapi::Timespec now() { return hooks().realtime(); }

void touch_modified(Inode& inode) {
  uapi::Timespec t = now();
  Guard g(inode.lock);
  inode.mtime = inode.ctime = t;
}

void touch_changed(Inode& inode) {
  uapi::Timespec t = now();
  Guard g(inode.lock);
  inode.ctime = t;
}

Kstat stat_inode(Inode& inode) {
  Kstat st{};
  Guard g(inode.lock);
  st.dev = inode.sb->dev;
  st.ino = inode.ino;
  st.nlink = inode.nlink;
  st.rdev = inode.rdev;
  st.size = inode.size;
  st.blocks = inode.blocks;
  st.mode = inode.type | inode.perm;
  st.uid = inode.uid;
  st.gid = inode.gid;
  st.blksize = 4096;
  st.atime = inode.atime;
  st.mtime = inode.mtime;
  st.ctime = inode.ctime;
  return st;
}

uint64_t next_anon_dev() {
  static ktl::Atomic<uint32_t> next_minor{1};
  return uapi::make_dev(0, next_minor.fetch_add(1));
}

}  // namespace fs
