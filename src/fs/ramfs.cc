// fs/ramfs.cc - ramfs inodes and instances: making, freeing, statfs.
//
// An inode's `data` is what its type needs: a PageTree for a regular file (its bytes are
// handled by ramfs_file.cc), the target string for a symlink, nothing for directories
// (the dentry tree is their content) and device nodes (their number is the inode's rdev).
#include <new>

#include "fs/dentry.hh"
#include "fs/ramfs_internal.hh"
#include "fs/vfs.hh"
#include "lib/string.hh"

namespace fs {
namespace {

Result<void> ramfs_set_target(Inode& inode, const char* target, size_t len) {
  if (len >= uapi::kPathMax) return Errno::NameTooLong;
  char* copy = new (std::nothrow) char[len + 1];
  if (!copy) return Errno::NoMem;
  memcpy(copy, target, len + 1);
  Guard g(inode.lock);
  delete[] static_cast<char*>(inode.data);
  inode.data = copy;
  inode.size = len;
  return {};
}

size_t ramfs_read_target(Inode& inode, char* buf, size_t size) {
  Guard g(inode.lock);
  size_t n = inode.size < size ? inode.size : size;
  memcpy(buf, inode.data, n);
  return n;
}

const InodeOps kRegularOps = {&kRamfsFileOps, ramfs_truncate, nullptr, nullptr};
const InodeOps kDirectoryOps = {&kDirectoryFileOps, nullptr, nullptr, nullptr};
const InodeOps kSymlinkOps = {nullptr, nullptr, ramfs_set_target, ramfs_read_target};
const InodeOps kSpecialOps = {nullptr, nullptr, nullptr, nullptr};

Result<Inode*> ramfs_alloc_inode(Superblock& sb, uint32_t type) {
  Inode* inode = new (std::nothrow) Inode;
  if (!inode) return Errno::NoMem;
  if (type == uapi::kSIfReg) {
    inode->data = new (std::nothrow) PageTree;
    if (!inode->data) {
      delete inode;
      return Errno::NoMem;
    }
  }
  inode->sb = &sb;
  inode->ino = sb.next_ino.fetch_add(1);
  inode->type = type;
  inode->ops = type == uapi::kSIfReg   ? &kRegularOps
               : type == uapi::kSIfDir ? &kDirectoryOps
               : type == uapi::kSIfLnk ? &kSymlinkOps
                                       : &kSpecialOps;
  return inode;
}

void ramfs_free_inode(Inode* inode) {
  if (inode->type == uapi::kSIfReg) {
    ramfs_tree(*inode)->truncate(0, ramfs_release_page, &ramfs_info(*inode->sb));
    delete ramfs_tree(*inode);
  } else if (inode->type == uapi::kSIfLnk) {
    delete[] static_cast<char*>(inode->data);
  }
  delete inode;
}

void ramfs_statfs(Superblock& sb, uapi::Statfs& out) {
  RamfsInfo& ri = ramfs_info(sb);
  size_t used = ri.used_pages.load();
  out = {};
  out.type = sb.magic;
  out.bsize = out.frsize = kRamfsPage;
  out.blocks = ri.max_pages;
  out.bfree = out.bavail = used < ri.max_pages ? ri.max_pages - used : 0;
  out.namelen = uapi::kNameMax;
}

const SuperOps kRamfsSuperOps = {ramfs_alloc_inode, ramfs_free_inode, ramfs_statfs};

}  // namespace

Result<Superblock*> ramfs_new(const PageSource& pages, size_t max_pages, int64_t magic) {
  Superblock* sb = new (std::nothrow) Superblock;
  RamfsInfo* ri = new (std::nothrow) RamfsInfo;
  if (!sb || !ri) {
    delete sb;
    delete ri;
    return Errno::NoMem;
  }
  ri->pages = &pages;
  ri->max_pages = max_pages;
  sb->ops = &kRamfsSuperOps;
  sb->dev = next_anon_dev();
  sb->magic = magic;
  sb->data = ri;
  auto root = ramfs_alloc_inode(*sb, uapi::kSIfDir);
  if (root.is_error()) {
    delete ri;
    delete sb;
    return root.error();
  }
  Inode* inode = root.value();
  inode->perm = 0755;
  inode->nlink = 2;
  inode->atime = inode->mtime = inode->ctime = now();
  auto d = dentry_new_root(sb, inode);
  inode->put();  // the dentry holds it now (or it is freed on failure)
  if (d.is_error()) {
    delete ri;
    delete sb;
    return d.error();
  }
  sb->root = d.value();
  return sb;
}

void ramfs_destroy(Superblock* sb) {
  prune_tree(sb->root);
  sb->root->put();
  delete static_cast<RamfsInfo*>(sb->data);
  delete sb;
}

size_t ramfs_pages_used(Superblock* sb) { return ramfs_info(*sb).used_pages.load(); }

uint64_t ramfs_page_at(Inode& inode, uint64_t offset) {
  Guard g(inode.lock);
  if (!inode.is_reg() || offset >= inode.size) return 0;
  return ramfs_tree(inode)->lookup(offset / kRamfsPage);
}

}  // namespace fs
