// fs/dentry.hh - directory entries: the names, and the tree they form.
//
// A Dentry binds one name in one directory to an inode. Dentries form the tree a path
// walk descends: each has a parent and a list of children. For ramfs (and devfs, which
// is a ramfs) this tree *is* the file system - there is no other record of directory
// contents - so a dentry lives as long as its name exists, like Linux's ramfs, whose
// dentries are pinned in the dcache. A file system with its own storage would fill
// the tree on demand; SeaOS has none yet.
//
// Mounting: a dentry may have a file system mounted on it (`mounted`); a walk that
// reaches it continues at that file system's root, and ".." from a file system's root
// continues from the dentry it covers.
//
// References: the parent's child list holds one reference to each linked child, and
// every dentry holds one on its parent (a removed directory that is still someone's cwd
// keeps its ancestors). Removing a name (unlink, rmdir, the old name of a rename) takes
// the dentry off its parent's list and marks it `unlinked`; open files and cwds that
// still hold it keep working on the inode.
//
// Locking: tree_lock, one lock for the whole namespace, guards every field marked
// `tree` in every dentry, and is held for the whole of each namespace change (create,
// link, unlink, rename), so those are atomic with respect to each other and to lookups.
// It is a leaf lock with respect to everything but inode locks and the allocators:
// tree_lock -> Inode::lock -> heap/page allocator. Lookups are O(children): simple first.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "fs/inode.hh"
#include "fs/ref.hh"
#include "lib/list.hh"

namespace fs {

struct SiblingTag;

extern Lock tree_lock;

struct Dentry : ktl::ListLink<SiblingTag> {  // the link: parent->children (tree)
  ktl::Atomic<int> refs{1};
  Inode* inode = nullptr;    // fixed; the dentry holds a reference
  Superblock* sb = nullptr;  // fixed

  Dentry* parent = nullptr;                // tree; itself for a file system's root
  char* name = nullptr;                    // tree; NUL-terminated, heap
  uint32_t name_len = 0;                   // tree
  uint64_t position = 0;                   // tree: order in the parent's listing (getdents offset)
  ktl::List<Dentry, SiblingTag> children;  // tree: in `position` order
  uint64_t next_position = 2;              // tree: 0 and 1 are "." and ".."
  Superblock* mounted = nullptr;           // tree: the file system mounted here
  bool unlinked = false;                   // tree: the name is gone

  void get() { refs.fetch_add(1, ktl::Order::Relaxed); }
  void put();
};

// A new, unattached dentry holding a reference to `inode` (the caller's reference is
// not taken). name_len must be 1..255. Errors: NoMem.
Result<Dentry*> dentry_new(Superblock* sb, const char* name, size_t name_len, Inode* inode);
// A file system's root dentry (its parent is itself). Errors: NoMem.
Result<Dentry*> dentry_new_root(Superblock* sb, Inode* inode);

// The linked child of `dir` called [name, name+len), or nullptr. tree_lock held; the
// result is borrowed (take a reference before dropping the lock).
Dentry* lookup_child_locked(Dentry* dir, const char* name, size_t len);
// Links `child` (unattached) under `dir`; the list takes its own reference. tree_lock.
void attach_locked(Dentry* dir, Dentry* child);
// Unlinks `child` from its parent and marks it unlinked; drops the list's reference
// (which never frees it while the caller holds one). tree_lock held.
void detach_locked(Dentry* child);
// Moves `child` under `new_dir` with `new_name` (allocated by the caller, taken over);
// returns the old name for the caller to free after dropping the lock. tree_lock held.
char* move_locked(Dentry* child, Dentry* new_dir, char* new_name, size_t new_len);
// Takes a file system's root to the top of its mount stack and back: the dentry a walk
// lands on at `d` (following mounts) / the dentry above a root (for ".."). tree_lock.
Dentry* follow_mounts_locked(Dentry* d);
// True when `ancestor` is `d` or one of its ancestors (mounts not crossed). tree_lock.
bool is_ancestor_locked(const Dentry* ancestor, const Dentry* d);

// Mounts `sb` (its root made) on `where`, a directory. Errors: Busy (already mounted).
Result<void> mount(Dentry* where, Superblock* sb);

// Unlinks and drops every dentry below `root` (a file system going away; tests).
void prune_tree(Dentry* root);

}  // namespace fs
