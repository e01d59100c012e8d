// fs/inode.hh - inodes and superblocks: the files themselves.
//
// An Inode is a file as the file system knows it, apart from any name: its type and
// permission bits, owner, link count, size, times, and the file system's own data (for
// ramfs, the pages holding the bytes or a symlink's target). Names live in dentries
// (fs/dentry.hh), which point at inodes; several names may share one inode (hard links,
// counted by nlink). An inode is freed when the last reference goes - a dentry, an open
// file, a path walk in progress - so a file that is unlinked while open lives until it
// is closed, as on every Unix.
//
// A Superblock is one mounted file system: how to make and free its inodes (SuperOps),
// its device number for st_dev, its root dentry and where it is mounted.
//
// Locking: Inode::lock guards the fields marked `lock` (never held across a copy to or
// from user memory, see fs/io_cursor.hh). `type`, `ino`, `sb` and `ops` never change.
// refs is atomic. Superblock::covered and Dentry::mounted are guarded by tree_lock.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "fs/lock.hh"
#include "lib/atomic.hh"
#include "lib/result.hh"
#include "uapi/fcntl.hh"
#include "uapi/stat.hh"
#include "uapi/time.hh"

namespace fs {

using ktl::Errno;
using ktl::Result;

struct Inode;
struct Dentry;
struct Superblock;
struct FileOps;

// Who is asking, for permission checks. Files are checked against the effective ids
// (Linux's fsuid/fsgid); access(2) passes the real ones. uid 0 is root and bypasses the
// permission bits (but executing still needs some x bit).
struct Credentials {
  uint32_t uid = 0, gid = 0;    // real
  uint32_t euid = 0, egid = 0;  // effective: owner of new files, checked on access
};

inline constexpr uint32_t kMayExec = 1, kMayWrite = 2, kMayRead = 4;

struct SuperOps {
  // A new inode of `type` (uapi kSIf*) with nlink 0 and no data; the VFS fills the rest.
  // Errors: NoSpc, NoMem, Perm (this file system makes no new files).
  Result<Inode*> (*alloc_inode)(Superblock& sb, uint32_t type);
  // The last reference is gone: free the data and the inode.
  void (*free_inode)(Inode* inode);
  void (*statfs)(Superblock& sb, uapi::Statfs& out);
};

struct InodeOps {
  const FileOps* file_ops;  // what open() installs (null for devices: picked by rdev)
  // Regular files: set the size, dropping or zero-extending data. Errors: NoSpc, FBig.
  Result<void> (*truncate)(Inode& inode, uint64_t size);
  // Symlinks: store the target at creation / copy it out (no NUL). Errors: NoSpc, NoMem.
  Result<void> (*set_target)(Inode& inode, const char* target, size_t len);
  size_t (*read_target)(Inode& inode, char* buf, size_t size);
};

struct Superblock {
  const SuperOps* ops = nullptr;
  uint64_t dev = 0;           // st_dev
  int64_t magic = 0;          // statfs f_type
  Dentry* root = nullptr;     // set when the fs is made; holds a reference
  Dentry* covered = nullptr;  // tree_lock: the dentry this fs is mounted on
  ktl::Atomic<uint64_t> next_ino{1};
  void* data = nullptr;  // the file system's own
};

struct Inode {
  ktl::Atomic<int> refs{1};
  Superblock* sb = nullptr;       // fixed
  uint64_t ino = 0;               // fixed
  uint32_t type = 0;              // fixed: kSIfReg, kSIfDir, ...
  const InodeOps* ops = nullptr;  // fixed

  Lock lock{"inode"};
  uint32_t perm = 0;                         // lock: the low 12 mode bits
  uint32_t uid = 0, gid = 0;                 // lock
  uint32_t nlink = 0;                        // lock (changed with tree_lock also held)
  uint64_t size = 0;                         // lock
  uint64_t rdev = 0;                         // fixed after creation: devices
  uint64_t blocks = 0;                       // lock: 512-byte units in use
  uapi::Timespec atime{}, mtime{}, ctime{};  // lock
  void* data = nullptr;                      // lock: the file system's own

  void get() { refs.fetch_add(1, ktl::Order::Relaxed); }
  void put();

  bool is_dir() const { return type == uapi::kSIfDir; }
  bool is_reg() const { return type == uapi::kSIfReg; }
  bool is_symlink() const { return type == uapi::kSIfLnk; }
  bool is_device() const { return type == uapi::kSIfChr || type == uapi::kSIfBlk; }
  uint32_t mode() {
    Guard g(lock);
    return type | perm;
  }
};

// Checks `mask` (kMay*) against inode's bits for `cred`. Errors: Acces.
Result<void> permission(const Credentials& cred, Inode& inode, uint32_t mask);
// True when cred may change inode's attributes as its owner (or is root).
bool is_owner_or_root(const Credentials& cred, Inode& inode);

// The wall clock for timestamps (through the process hooks).
uapi::Timespec now();
// Sets ctime and mtime to now (a change of contents: write, a directory's entries).
void touch_modified(Inode& inode);
// Sets ctime to now (a change of attributes: chmod, link count).
void touch_changed(Inode& inode);

// A full stat of `inode`, in the kernel's neutral form (fs/stat.hh encodes it).
struct Kstat {
  uint64_t dev, ino, nlink, rdev, size, blocks;
  uint32_t mode, uid, gid, blksize;
  uapi::Timespec atime, mtime, ctime;
};
Kstat stat_inode(Inode& inode);

// Inode numbers and device numbers: one counter per superblock, and an anonymous
// device number (major 0) per file system instance.
uint64_t next_anon_dev();

}  // namespace fs
