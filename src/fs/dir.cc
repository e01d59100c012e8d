// fs/dir.cc - reading directories: getdents64 over the dentry tree.
//
// A directory's listing is "." and "..", then its children in the order they were
// linked. The open file's position is a cookie, not a byte offset: 0 and 1 stand for
// "." and "..", and every child carries the `position` its parent gave it when it was
// linked (dentry.hh), increasing and never reused. A listing continues at the first
// child whose position is at least the cookie, so names added or removed between two
// getdents64 calls neither repeat nor hide the names that stayed (a renamed entry gets a
// new position and may show up again, which POSIX allows). lseek(fd, 0, SEEK_SET)
// rewinds; any other value is taken as a cookie that getdents64 returned.
#include "fs/vfs.hh"
#include "lib/string.hh"

namespace fs {
namespace {

Result<size_t> directory_io(OpenFile&, const Caller&, IoCursor&, uint64_t*) { return Errno::IsDir; }

// Appends one record at buf+*used if it fits in `limit`; false when it does not.
bool emit(char* buf, size_t* used, size_t limit, uint64_t ino, uint64_t next, uint8_t type,
          const char* name, size_t len) {
  size_t reclen = (offsetof(uapi::LinuxDirent64, name) + len + 1 + 7) & ~size_t{7};
  if (*used + reclen > limit) return false;
  auto* d = reinterpret_cast<uapi::LinuxDirent64*>(buf + *used);
  memset(d, 0, reclen);
  d->ino = ino;
  d->off = static_cast<int64_t>(next);
  d->reclen = static_cast<uint16_t>(reclen);
  d->type = type;
  memcpy(d->name, name, len);
  *used += reclen;
  return true;
}

uint8_t dirent_type(const Inode* inode) { return static_cast<uint8_t>(inode->type >> 12); }

}  // namespace

const FileOps kDirectoryFileOps = {directory_io, directory_io, nullptr, nullptr, nullptr, true};

Result<size_t> vfs_getdents(OpenFile& f, IoCursor& out) {
  if (!f.dentry || !f.inode->is_dir()) return Errno::NotDir;
  Bounce bounce;
  if (!bounce.ok()) return Errno::NoMem;
  size_t limit = out.remaining() < Bounce::kSize ? out.remaining() : Bounce::kSize;
  size_t used = 0;
  uint64_t pos;
  {
    Guard g(f.lock);
    pos = f.pos;
  }
  {
    Guard g(tree_lock);
    Dentry* d = f.dentry.get();
    bool full = false;
    if (pos == 0) {
      full = !emit(bounce.data(), &used, limit, d->inode->ino, 1, uapi::kDtDir, ".", 1);
      if (!full) pos = 1;
    }
    if (!full && pos == 1) {
      full = !emit(bounce.data(), &used, limit, d->parent->inode->ino, 2, uapi::kDtDir, "..", 2);
      if (!full) pos = 2;
    }
    if (!full && !d->unlinked) {
      d->children.for_each([&](Dentry* child) {
        if (full || child->position < pos) return;
        full = !emit(bounce.data(), &used, limit, child->inode->ino, child->position + 1,
                     dirent_type(child->inode), child->name, child->name_len);
        if (!full) pos = child->position + 1;
      });
    }
  }
  if (used == 0) {
    // Nothing fitted: either the listing is over (0) or the buffer is too small.
    bool more;
    {
      Guard g(tree_lock);
      more = pos < 2;
      f.dentry->children.for_each([&](Dentry* child) { more = more || child->position >= pos; });
      if (f.dentry->unlinked) more = pos < 2;
    }
    if (more) return Errno::Inval;
  }
  size_t copied = TRY(out.copy_out(bounce.data(), used));
  if (copied < used) return Errno::Fault;
  Guard g(f.lock);
  f.pos = pos;
  return used;
}

}  // namespace fs
