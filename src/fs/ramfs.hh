// fs/ramfs.hh - ramfs: a file system that lives entirely in memory.
//
// ramfs is SeaOS's root file system (filled from the initrd at boot) and, mounted a
// second time on /dev, its devfs. It has no storage of its own: directories are the
// dentry tree itself (fs/dentry.hh), a regular file's bytes are whole pages kept in a
// PageTree (fs/page_tree.hh), a symlink's target is a heap string, and a device node is
// just its number. Pages come from a PageSource, so they are the physical pages that
// mmap will map. Unlike Linux's ramfs, this one has a size limit (max_pages): a full
// ramfs makes writes fail with ENOSPC instead of eating the memory the kernel needs.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "fs/inode.hh"
#include "fs/page_source.hh"
#include "fs/page_tree.hh"

namespace fs {

// A new ramfs with an empty root directory (mode 0755, owned by root) whose files may
// hold at most `max_pages` pages. Errors: NoMem.
Result<Superblock*> ramfs_new(const PageSource& pages, size_t max_pages, int64_t magic);
// Removes everything in the file system and frees it. Nothing may use it any more
// (no open files, no cwd inside, not mounted anywhere).
void ramfs_destroy(Superblock* sb);
// Pages its files hold now.
size_t ramfs_pages_used(Superblock* sb);

// Kernel-side access to a regular file's bytes, with no user copy and not through
// read(2)'s path: the initrd unpacker writes files with these, exec reads programs.
// store: Errors: NoSpc (partial stores return the count), FBig, Inval (not regular).
Result<size_t> ramfs_store(Inode& inode, uint64_t pos, const void* data, size_t len);
Result<size_t> ramfs_load(Inode& inode, uint64_t pos, void* buf, size_t len);

// The page holding byte `offset` of a regular ramfs file (its physical address), or 0 for
// a hole: what the page cache / mmap will use. Inode lock taken inside.
uint64_t ramfs_page_at(Inode& inode, uint64_t offset);

}  // namespace fs
