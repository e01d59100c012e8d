// fs/pipe.hh - pipes: a bounded byte queue between a writing and a reading file.
//
// pipe2(2) makes one Pipe and two OpenFiles on it, a read end and a write end. The
// bytes live in a ring buffer (64 KiB by default, 16 pages, like Linux). Readers sleep
// while it is empty and writers while it is full, on the pipe's WaitChannel; the rules
// are POSIX's:
//   - read returns what is there (at least one byte), waiting only while the pipe is
//     empty and a writer still exists; once every writer has closed, an empty pipe
//     reads as end of file (0).
//   - write with no reader left sends SIGPIPE to the writer and fails with EPIPE.
//   - a write of at most PIPE_BUF (4096) bytes is atomic: it waits until all of it fits
//     and goes in as one piece, never interleaved with another writer's bytes. Larger
//     writes may be split.
//   - with O_NONBLOCK, where a blocking call would wait it returns what it did so far,
//     or EAGAIN if nothing.
// F_GETPIPE_SZ / F_SETPIPE_SZ read and change the capacity (a power of two of pages,
// at most 1 MiB for non-root: EPERM; not below what the pipe holds: EBUSY). FIONREAD
// reports the bytes waiting.
//
// Locking: Pipe::lock_ guards the ring and the reader/writer counts; it is dropped for
// every copy to or from the caller and for every sleep.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "fs/file.hh"
#include "fs/hooks.hh"

namespace fs {

inline constexpr size_t kPipeDefaultSize = 65536;
inline constexpr size_t kPipeMaxSizeUser = 1 << 20;

// A new pipe: `read_end` (O_RDONLY) and `write_end` (O_WRONLY), with O_NONBLOCK from
// `flags` on both (O_CLOEXEC is the descriptors' business). Errors: NoMem, Inval.
Result<void> pipe_create(const Caller& c, uint32_t flags, Ref<OpenFile>& read_end,
                         Ref<OpenFile>& write_end);

// fcntl on a pipe end: F_GETPIPE_SZ / F_SETPIPE_SZ. Errors: BadF (not a pipe), Perm,
// Busy, Inval.
Result<long> pipe_get_size(OpenFile& f);
Result<long> pipe_set_size(const Caller& c, OpenFile& f, uint64_t size);
bool is_pipe(const OpenFile& f);

}  // namespace fs
