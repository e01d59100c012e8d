// fs/io_cursor.hh - where the bytes of a read or write go: IoCursor.
//
// A read(2) fills user memory, readv(2) a list of user buffers, the kernel's own boot
// code (unpacking the initrd) a kernel buffer. File operations should not care which,
// so they move data through an IoCursor: a list of segments (address, length) in one
// kind of memory, consumed front to back. The memory is reached through a MemoryAccess,
// two copy functions: kKernelMemory is memcpy; the system call layer passes the user
// one (uaccess::copy_to_user/copy_from_user, which return EFAULT instead of faulting).
//
// Faults: a copy that fails part-way reports how much it moved; a transfer that moved
// nothing returns the error. That is Linux's rule: read(2) returns a short count when a
// later part of the buffer is bad, and EFAULT only when nothing could be transferred.
//
// Because a copy to user memory may fault and the fault may need locks of its own (the
// address space, and with mmap'd files the file's pages), fs code never copies through
// a cursor while holding a spin lock: it copies into a kernel bounce buffer under the
// lock, and out of it after (see Bounce below).
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "lib/result.hh"

namespace fs {

using ktl::Errno;
using ktl::Result;

struct MemoryAccess {
  Result<void> (*copy_to)(uint64_t dst, const void* src, size_t n);
  Result<void> (*copy_from)(void* dst, uint64_t src, size_t n);
};
extern const MemoryAccess kKernelMemory;

struct IoSegment {
  uint64_t addr;
  size_t len;
};

class IoCursor {
 public:
  // `segments` must outlive the cursor. Errors of the copies come from `mem`.
  IoCursor(const MemoryAccess& mem, const IoSegment* segments, size_t count);
  // A single kernel buffer (tests, boot code).
  static IoCursor kernel(void* buf, size_t len, IoSegment& storage);

  size_t remaining() const { return remaining_; }
  size_t transferred() const { return transferred_; }
  const MemoryAccess& memory() const { return *mem_; }

  // Copies up to n bytes from `src` into the cursor's memory and advances. Returns how
  // many were copied (fewer when the cursor is full). Errors: Fault when a segment could
  // not be written and nothing was copied by this call.
  Result<size_t> copy_out(const void* src, size_t n);
  // Copies up to n bytes out of the cursor's memory into `dst` and advances.
  Result<size_t> copy_in(void* dst, size_t n);

 private:
  template <bool kOut>
  Result<size_t> transfer(void* kernel, size_t n);

  const MemoryAccess* mem_;
  const IoSegment* segs_;
  size_t count_;
  size_t index_ = 0;   // current segment
  size_t offset_ = 0;  // bytes of it already used
  size_t remaining_ = 0;
  size_t transferred_ = 0;
};

// A page-sized kernel buffer for one system call (see the file comment).
class Bounce {
 public:
  static constexpr size_t kSize = 4096;
  Bounce();
  ~Bounce();
  Bounce(const Bounce&) = delete;
  Bounce& operator=(const Bounce&) = delete;
  bool ok() const { return buf_ != nullptr; }
  char* data() { return buf_; }

 private:
  char* buf_;
};

// The count a transfer returns: the bytes moved if any, else the error (or 0).
inline Result<size_t> partial_or(size_t done, Errno e) {
  if (done) return done;
  return e;
}

}  // namespace fs
