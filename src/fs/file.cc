// fs/file.cc - OpenFile and FsContext lifetimes, and open-flag translation.
#include "fs/file.hh"

#include <new>

namespace fs {

void OpenFile::put() {
  if (refs.fetch_sub(1, ktl::Order::AcqRel) != 1) return;
  if (ops && ops->release) ops->release(*this);
  delete this;  // drops the dentry and inode references
}

Result<Ref<OpenFile>> open_file_new(const FileOps* ops, Dentry* dentry, Inode* inode,
                                    uint32_t flags, void* private_data) {
  OpenFile* f = new (std::nothrow) OpenFile;
  if (!f) return Errno::NoMem;
  f->ops = ops;
  f->dentry = Ref<Dentry>(dentry);
  f->inode = Ref<Inode>(inode);
  f->flags = flags;
  f->private_data = private_data;
  return Ref<OpenFile>::adopt(f);
}

void FsContext::put() {
  if (refs.fetch_sub(1, ktl::Order::AcqRel) == 1) delete this;
}

Result<FsContext*> fs_context_new(Dentry* root) {
  FsContext* c = new (std::nothrow) FsContext;
  if (!c) return Errno::NoMem;
  c->root = Ref<Dentry>(root);
  c->cwd = Ref<Dentry>(root);
  return c;
}

Result<FsContext*> FsContext::copy() {
  FsContext* c = new (std::nothrow) FsContext;
  if (!c) return Errno::NoMem;
  Guard g(lock);
  c->root = root;
  c->cwd = cwd;
  return c;
}

Ref<Dentry> FsContext::get_root() {
  Guard g(lock);
  return root;
}

Ref<Dentry> FsContext::get_cwd() {
  Guard g(lock);
  return cwd;
}

namespace {

// Moves each of the four renumbered bits from one numbering to the other.
uint32_t translate(uint32_t flags, const uapi::OpenFlagAbi& from, const uapi::OpenFlagAbi& to) {
  const uint32_t f[4] = {from.directory, from.nofollow, from.direct, from.largefile};
  const uint32_t t[4] = {to.directory, to.nofollow, to.direct, to.largefile};
  uint32_t out = flags & ~(f[0] | f[1] | f[2] | f[3]);
  for (int i = 0; i < 4; ++i)
    if (flags & f[i]) out |= t[i];
  return out;
}

}  // namespace

uint32_t open_flags_from_user(uint32_t flags, const uapi::OpenFlagAbi& abi) {
  return translate(flags, abi, uapi::kOpenFlagsGeneric);
}

uint32_t open_flags_to_user(uint32_t flags, const uapi::OpenFlagAbi& abi) {
  return translate(flags, uapi::kOpenFlagsGeneric, abi);
}

}  // namespace fs
