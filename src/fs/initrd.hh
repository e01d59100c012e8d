// fs/initrd.hh - finding a file's bytes in the boot initrd (cpio "newc").
//
// Until the VFS exists (the files issue), the only files are those packed in the initrd
// that the boot loader left in memory, and the only thing the kernel needs from them is
// "the bytes of the program at this path" for execve. So this is a read-only, in-place
// reader of the cpio newc format: each member is a 110-byte ASCII header (magic 070701,
// thirteen 8-digit hex fields), the NUL-terminated name, the data, each padded to 4
// bytes, and a last member called TRAILER!!!. Lookups scan the archive (it is small and
// exec is rare) and follow symbolic links (/lib/libc.so -> ld-musl-*.so.1) up to a limit.
// The VFS will instead unpack the archive into ramfs once at boot and retire this file.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "lib/result.hh"

namespace initrd {

inline constexpr uint32_t kModeTypeMask = 0170000, kModeRegular = 0100000,
                          kModeDirectory = 0040000, kModeSymlink = 0120000;
inline constexpr size_t kMaxPath = 256;
inline constexpr int kMaxSymlinks = 8;

// One archive member as its newc header describes it (what the VFS unpacks).
struct Member {
  const char* name;               // in the archive, NUL-terminated, as written ("./bin/sh")
  uint32_t ino, mode, uid, gid, nlink, mtime;
  uint32_t dev_major, dev_minor, rdev_major, rdev_minor;
  const uint8_t* data;            // in the archive: read-only, not NUL-terminated
  size_t size;
};

struct File {
  const uint8_t* data = nullptr;  // in the archive itself: read-only, not NUL-terminated
  size_t size = 0;
  uint32_t mode = 0;              // type and permission bits
};

class Archive {
 public:
  constexpr Archive() = default;
  Archive(const void* base, size_t size)
      : base_(static_cast<const uint8_t*>(base)), size_(size) {}

  bool empty() const { return size_ == 0; }
  // The file at absolute `path`, symbolic links followed. Errors: NoEnt, Loop (too many
  // links), NameTooLong, Inval (a corrupt archive), IsDir (the path is a directory).
  ktl::Result<File> find(const char* path) const;
  // The member whose normalized name is exactly `name` (no leading '/'), links not
  // followed. Errors: NoEnt, Inval.
  ktl::Result<File> lookup(const char* name) const;
  // The member at byte offset *at, moving *at to the next one; false at the trailer or
  // the end of the archive. Errors: Inval (a corrupt header).
  ktl::Result<bool> next(size_t* at, Member* out) const;
  // Calls fn(member) for every member in order; stops at fn's first error and returns it.
  template <class Fn>
  ktl::Result<void> for_each(Fn fn) const {
    size_t at = 0;
    Member m;
    for (;;) {
      bool more = TRY(next(&at, &m));
      if (!more) return {};
      TRY(fn(m));
    }
  }

 private:
  const uint8_t* base_ = nullptr;
  size_t size_ = 0;
};

// Normalizes `path` (relative to `dir` when it does not start with '/') into out:
// no leading '/', no "." or empty components, ".." resolved (never above the root).
// Errors: NameTooLong.
ktl::Result<void> normalize(const char* dir, const char* path, char* out, size_t size);

// The archive the boot loader passed (empty until set_boot_archive at boot).
void set_boot_archive(const void* base, size_t size);
const Archive& boot_archive();

}  // namespace initrd
