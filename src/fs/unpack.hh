// fs/unpack.hh - filling ramfs from a cpio (newc) archive: the initrd becomes the root.
//
// The boot loader leaves the initrd, a cpio "newc" archive, in memory. SeaOS does not
// parse it twice: fs/initrd.cc reads the format (its Archive walks the members) and
// this file turns each member into a file, exactly as Linux's initramfs does:
//   - directories, regular files, symlinks and device/FIFO nodes, with the archive's
//     mode bits, owner, group and modification time;
//   - directories missing on the way are created (mode 0755, root's);
//   - hard links: members sharing (device, inode) with nlink > 1 become names of one
//     inode; the data comes with whichever member carries it (GNU cpio puts it on the
//     last);
//   - a member naming something that already exists replaces it (a directory is only
//     updated), so a later archive can override an earlier one.
// Names are taken relative to the root whatever their leading "/" or "./"; a name with
// a ".." component is refused (EINVAL), so an archive cannot write outside the root.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "fs/dentry.hh"
#include "fs/file.hh"

namespace fs {

// One archive member, as fs/initrd.cc reports it.
struct CpioMember {
  const char* name;
  uint32_t ino, mode, uid, gid, nlink, mtime;
  uint32_t dev_major, dev_minor, rdev_major, rdev_minor;
  const uint8_t* data;
  size_t size;
};

class Unpacker {
 public:
  explicit Unpacker(Dentry* root);
  ~Unpacker();
  Unpacker(const Unpacker&) = delete;
  Unpacker& operator=(const Unpacker&) = delete;

  // Creates what `m` describes. Errors: NoSpc (ramfs full), NoMem, Inval (a bad name or
  // type), NotDir (a path component is a file).
  Result<void> add(const CpioMember& m);
  size_t members() const { return members_; }

 private:
  struct Link {
    uint32_t dev_major, dev_minor, ino;
    Inode* inode;  // a reference
  };
  Result<Ref<Dentry>> make_parents(const char* name, const char** last, size_t* last_len);
  Result<Ref<Dentry>> make_node(Dentry* dir, const char* name, size_t len, const CpioMember& m);
  Inode* find_link(const CpioMember& m);
  Result<void> remember_link(const CpioMember& m, Inode* inode);

  Ref<Dentry> root_;
  Caller caller_;  // root, umask 0
  Link* links_ = nullptr;
  size_t link_count_ = 0, link_capacity_ = 0;
  size_t members_ = 0;
};

// Unpacks every member of `archive` (an initrd::Archive with for_each(fn), see
// docs/files.md) into `root`. Errors: the first error of a member or of the archive.
template <class Archive>
Result<void> unpack_archive(const Archive& archive, Dentry* root) {
  Unpacker unpacker(root);
  return archive.for_each([&unpacker](const auto& m) {
    return unpacker.add(CpioMember{m.name, m.ino, m.mode, m.uid, m.gid, m.nlink, m.mtime,
                                   m.dev_major, m.dev_minor, m.rdev_major, m.rdev_minor, m.data,
                                   m.size});
  });
}

}  // namespace fs
