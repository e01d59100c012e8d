// syscalls/files.hh - what every file system call handler shares (sys_files_*.cc).
//
// The bodies of the file system calls are fs::do_* (fs/syscalls.hh); a handler here only
// does the user-space part: copy path strings and structures in and out, translate open
// flags from this architecture's numbering (arch::kOpenFlags), and describe the calling
// process to fs as a Caller. Data buffers stay in user memory: fs gets an IoCursor over
// the user's segments and copies straight to or from them through kUserMemory.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "fs/fd_table.hh"
#include "fs/file.hh"
#include "fs/syscalls.hh"
#include "syscalls/syscall.hh"
#include "uapi/fcntl.hh"

namespace syscalls {

// copy_to_user/copy_from_user for fs's IoCursors.
extern const fs::MemoryAccess kUserMemory;

// What fs needs to know about the calling process (current_process(), read without
// locks: only its own threads change these fields, and a racy pgid is harmless).
fs::Caller caller();

// A user path, copied into a kernel buffer (uapi::kPathMax with the NUL). Frees itself.
// Errors of load(): Fault, NameTooLong, NoMem.
class UserPath {
 public:
  UserPath() = default;
  ~UserPath();
  UserPath(const UserPath&) = delete;
  UserPath& operator=(const UserPath&) = delete;
  Result<const char*> load(uint64_t user);

 private:
  char* buf_ = nullptr;
};

// One user buffer [addr, addr + n) as a cursor.
struct UserBuffer {
  fs::IoSegment seg;
  fs::IoCursor io;
  UserBuffer(uint64_t addr, size_t n) : seg{addr, n}, io(kUserMemory, &seg, 1) {}
};

}  // namespace syscalls
