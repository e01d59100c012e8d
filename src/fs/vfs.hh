// fs/vfs.hh - the file operations every system call is built from.
//
// Each function here takes the caller (credentials, umask, root), a starting directory
// for relative paths (the *at() dirfd, already resolved) and kernel strings, and does
// one whole operation with Linux's checks in Linux's order, so that the error a program
// sees is the one it would see on Linux. They are the layer between the system call
// functions (fs/syscalls_*.cc: descriptors, flags, user structures) and the dentry tree
// (fs/dentry.hh). Implementations: create.cc (mknod, mkdir, symlink, link), remove.cc
// (unlink, rmdir), rename.cc, open.cc, attr.cc (chmod, chown, utimes, truncate).
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "fs/dentry.hh"
#include "fs/file.hh"
#include "fs/walk.hh"

namespace fs {

inline constexpr uint32_t kMaxLinks = 65000;  // EMLINK beyond this many names

// Makes a node of `type` (kSIfReg, kSIfChr, kSIfBlk, kSIfIfo) at path; perm is masked
// by the caller's umask. Errors: Exist, NoEnt, NotDir, Acces, NoSpc, NoMem, Perm.
Result<Ref<Dentry>> vfs_mknod(const Caller& c, Dentry* start, const char* path, uint32_t type,
                              uint32_t perm, uint64_t rdev);
Result<void> vfs_mkdir(const Caller& c, Dentry* start, const char* path, uint32_t perm);
// A symlink at `path` holding `target` (not checked, may dangle). Errors: as mknod.
Result<void> vfs_symlink(const Caller& c, const char* target, Dentry* start, const char* path);
// A new name `new_path` for what `old_path` names (followed when `follow_old`, ""
// allowed with `empty_old`). Errors: Exist, XDev, Perm (a directory), MLink, NoEnt...
Result<void> vfs_link(const Caller& c, Dentry* old_start, const char* old_path, bool follow_old,
                      bool empty_old, Dentry* new_start, const char* new_path);

// Errors: IsDir, NoEnt, NotDir, Acces, Perm (sticky directory), Busy (a mount point).
Result<void> vfs_unlink(const Caller& c, Dentry* start, const char* path);
// Errors: NotDir, NotEmpty, Inval ("."), Busy ("/" or a mount point), NoEnt, Acces, Perm.
Result<void> vfs_rmdir(const Caller& c, Dentry* start, const char* path);
// renameat2. flags: uapi kRename*. Errors: Inval (flags; a directory into itself), XDev,
// Busy, Exist (NOREPLACE), NoEnt, NotDir, IsDir, NotEmpty, Acces, Perm.
Result<void> vfs_rename(const Caller& c, Dentry* old_start, const char* old_path, Dentry* new_start,
                        const char* new_path, uint32_t flags);

// open(2) on a path; flags in the internal numbering, `perm` for O_CREAT (umask applied).
// Errors: everything walk() gives, Exist (O_EXCL), IsDir, NotDir (O_DIRECTORY), Loop
// (O_NOFOLLOW on a symlink), Acces, NxIo (no driver for a device), Inval, NoSpc, NoMem.
Result<Ref<OpenFile>> vfs_open(const Caller& c, Dentry* start, const char* path, uint32_t flags,
                               uint32_t perm);
// Opens a dentry already found (checks and truncation included; `created` skips both).
Result<Ref<OpenFile>> open_dentry(const Caller& c, Dentry* d, uint32_t flags, bool created);

// The file execve(path) would run: symlinks followed, a regular file the caller may
// execute (read its bytes with ramfs_load, or map its pages). Errors: walk's, Acces (not
// a regular file, or no x permission).
Result<Ref<Dentry>> exec_lookup(const Caller& c, Dentry* start, const char* path);

// Attribute changes. uid/gid of -1 (0xffffffff) mean "unchanged". Errors: Perm, Inval.
Result<void> vfs_chmod(const Caller& c, Inode& inode, uint32_t perm);
Result<void> vfs_chown(const Caller& c, Inode& inode, uint32_t uid, uint32_t gid);
// times[0] = atime, times[1] = mtime with kUtimeNow/kUtimeOmit; null: both now.
// Errors: Perm, Acces, Inval (nsec out of range).
Result<void> vfs_utimes(const Caller& c, Inode& inode, const uapi::Timespec* times);
// Regular files only: IsDir for a directory, Inval otherwise. Errors: NoSpc, FBig.
Result<void> vfs_truncate(Inode& inode, uint64_t size);

// The FileOps of directories (reads give EISDIR; getdents64 is vfs_getdents).
extern const FileOps kDirectoryFileOps;
// Fills `out` with linux_dirent64 records from the directory's position, advancing
// it. Returns the bytes written. Errors: NotDir, Inval (out too small for one entry).
Result<size_t> vfs_getdents(OpenFile& f, IoCursor& out);

// Internal: makes [name, len) in `dir` (tree_lock not held) with the given type and
// final permission bits, owned by the caller. Errors: Exist, NoEnt, Acces, MLink, ...
Result<Ref<Dentry>> create_in(const Caller& c, Dentry* dir, const char* name, size_t len,
                              uint32_t type, uint32_t perm, uint64_t rdev, const char* target);

// Deletion checks shared by unlink, rmdir and rename (tree_lock held): write and search
// on `dir`, the sticky bit, and the victim's type against `want_dir`.
Result<void> may_delete_locked(const Caller& c, Dentry* dir, Dentry* victim, bool want_dir);

}  // namespace fs
