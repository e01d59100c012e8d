// fs/syscalls_cwd.cc - the working directory: chdir, fchdir, getcwd.
//
// The cwd is a dentry reference in the process's FsContext, so it keeps working after
// the directory is renamed (getcwd shows the new name) or removed (getcwd says ENOENT,
// and only "." and ".." remain usable, as on Linux).
#include "fs/fd_table.hh"
#include "fs/syscalls.hh"
#include "fs/walk.hh"

namespace fs {
namespace {

Result<long> change_to(const Caller& c, Ref<Dentry> d) {
  if (!d->inode->is_dir()) return Errno::NotDir;
  TRY(permission(c.cred, *d->inode, kMayExec));
  Guard g(c.fs->lock);
  c.fs->cwd.swap(d);  // the old cwd is dropped with `d`, after the lock
  return 0;
}

}  // namespace

Result<long> do_chdir(const Caller& c, const char* path) {
  Ref<Dentry> d = TRY(resolve_at(c, uapi::kAtFdCwd, path, kWalkFollow | kWalkDirectory));
  return change_to(c, static_cast<Ref<Dentry>&&>(d));
}

Result<long> do_fchdir(const Caller& c, int fd) {
  Ref<OpenFile> f = TRY(c.files->get(fd));
  if (!f->dentry) return Errno::NotDir;
  return change_to(c, f->dentry);
}

Result<long> do_getcwd(const Caller& c, char* buf, size_t size) {
  Ref<Dentry> cwd = c.fs->get_cwd();
  Ref<Dentry> root = c.fs->get_root();
  return static_cast<long>(TRY(path_of(cwd.get(), root.get(), buf, size)));
}

}  // namespace fs
