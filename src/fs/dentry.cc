// fs/dentry.cc - making, linking, moving and freeing dentries.
#include "fs/dentry.hh"

#include <new>

#include "lib/string.hh"

namespace fs {

Lock tree_lock{"vfs tree"};

// Frees d and walks up: dropping d's reference on its parent may free the parent too
// (a chain of removed directories), done in a loop so the depth costs no stack.
void Dentry::put() {
  Dentry* d = this;
  while (d && d->refs.fetch_sub(1, ktl::Order::AcqRel) == 1) {
    Dentry* parent = d->parent != d ? d->parent : nullptr;
    if (d->inode) d->inode->put();
    delete[] d->name;
    delete d;
    d = parent;
  }
}

Result<Dentry*> dentry_new(Superblock* sb, const char* name, size_t name_len, Inode* inode) {
  if (name_len == 0 || name_len > uapi::kNameMax) return Errno::NameTooLong;
  Dentry* d = new (std::nothrow) Dentry;
  char* copy = new (std::nothrow) char[name_len + 1];
  if (!d || !copy) {
    delete d;
    delete[] copy;
    return Errno::NoMem;
  }
  memcpy(copy, name, name_len);
  copy[name_len] = '\0';
  d->name = copy;
  d->name_len = static_cast<uint32_t>(name_len);
  d->sb = sb;
  d->inode = inode;
  inode->get();
  return d;
}

Result<Dentry*> dentry_new_root(Superblock* sb, Inode* inode) {
  Dentry* d = TRY(dentry_new(sb, "/", 1, inode));
  d->parent = d;
  return d;
}

Dentry* lookup_child_locked(Dentry* dir, const char* name, size_t len) {
  Dentry* found = nullptr;
  dir->children.for_each([&](Dentry* c) {
    if (!found && c->name_len == len && memcmp(c->name, name, len) == 0) found = c;
  });
  return found;
}

void attach_locked(Dentry* dir, Dentry* child) {
  child->get();  // the list's reference
  dir->get();    // the child's reference on its parent
  child->parent = dir;
  child->position = dir->next_position++;
  child->unlinked = false;
  dir->children.push_back(child);
}

void detach_locked(Dentry* child) {
  child->parent->children.remove(child);
  child->unlinked = true;
  child->put();  // the list's; the caller still holds one, so this never frees
}

char* move_locked(Dentry* child, Dentry* new_dir, char* new_name, size_t new_len) {
  Dentry* old_dir = child->parent;
  old_dir->children.remove(child);
  char* old_name = child->name;
  child->name = new_name;
  child->name_len = static_cast<uint32_t>(new_len);
  new_dir->get();
  child->parent = new_dir;
  child->position = new_dir->next_position++;
  new_dir->children.push_back(child);
  old_dir->put();  // still referenced by its own parent's list or a caller: not freed
  return old_name;
}

Dentry* follow_mounts_locked(Dentry* d) {
  while (d->mounted) d = d->mounted->root;
  return d;
}

bool is_ancestor_locked(const Dentry* ancestor, const Dentry* d) {
  for (;;) {
    if (d == ancestor) return true;
    if (d->parent == d) return false;
    d = d->parent;
  }
}

Result<void> mount(Dentry* where, Superblock* sb) {
  Guard g(tree_lock);
  if (where->mounted || !where->inode->is_dir()) return Errno::Busy;
  where->mounted = sb;
  sb->covered = where;
  where->get();  // a mount point stays while mounted
  return {};
}

// Depth-first, iteratively: detach the first child of the deepest directory reached.
void prune_tree(Dentry* root) {
  Guard g(tree_lock);
  Dentry* d = root;
  while (d) {
    if (Dentry* c = d->children.front()) {
      d = c;
      continue;
    }
    if (d == root) break;
    Dentry* parent = d->parent;
    if (d->mounted) {
      d->mounted->covered = nullptr;
      d->mounted = nullptr;
      d->put();  // the mount's reference
    }
    detach_locked(d);  // the list reference was the last one in a pruned tree
    d = parent;
  }
}

}  // namespace fs
