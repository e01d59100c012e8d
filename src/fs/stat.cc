// fs/stat.cc - Kstat to struct stat (both layouts) and struct statx.
#include "fs/stat.hh"

#include "lib/string.hh"

namespace fs {

void encode_stat(const Kstat& k, uapi::StatX86_64& out) {
  memset(&out, 0, sizeof out);
  out.dev = k.dev;
  out.ino = k.ino;
  out.nlink = k.nlink;
  out.mode = k.mode;
  out.uid = k.uid;
  out.gid = k.gid;
  out.rdev = k.rdev;
  out.size = static_cast<int64_t>(k.size);
  out.blksize = k.blksize;
  out.blocks = static_cast<int64_t>(k.blocks);
  out.atime_sec = static_cast<uint64_t>(k.atime.sec);
  out.atime_nsec = static_cast<uint64_t>(k.atime.nsec);
  out.mtime_sec = static_cast<uint64_t>(k.mtime.sec);
  out.mtime_nsec = static_cast<uint64_t>(k.mtime.nsec);
  out.ctime_sec = static_cast<uint64_t>(k.ctime.sec);
  out.ctime_nsec = static_cast<uint64_t>(k.ctime.nsec);
}

void encode_stat(const Kstat& k, uapi::StatGeneric& out) {
  memset(&out, 0, sizeof out);
  out.dev = k.dev;
  out.ino = k.ino;
  out.mode = k.mode;
  out.nlink = static_cast<uint32_t>(k.nlink);
  out.uid = k.uid;
  out.gid = k.gid;
  out.rdev = k.rdev;
  out.size = static_cast<int64_t>(k.size);
  out.blksize = static_cast<int32_t>(k.blksize);
  out.blocks = static_cast<int64_t>(k.blocks);
  out.atime_sec = k.atime.sec;
  out.atime_nsec = static_cast<uint64_t>(k.atime.nsec);
  out.mtime_sec = k.mtime.sec;
  out.mtime_nsec = static_cast<uint64_t>(k.mtime.nsec);
  out.ctime_sec = k.ctime.sec;
  out.ctime_nsec = static_cast<uint64_t>(k.ctime.nsec);
}

namespace {
uapi::StatxTimestamp stamp(const uapi::Timespec& t) {
  return {t.sec, static_cast<uint32_t>(t.nsec), 0};
}
}  // namespace

void encode_statx(const Kstat& k, uapi::Statx& out) {
  memset(&out, 0, sizeof out);
  out.mask = uapi::kStatxBasicStats;
  out.blksize = k.blksize;
  out.nlink = static_cast<uint32_t>(k.nlink);
  out.uid = k.uid;
  out.gid = k.gid;
  out.mode = static_cast<uint16_t>(k.mode);
  out.ino = k.ino;
  out.size = k.size;
  out.blocks = k.blocks;
  out.atime = stamp(k.atime);
  out.mtime = stamp(k.mtime);
  out.ctime = stamp(k.ctime);
  out.rdev_major = uapi::dev_major(k.rdev);
  out.rdev_minor = uapi::dev_minor(k.rdev);
  out.dev_major = uapi::dev_major(k.dev);
  out.dev_minor = uapi::dev_minor(k.dev);
}

}  // namespace fs
