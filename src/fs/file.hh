// fs/file.hh - open files, and who is calling: OpenFile, FileOps, Caller.
//
// open(2) turns a path into an OpenFile: the dentry and inode it reached, the access
// mode and status flags (O_APPEND, O_NONBLOCK...), and the file position. File
// descriptors are indices into a process's FdTable (fs/fd_table.hh) that point at
// OpenFiles; dup(2) and fork(2) make several descriptors share one OpenFile, and so one
// position, which is why the position lives here and not in the descriptor.
//
// What read, write, ioctl and poll do depends on the kind of file, so each OpenFile has
// a FileOps table (function pointers, no virtual calls): ramfs files and directories,
// the devices of devfs, pipe ends, the terminal.
//
// Caller carries what a system call knows about the calling process: credentials, ids
// for job control, its descriptor table and cwd/root, umask, RLIMIT_NOFILE, and how to
// reach the memory behind pointer arguments. The process layer fills one per call; the
// fs system call functions (fs/syscalls_*.cc) take it instead of reaching for globals.
//
// Locking: OpenFile::lock guards `flags` (status part) and `pos`; the rest is fixed.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "fs/dentry.hh"
#include "fs/inode.hh"
#include "fs/io_cursor.hh"
#include "fs/ref.hh"

namespace fs {

struct OpenFile;
class FdTable;

// The cwd and root of a process (threads share one; CLONE_FS would share it too).
struct FsContext {
  ktl::Atomic<int> refs{1};
  Lock lock{"fs context"};
  Ref<Dentry> root;  // lock
  Ref<Dentry> cwd;   // lock

  void get() { refs.fetch_add(1, ktl::Order::Relaxed); }
  void put();
  // A new context with the same root and cwd (fork). Errors: NoMem.
  Result<FsContext*> copy();
  Ref<Dentry> get_root();
  Ref<Dentry> get_cwd();
};
// A context with root and cwd at `root`. Errors: NoMem.
Result<FsContext*> fs_context_new(Dentry* root);

struct Caller {
  Credentials cred;
  int pid = 0, pgid = 0, sid = 0;
  FdTable* files = nullptr;
  FsContext* fs = nullptr;
  uint32_t umask = 022;
  uint64_t nofile_limit = 1024;                 // RLIMIT_NOFILE (soft)
  const MemoryAccess* memory = &kKernelMemory;  // where pointer arguments point
};

struct FileOps {
  // Moves bytes at *pos (the file position, or pread/pwrite's offset) and advances it.
  // Null: EINVAL. Errors as the file defines (Again for O_NONBLOCK, a signal's code...).
  Result<size_t> (*read)(OpenFile& f, const Caller& c, IoCursor& out, uint64_t* pos);
  Result<size_t> (*write)(OpenFile& f, const Caller& c, IoCursor& in, uint64_t* pos);
  // Null: ENOTTY. `arg` is the raw argument (a value or a pointer into c.memory).
  Result<long> (*ioctl)(OpenFile& f, const Caller& c, unsigned long cmd, uint64_t arg);
  // Ready events now (uapi kPoll*). Null: always readable and writable.
  uint32_t (*poll)(OpenFile& f);
  // The last reference to f is going (before its dentry and inode are dropped).
  void (*release)(OpenFile& f);
  bool seekable;  // false: lseek/pread/pwrite give ESPIPE (pipes, terminals)
};

struct OpenFile {
  ktl::Atomic<int> refs{1};
  const FileOps* ops = nullptr;  // fixed
  Ref<Dentry> dentry;            // fixed; null for pipes
  Ref<Inode> inode;              // fixed
  void* private_data = nullptr;  // fixed: the pipe, the tty...

  Lock lock{"open file"};
  uint32_t flags = 0;  // lock: access mode | status flags (internal numbering)
  uint64_t pos = 0;    // lock

  void get() { refs.fetch_add(1, ktl::Order::Relaxed); }
  void put();

  bool readable() const {
    return (flags & uapi::kOAccMode) != uapi::kOWrOnly && (flags & uapi::kOAccMode) != 3;
  }
  bool writable() const {
    return (flags & uapi::kOAccMode) == uapi::kOWrOnly || (flags & uapi::kOAccMode) == uapi::kORdWr;
  }
  uint32_t status_flags() {
    Guard g(lock);
    return flags;
  }
};

// A new OpenFile over (dentry, inode) with `ops` and `flags`. Errors: NoMem.
Result<Ref<OpenFile>> open_file_new(const FileOps* ops, Dentry* dentry, Inode* inode,
                                    uint32_t flags, void* private_data = nullptr);

// The open flags the caller may change with fcntl(F_SETFL).
inline constexpr uint32_t kSettableFlags =
    uapi::kOAppend | uapi::kONonBlock | uapi::kOAsync | uapi::kODirect | uapi::kONoAtime;

// Translates open(2) flags between the architecture's numbering and the internal one.
uint32_t open_flags_from_user(uint32_t flags, const uapi::OpenFlagAbi& abi);
uint32_t open_flags_to_user(uint32_t flags, const uapi::OpenFlagAbi& abi);

}  // namespace fs
