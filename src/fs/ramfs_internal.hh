// fs/ramfs_internal.hh - what ramfs.cc (inodes) and ramfs_file.cc (file data) share.
#pragma once

#include "fs/file.hh"
#include "fs/ramfs.hh"

namespace fs {

// A ramfs instance's own data (Superblock::data).
struct RamfsInfo {
  const PageSource* pages;            // fixed
  size_t max_pages;                   // fixed
  ktl::Atomic<size_t> used_pages{0};  // pages held by its files
};

inline RamfsInfo& ramfs_info(Superblock& sb) { return *static_cast<RamfsInfo*>(sb.data); }
inline PageTree* ramfs_tree(Inode& inode) { return static_cast<PageTree*>(inode.data); }
inline constexpr uint64_t kRamfsPage = 4096;

// Gives a file page back (ctx: the RamfsInfo): PageTree::truncate's callback.
void ramfs_release_page(void* ctx, uint64_t phys);
// Regular files' open-file operations and size changes (ramfs_file.cc).
extern const FileOps kRamfsFileOps;
Result<void> ramfs_truncate(Inode& inode, uint64_t size);

}  // namespace fs
