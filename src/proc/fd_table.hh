// proc/fd_table.hh - open files and the per-process table of file descriptors.
//
// Until the VFS (the files issue) there is one kind of file, the console, and this is
// the smallest shape that the VFS can grow from: a File is a reference-counted object
// with an operations table (no virtual calls), and an FdTable maps small integers to
// Files with a close-on-exec flag each. fork copies the table (the Files are shared,
// as POSIX says); clone(CLONE_FILES) shares the table itself.
//
// Locking: FdTable::lock_ guards files_ and cloexec_. File::refs is atomic; what a
// File's operations touch is their own business (the console has its own lock).
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "lib/atomic.hh"
#include "lib/result.hh"
#include "lib/spinlock.hh"

namespace proc {

struct File;

struct FileOps {
  // Read into / write from user memory at `buf`. Errors: whatever the file reports
  // (Fault for a bad buffer, a restart code for an interrupted wait).
  ktl::Result<size_t> (*read)(File* f, uint64_t buf, size_t n);
  ktl::Result<size_t> (*write)(File* f, uint64_t buf, size_t n);
  ktl::Result<long> (*ioctl)(File* f, unsigned long cmd, uint64_t arg);
};

struct File {
  ktl::Atomic<int> refs{1};
  const FileOps* ops = nullptr;
  int flags = 0;  // O_RDONLY / O_WRONLY / O_RDWR and status flags (fcntl F_GETFL)

  void get() { refs.fetch_add(1); }
  void put();
};

class FdTable {
 public:
  static constexpr int kMaxFds = 256;

  // A table with fds 0, 1 and 2 open on the console. Errors: NoMem.
  static ktl::Result<FdTable*> create_with_console();
  // A new table holding the same Files (fork). Errors: NoMem.
  ktl::Result<FdTable*> copy();
  void get() { refs_.fetch_add(1); }
  void put();

  // The File at fd with a reference the caller must put(). Errors: BadF.
  ktl::Result<File*> file(int fd);
  // Installs f (the table takes the caller's reference) at the lowest free fd >= min.
  // Errors: MFile.
  ktl::Result<int> install(File* f, int min, bool cloexec);
  ktl::Result<void> close(int fd);
  // dup2/dup3: newfd refers to oldfd's file. Errors: BadF.
  ktl::Result<int> duplicate_to(int oldfd, int newfd, bool cloexec);
  ktl::Result<bool> cloexec(int fd);
  ktl::Result<void> set_cloexec(int fd, bool on);
  void close_on_exec();

 private:
  FdTable() = default;
  void close_all();

  ktl::Atomic<int> refs_{1};
  ktl::SpinLock lock_{"fd table"};
  File* files_[kMaxFds] = {};   // lock_
  bool cloexec_[kMaxFds] = {};  // lock_
};

// The console file (proc/console_file.cc): reads poll the serial port, writes go out
// whole. Returns a new reference. Errors: NoMem.
ktl::Result<File*> console_file();

}  // namespace proc
