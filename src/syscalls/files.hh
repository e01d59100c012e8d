// syscalls/files.hh - helpers shared by the file system calls: the caller's fd table
// and a File reference that puts itself.
#pragma once

#include "proc/current.hh"
#include "proc/fd_table.hh"
#include "proc/process.hh"

namespace syscalls {

inline proc::FdTable* fd_table() { return proc::current_process()->files; }

// Holds a reference to an open file for one call.
class FileRef {
 public:
  explicit FileRef(proc::File* f) : f_(f) {}
  ~FileRef() { f_->put(); }
  FileRef(const FileRef&) = delete;
  FileRef& operator=(const FileRef&) = delete;
  proc::File* operator->() const { return f_; }
  proc::File* get() const { return f_; }

 private:
  proc::File* f_;
};

}  // namespace syscalls
