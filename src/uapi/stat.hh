// uapi/stat.hh - struct stat (both layouts), statx, statfs and linux_dirent64.
//
// `struct stat` is the one file structure whose layout differs between SeaOS's two
// architectures: x86_64 kept its own (nlink before mode, 64-bit nlink and blksize, 144
// bytes) while arm64 uses asm-generic's (mode before a 32-bit nlink, 128 bytes). Both
// are defined here; the system call layer copies out the one its architecture names
// (arch::Stat, see docs/files.md), filled by fs::encode_stat(). statx, statfs and
// linux_dirent64 are the same on both. Every offset below is checked against Linux.
#pragma once

#include <stddef.h>
#include <stdint.h>

namespace uapi {

// x86_64: arch/x86/include/uapi/asm/stat.h
struct StatX86_64 {
  uint64_t dev;
  uint64_t ino;
  uint64_t nlink;
  uint32_t mode;
  uint32_t uid;
  uint32_t gid;
  uint32_t pad0;
  uint64_t rdev;
  int64_t size;
  int64_t blksize;
  int64_t blocks;  // 512-byte units
  uint64_t atime_sec, atime_nsec;
  uint64_t mtime_sec, mtime_nsec;
  uint64_t ctime_sec, ctime_nsec;
  int64_t unused[3];
};
static_assert(sizeof(StatX86_64) == 144);
static_assert(offsetof(StatX86_64, nlink) == 16 && offsetof(StatX86_64, mode) == 24);
static_assert(offsetof(StatX86_64, rdev) == 40 && offsetof(StatX86_64, size) == 48);
static_assert(offsetof(StatX86_64, blocks) == 64 && offsetof(StatX86_64, atime_sec) == 72);
static_assert(offsetof(StatX86_64, mtime_sec) == 88 && offsetof(StatX86_64, ctime_nsec) == 112);

// arm64 (and every other asm-generic 64-bit architecture): include/uapi/asm-generic/stat.h
struct StatGeneric {
  uint64_t dev;
  uint64_t ino;
  uint32_t mode;
  uint32_t nlink;
  uint32_t uid;
  uint32_t gid;
  uint64_t rdev;
  uint64_t pad1;
  int64_t size;
  int32_t blksize;
  int32_t pad2;
  int64_t blocks;
  int64_t atime_sec;
  uint64_t atime_nsec;
  int64_t mtime_sec;
  uint64_t mtime_nsec;
  int64_t ctime_sec;
  uint64_t ctime_nsec;
  uint32_t unused4, unused5;
};
static_assert(sizeof(StatGeneric) == 128);
static_assert(offsetof(StatGeneric, mode) == 16 && offsetof(StatGeneric, nlink) == 20);
static_assert(offsetof(StatGeneric, rdev) == 32 && offsetof(StatGeneric, size) == 48);
static_assert(offsetof(StatGeneric, blksize) == 56 && offsetof(StatGeneric, blocks) == 64);
static_assert(offsetof(StatGeneric, atime_sec) == 72 && offsetof(StatGeneric, ctime_nsec) == 112);

// statx(2): include/uapi/linux/stat.h
struct StatxTimestamp {
  int64_t sec;
  uint32_t nsec;
  int32_t reserved;
};
static_assert(sizeof(StatxTimestamp) == 16);

struct Statx {
  uint32_t mask;
  uint32_t blksize;
  uint64_t attributes;
  uint32_t nlink;
  uint32_t uid;
  uint32_t gid;
  uint16_t mode;
  uint16_t spare0;
  uint64_t ino;
  uint64_t size;
  uint64_t blocks;
  uint64_t attributes_mask;
  StatxTimestamp atime, btime, ctime, mtime;
  uint32_t rdev_major, rdev_minor;
  uint32_t dev_major, dev_minor;
  uint64_t mnt_id;
  uint32_t dio_mem_align, dio_offset_align;
  uint64_t spare3[12];
};
static_assert(sizeof(Statx) == 256);
static_assert(offsetof(Statx, mode) == 28 && offsetof(Statx, ino) == 32);
static_assert(offsetof(Statx, atime) == 64 && offsetof(Statx, btime) == 80);
static_assert(offsetof(Statx, ctime) == 96 && offsetof(Statx, mtime) == 112);
static_assert(offsetof(Statx, rdev_major) == 128 && offsetof(Statx, mnt_id) == 144);

inline constexpr uint32_t kStatxType = 0x1, kStatxMode = 0x2, kStatxNlink = 0x4, kStatxUid = 0x8,
                          kStatxGid = 0x10, kStatxAtime = 0x20, kStatxMtime = 0x40,
                          kStatxCtime = 0x80, kStatxIno = 0x100, kStatxSize = 0x200,
                          kStatxBlocks = 0x400, kStatxBasicStats = 0x7ff, kStatxBtime = 0x800,
                          kStatxMntId = 0x1000, kStatxReserved = 0x80000000u;

// statfs(2): the 64-bit layout, the same on x86_64 and arm64 (120 bytes).
struct Statfs {
  int64_t type;
  int64_t bsize;
  uint64_t blocks;
  uint64_t bfree;
  uint64_t bavail;
  uint64_t files;
  uint64_t ffree;
  int32_t fsid[2];
  int64_t namelen;
  int64_t frsize;
  int64_t flags;
  int64_t spare[4];
};
static_assert(sizeof(Statfs) == 120);
static_assert(offsetof(Statfs, fsid) == 56 && offsetof(Statfs, namelen) == 64);

inline constexpr int64_t kRamfsMagic = 0x858458f6, kDevfsMagic = 0x1373, kPipefsMagic = 0x50495045;

// getdents64(2): a record is this header, the name and its NUL, padded to 8 bytes.
struct LinuxDirent64 {
  uint64_t ino;
  int64_t off;  // the position to continue from after this entry
  uint16_t reclen;
  uint8_t type;
  char name[];
};
static_assert(offsetof(LinuxDirent64, reclen) == 16 && offsetof(LinuxDirent64, name) == 19);

// The st_dev/st_rdev encoding musl's major()/minor() undo.
constexpr uint64_t make_dev(uint32_t major, uint32_t minor) {
  return (uint64_t{major & 0xfffff000u} << 32) | (uint64_t{major & 0xfffu} << 8) |
         (uint64_t{minor & 0xffffff00u} << 12) | (minor & 0xffu);
}
constexpr uint32_t dev_major(uint64_t dev) {
  return static_cast<uint32_t>(((dev >> 32) & 0xfffff000u) | ((dev >> 8) & 0xfffu));
}
constexpr uint32_t dev_minor(uint64_t dev) {
  return static_cast<uint32_t>(((dev >> 12) & 0xffffff00u) | (dev & 0xffu));
}

}  // namespace uapi
