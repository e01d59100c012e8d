// fs/walk.cc - the component loop, symlink expansion and "..".
//
// The walker keeps the path still to walk as a pointer into a string: the caller's at
// first, a heap buffer holding "<link target><rest>" after each symlink. Expanding in
// place instead of recursing keeps the kernel stack flat however deep the links nest.
#include "fs/walk.hh"

#include <new>

#include "lib/string.hh"

namespace fs {
namespace {

class Walker {
 public:
  Walker(const Caller& c, Dentry* start, const char* path)
      : caller_(c), root_(c.fs ? c.fs->get_root() : Ref<Dentry>()), p_(path) {
    cur_ = Ref<Dentry>(path[0] == '/' && root_ ? root_.get() : start);
  }
  ~Walker() { delete[] buf_; }

  // Walks every component; with `parent`, stops before the last one and describes it.
  Result<void> run(uint32_t flags, ParentWalk* parent);
  Ref<Dentry>& current() { return cur_; }

 private:
  Result<void> step_into(const char* name, size_t len, bool is_last, bool trailing, uint32_t flags);
  Result<void> expand_link(Inode* link, const char* rest);

  const Caller& caller_;
  Ref<Dentry> root_;
  Ref<Dentry> cur_;
  const char* p_;
  char* buf_ = nullptr;  // the expanded path after a symlink, or null
  int links_ = 0;
};

bool is_dot(const char* s, size_t n) { return n == 1 && s[0] == '.'; }
bool is_dotdot(const char* s, size_t n) { return n == 2 && s[0] == '.' && s[1] == '.'; }

Result<void> Walker::run(uint32_t flags, ParentWalk* parent) {
  bool trailing_at_end = false;
  for (;;) {
    while (*p_ == '/') ++p_;
    if (!*p_) break;
    const char* name = p_;
    const char* end = p_;
    while (*end && *end != '/') ++end;
    size_t len = static_cast<size_t>(end - name);
    const char* rest = end;
    while (*rest == '/') ++rest;
    bool is_last = !*rest;
    bool trailing = is_last && rest != end;
    if (len > uapi::kNameMax) return Errno::NameTooLong;
    if (!cur_->inode->is_dir()) return Errno::NotDir;
    TRY(permission(caller_.cred, *cur_->inode, kMayExec));
    if (parent && is_last) {
      parent->kind = is_dot(name, len)      ? LastKind::Dot
                     : is_dotdot(name, len) ? LastKind::DotDot
                                            : LastKind::Normal;
      parent->trailing_slash = trailing;
      parent->len = len;
      memcpy(parent->name, name, len);
      parent->name[len] = '\0';
      parent->dir = cur_;
      return {};
    }
    p_ = end;
    trailing_at_end = trailing;
    TRY(step_into(name, len, is_last, trailing, flags));
  }
  if (parent) {  // nothing after the slashes: the path was "/" (or only slashes)
    if (!cur_->inode->is_dir()) return Errno::NotDir;
    parent->kind = LastKind::Root;
    parent->dir = cur_;
    return {};
  }
  if ((trailing_at_end || (flags & kWalkDirectory)) && !cur_->inode->is_dir()) return Errno::NotDir;
  return {};
}

// Moves cur_ to the component [name, name+len); p_ already points past it.
Result<void> Walker::step_into(const char* name, size_t len, bool is_last, bool trailing,
                               uint32_t flags) {
  if (is_dot(name, len)) return {};
  if (is_dotdot(name, len)) {
    cur_ = parent_of(cur_.get(), root_.get());
    return {};
  }
  Ref<Dentry> child;
  {
    Guard g(tree_lock);
    Dentry* found = lookup_child_locked(cur_.get(), name, len);
    if (!found) return Errno::NoEnt;
    child = Ref<Dentry>(follow_mounts_locked(found));
  }
  if (child->inode->is_symlink() && (!is_last || trailing || (flags & kWalkFollow)))
    return expand_link(child->inode, p_);  // cur_ stays: relative targets start here
  cur_ = static_cast<Ref<Dentry>&&>(child);
  return {};
}

// Replaces the path still to walk by "<target><rest>". Errors: Loop, NoEnt (an empty
// target), NameTooLong, NoMem.
Result<void> Walker::expand_link(Inode* link, const char* rest) {
  if (++links_ > kMaxSymlinks) return Errno::Loop;
  char* next = new (std::nothrow) char[uapi::kPathMax];
  if (!next) return Errno::NoMem;
  size_t n = link->ops->read_target(*link, next, uapi::kPathMax);
  size_t rest_len = strlen(rest);
  if (n == 0 || n + rest_len + 1 > uapi::kPathMax) {
    delete[] next;
    return n == 0 ? Errno::NoEnt : Errno::NameTooLong;
  }
  memcpy(next + n, rest, rest_len + 1);
  delete[] buf_;
  buf_ = next;
  p_ = buf_;
  if (buf_[0] == '/' && root_) cur_ = root_;
  return {};
}

}  // namespace

Ref<Dentry> parent_of(Dentry* d, Dentry* root) {
  Guard g(tree_lock);
  if (d == root) return Ref<Dentry>(d);
  while (d->parent == d && d->sb->covered) {  // a mounted root: step onto the mount point
    d = d->sb->covered;
    if (d == root) return Ref<Dentry>(d);
  }
  return Ref<Dentry>(d->parent);
}

Result<Ref<Dentry>> walk(const Caller& c, Dentry* start, const char* path, uint32_t flags) {
  if (!path[0]) {
    if (!(flags & kWalkEmptyPath)) return Errno::NoEnt;
    return Ref<Dentry>(start);
  }
  Walker w(c, start, path);
  TRY(w.run(flags, nullptr));
  return static_cast<Ref<Dentry>&&>(w.current());
}

Result<void> walk_parent(const Caller& c, Dentry* start, const char* path, ParentWalk& out) {
  if (!path[0]) return Errno::NoEnt;
  Walker w(c, start, path);
  return w.run(0, &out);
}

Result<size_t> path_of(Dentry* d, Dentry* root, char* buf, size_t size) {
  Guard g(tree_lock);
  if (d->unlinked) return Errno::NoEnt;
  // Build backwards from the end of buf, then move to the front.
  size_t at = size;
  if (at == 0) return Errno::Range;
  buf[--at] = '\0';
  while (d != root) {
    if (d->parent == d) {
      if (!d->sb->covered) break;  // not below root: show it from its own top
      d = d->sb->covered;
      continue;
    }
    if (at < d->name_len + 1) return Errno::Range;
    at -= d->name_len;
    memcpy(buf + at, d->name, d->name_len);
    buf[--at] = '/';
    d = d->parent;
  }
  if (at == size - 1) {  // the root itself
    if (at == 0) return Errno::Range;
    buf[--at] = '/';
  }
  size_t len = size - at;
  memmove(buf, buf + at, len);
  return len;
}

}  // namespace fs
