// fs/unpack.cc - one cpio member at a time into ramfs.
#include "fs/unpack.hh"

#include <new>

#include "fs/ramfs.hh"
#include "fs/vfs.hh"
#include "lib/string.hh"

namespace fs {

Unpacker::Unpacker(Dentry* root) : root_(root) {
  caller_.umask = 0;
  caller_.fs = nullptr;
}

Unpacker::~Unpacker() {
  for (size_t i = 0; i < link_count_; ++i) links_[i].inode->put();
  delete[] links_;
}

// Walks (creating directories as needed) to the directory holding the last component of
// `name`; returns it and where the last component is.
Result<Ref<Dentry>> Unpacker::make_parents(const char* name, const char** last, size_t* last_len) {
  Ref<Dentry> dir = root_;
  const char* p = name;
  for (;;) {
    while (*p == '/') ++p;
    const char* end = p;
    while (*end && *end != '/') ++end;
    size_t len = static_cast<size_t>(end - p);
    const char* rest = end;
    while (*rest == '/') ++rest;
    if (!*rest) {
      *last = p;
      *last_len = len;
      return dir;
    }
    if (len == 2 && p[0] == '.' && p[1] == '.') return Errno::Inval;
    if (!(len == 1 && p[0] == '.')) {
      Ref<Dentry> next;
      {
        Guard g(tree_lock);
        if (Dentry* d = lookup_child_locked(dir.get(), p, len)) next = Ref<Dentry>(d);
      }
      if (!next) next = TRY(create_in(caller_, dir.get(), p, len, uapi::kSIfDir, 0755, 0, nullptr));
      if (!next->inode->is_dir()) return Errno::NotDir;
      dir = next;
    }
    p = rest;
  }
}

Inode* Unpacker::find_link(const CpioMember& m) {
  for (size_t i = 0; i < link_count_; ++i)
    if (links_[i].ino == m.ino && links_[i].dev_major == m.dev_major &&
        links_[i].dev_minor == m.dev_minor)
      return links_[i].inode;
  return nullptr;
}

Result<void> Unpacker::remember_link(const CpioMember& m, Inode* inode) {
  if (link_count_ == link_capacity_) {
    size_t capacity = link_capacity_ ? link_capacity_ * 2 : 16;
    Link* bigger = new (std::nothrow) Link[capacity];
    if (!bigger) return Errno::NoMem;
    for (size_t i = 0; i < link_count_; ++i) bigger[i] = links_[i];
    delete[] links_;
    links_ = bigger;
    link_capacity_ = capacity;
  }
  inode->get();
  links_[link_count_++] = {m.dev_major, m.dev_minor, m.ino, inode};
  return {};
}

Result<Ref<Dentry>> Unpacker::make_node(Dentry* dir, const char* name, size_t len,
                                        const CpioMember& m) {
  uint32_t type = m.mode & uapi::kSIfMt, perm = m.mode & uapi::kSPermMask;
  switch (type) {
    case uapi::kSIfReg:
    case uapi::kSIfChr:
    case uapi::kSIfBlk:
    case uapi::kSIfIfo:
    case uapi::kSIfSock:
      return create_in(caller_, dir, name, len, type, perm,
                       uapi::make_dev(m.rdev_major, m.rdev_minor), nullptr);
    case uapi::kSIfLnk: {
      if (m.size == 0 || m.size >= uapi::kPathMax) return Errno::Inval;
      char* target = new (std::nothrow) char[m.size + 1];
      if (!target) return Errno::NoMem;
      memcpy(target, m.data, m.size);
      target[m.size] = '\0';
      auto made = create_in(caller_, dir, name, len, type, 0777, 0, target);
      delete[] target;
      return made;
    }
    default:
      return Errno::Inval;
  }
}

Result<void> Unpacker::add(const CpioMember& m) {
  ++members_;
  const char* last;
  size_t len;
  Ref<Dentry> dir = TRY(make_parents(m.name, &last, &len));
  bool is_root = len == 0 || (len == 1 && last[0] == '.');
  if (len == 2 && last[0] == '.' && last[1] == '.') return Errno::Inval;
  uint32_t type = m.mode & uapi::kSIfMt;

  Ref<Dentry> d;
  if (is_root) {
    d = dir;
  } else {
    Ref<Dentry> existing;
    {
      Guard g(tree_lock);
      if (Dentry* e = lookup_child_locked(dir.get(), last, len)) existing = Ref<Dentry>(e);
    }
    if (existing && type == uapi::kSIfDir && existing->inode->is_dir()) {
      d = existing;
    } else {
      if (existing) {  // replace it (a non-empty directory cannot be: EEXIST/ENOTEMPTY)
        existing.reset();
        Caller c = caller_;
        auto removed = vfs_unlink(c, dir.get(), last);
        if (removed.is_error() && removed.error() == Errno::IsDir)
          removed = vfs_rmdir(c, dir.get(), last);
        TRY(removed);
      }
      Inode* linked = type == uapi::kSIfReg && m.nlink > 1 ? find_link(m) : nullptr;
      if (type == uapi::kSIfDir) {
        d = TRY(create_in(caller_, dir.get(), last, len, uapi::kSIfDir, 0755, 0, nullptr));
      } else if (linked) {
        Ref<Dentry> target;
        {
          Guard g(tree_lock);
          Dentry* nd = TRY(dentry_new(dir->sb, last, len, linked));
          attach_locked(dir.get(), nd);
          target = Ref<Dentry>::adopt(nd);
        }
        Guard ig(linked->lock);
        ++linked->nlink;
        d = target;
      } else {
        d = TRY(make_node(dir.get(), last, len, m));
        if (type == uapi::kSIfReg && m.nlink > 1) TRY(remember_link(m, d->inode));
      }
    }
  }
  Inode* inode = d->inode;
  if (type == uapi::kSIfReg && m.size > 0) {
    size_t stored = TRY(ramfs_store(*inode, 0, m.data, m.size));
    if (stored < m.size) return Errno::NoSpc;
  }
  Guard g(inode->lock);
  if (type != uapi::kSIfLnk) inode->perm = m.mode & uapi::kSPermMask;
  inode->uid = m.uid;
  inode->gid = m.gid;
  inode->mtime = {static_cast<int64_t>(m.mtime), 0};
  return {};
}

}  // namespace fs
