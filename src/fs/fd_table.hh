// fs/fd_table.hh - a process's file descriptors.
//
// A descriptor is a small integer naming an OpenFile, plus one flag of its own:
// close-on-exec. New descriptors take the lowest free number (POSIX requires it, and
// shells rely on it: close(1); open(...) lands on 1). The table grows on demand up to the
// caller's RLIMIT_NOFILE, passed in by each call because setrlimit may change it.
// fork copies the table (the OpenFiles are shared, so parent and child share positions);
// threads share one table.
//
// Errors follow Linux: no free number below the limit is EMFILE; dup2/dup3 to a number at
// or above the limit is EBADF; F_DUPFD with such a minimum is EINVAL (fs/syscalls_fd.cc).
//
// Locking: lock_ guards slots_ and capacity_. A file is put() after the lock is dropped:
// its release may wake sleepers or free memory.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "fs/file.hh"
#include "fs/lock.hh"
#include "fs/ref.hh"

namespace fs {

class FdTable {
 public:
  static constexpr int kMaxFds = 1 << 16;  // no RLIMIT_NOFILE may exceed this

  // An empty table. Errors: NoMem.
  static Result<FdTable*> create();
  // A new table holding the same files and flags (fork). Errors: NoMem.
  Result<FdTable*> copy();
  void get() { refs_.fetch_add(1, ktl::Order::Relaxed); }
  void put();

  // The file at fd. Errors: BadF.
  Result<Ref<OpenFile>> get(int fd);
  // Installs f at the lowest free fd >= min_fd and < limit. Errors: MFile, NoMem.
  Result<int> install(Ref<OpenFile> f, int min_fd, bool cloexec, uint64_t limit);
  // True when some fd in [min_fd, limit) is free now (open checks this first, so that a
  // full table fails before a file is created, as on Linux).
  bool has_free(int min_fd, uint64_t limit);
  // Errors: BadF.
  Result<void> close(int fd);
  // Makes new_fd name old_fd's file (closing what new_fd named). old_fd == new_fd is
  // allowed (dup2 returns it). Errors: BadF (old_fd not open, new_fd out of range), NoMem.
  Result<int> duplicate_to(int old_fd, int new_fd, bool cloexec, uint64_t limit);
  // Errors: BadF.
  Result<bool> cloexec(int fd);
  Result<void> set_cloexec(int fd, bool on);
  // exec: closes every close-on-exec descriptor.
  void close_on_exec();
  // How many descriptors are open (tests, /proc).
  int open_count();

 private:
  struct Slot {
    OpenFile* file;
    bool cloexec;
  };
  FdTable() = default;
  ~FdTable();
  // Makes room for index `fd` (< kMaxFds). Called and returns with lock_ held, but drops
  // it around the allocation. Errors: NoMem.
  Result<void> grow_locked(int fd);

  ktl::Atomic<int> refs_{1};
  Lock lock_{"fd table"};
  Slot* slots_ = nullptr;  // lock_
  int capacity_ = 0;       // lock_
};

}  // namespace fs
