// proc/fd_table.cc - the descriptor table: lowest-free allocation, dup, close-on-exec.
#include "proc/fd_table.hh"

#include <new>

namespace proc {

void File::put() {
  if (refs.fetch_sub(1) == 1) delete this;
}

ktl::Result<FdTable*> FdTable::create_with_console() {
  FdTable* t = new (std::nothrow) FdTable;
  if (!t) return ktl::Errno::NoMem;
  auto console = console_file();
  if (console.is_error()) {
    delete t;
    return console.error();
  }
  for (int fd = 0; fd < 3; ++fd) {
    console.value()->get();
    t->files_[fd] = console.value();
  }
  console.value()->put();
  return t;
}

ktl::Result<FdTable*> FdTable::copy() {
  FdTable* t = new (std::nothrow) FdTable;
  if (!t) return ktl::Errno::NoMem;
  ktl::SpinGuard guard(lock_);
  for (int fd = 0; fd < kMaxFds; ++fd) {
    if (!files_[fd]) continue;
    files_[fd]->get();
    t->files_[fd] = files_[fd];
    t->cloexec_[fd] = cloexec_[fd];
  }
  return t;
}

void FdTable::close_all() {
  for (int fd = 0; fd < kMaxFds; ++fd) {
    File* f;
    {
      ktl::SpinGuard guard(lock_);
      f = files_[fd];
      files_[fd] = nullptr;
    }
    if (f) f->put();
  }
}

void FdTable::put() {
  if (refs_.fetch_sub(1) != 1) return;
  close_all();
  delete this;
}

ktl::Result<File*> FdTable::file(int fd) {
  if (fd < 0 || fd >= kMaxFds) return ktl::Errno::BadF;
  ktl::SpinGuard guard(lock_);
  File* f = files_[fd];
  if (!f) return ktl::Errno::BadF;
  f->get();
  return f;
}

ktl::Result<int> FdTable::install(File* f, int min, bool cloexec) {
  if (min < 0) return ktl::Errno::Inval;
  ktl::SpinGuard guard(lock_);
  for (int fd = min; fd < kMaxFds; ++fd) {
    if (files_[fd]) continue;
    files_[fd] = f;
    cloexec_[fd] = cloexec;
    return fd;
  }
  return ktl::Errno::MFile;
}

ktl::Result<void> FdTable::close(int fd) {
  if (fd < 0 || fd >= kMaxFds) return ktl::Errno::BadF;
  File* f;
  {
    ktl::SpinGuard guard(lock_);
    f = files_[fd];
    if (!f) return ktl::Errno::BadF;
    files_[fd] = nullptr;
  }
  f->put();
  return {};
}

ktl::Result<int> FdTable::duplicate_to(int oldfd, int newfd, bool cloexec) {
  if (newfd < 0 || newfd >= kMaxFds) return ktl::Errno::BadF;
  File* f = TRY(file(oldfd));
  File* replaced;
  {
    ktl::SpinGuard guard(lock_);
    replaced = files_[newfd];
    files_[newfd] = f;
    cloexec_[newfd] = cloexec;
  }
  if (replaced) replaced->put();
  return newfd;
}

ktl::Result<bool> FdTable::cloexec(int fd) {
  if (fd < 0 || fd >= kMaxFds) return ktl::Errno::BadF;
  ktl::SpinGuard guard(lock_);
  if (!files_[fd]) return ktl::Errno::BadF;
  return cloexec_[fd];
}

ktl::Result<void> FdTable::set_cloexec(int fd, bool on) {
  if (fd < 0 || fd >= kMaxFds) return ktl::Errno::BadF;
  ktl::SpinGuard guard(lock_);
  if (!files_[fd]) return ktl::Errno::BadF;
  cloexec_[fd] = on;
  return {};
}

void FdTable::close_on_exec() {
  for (int fd = 0; fd < kMaxFds; ++fd) {
    File* f = nullptr;
    {
      ktl::SpinGuard guard(lock_);
      if (files_[fd] && cloexec_[fd]) {
        f = files_[fd];
        files_[fd] = nullptr;
        cloexec_[fd] = false;
      }
    }
    if (f) f->put();
  }
}

}  // namespace proc
