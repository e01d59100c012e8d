// syscalls/sys_files_stat.cc - attributes: fstat, newfstatat, stat, lstat, statx,
// faccessat(2), access, fchmod(at), chmod, fchown(at), chown, lchown, utimensat,
// truncate, ftruncate, statfs, fstatfs.
//
// fs answers with a neutral Kstat; struct stat is encoded in this architecture's layout
// (arch::Stat: uapi::StatX86_64 or uapi::StatGeneric) only here, on its way out.
#include <arch/user_abi.hh>

#include "fs/stat.hh"
#include "syscalls/files.hh"
#include "syscalls/uaccess.hh"

namespace syscalls {
namespace {

using uapi::kAtFdCwd;

Result<long> stat_out(Result<fs::Kstat> k, uint64_t user) {
  arch::Stat st{};
  fs::encode_stat(TRY(k), st);
  TRY(uaccess::copy_to_user(user, &st, sizeof st));
  return 0;
}

Result<long> fstatat(int dirfd, uint64_t upath, uint64_t ustat, uint32_t flags) {
  UserPath path;
  const char* p = TRY(path.load(upath));
  return stat_out(fs::do_fstatat(caller(), dirfd, p, flags), ustat);
}

Result<long> faccessat(int dirfd, uint64_t upath, uint32_t mode, uint32_t flags) {
  UserPath path;
  return fs::do_faccessat(caller(), dirfd, TRY(path.load(upath)), mode, flags);
}

Result<long> fchmodat(int dirfd, uint64_t upath, uint32_t mode, uint32_t flags) {
  UserPath path;
  return fs::do_fchmodat(caller(), dirfd, TRY(path.load(upath)), mode, flags);
}

Result<long> fchownat(int dirfd, uint64_t upath, uint32_t uid, uint32_t gid, uint32_t flags) {
  UserPath path;
  return fs::do_fchownat(caller(), dirfd, TRY(path.load(upath)), uid, gid, flags);
}

Result<long> statfs_out(Result<long> r, const uapi::Statfs& st, uint64_t user) {
  TRY(r);
  TRY(uaccess::copy_to_user(user, &st, sizeof st));
  return 0;
}

}  // namespace

Result<long> sys_fstat(Args& a) { return stat_out(fs::do_fstat(caller(), a.i32(0)), a.a[1]); }
Result<long> sys_newfstatat(Args& a) { return fstatat(a.i32(0), a.a[1], a.a[2], a.u32(3)); }
Result<long> sys_stat(Args& a) { return fstatat(kAtFdCwd, a.a[0], a.a[1], 0); }
Result<long> sys_lstat(Args& a) {
  return fstatat(kAtFdCwd, a.a[0], a.a[1], uapi::kAtSymlinkNoFollow);
}

Result<long> sys_statx(Args& a) {
  UserPath path;
  const char* p = TRY(path.load(a.a[1]));
  uapi::Statx st{};
  TRY(fs::do_statx(caller(), a.i32(0), p, a.u32(2), a.u32(3), st));
  TRY(uaccess::copy_to_user(a.a[4], &st, sizeof st));
  return 0;
}

Result<long> sys_faccessat(Args& a) { return faccessat(a.i32(0), a.a[1], a.u32(2), 0); }
Result<long> sys_faccessat2(Args& a) { return faccessat(a.i32(0), a.a[1], a.u32(2), a.u32(3)); }
Result<long> sys_access(Args& a) { return faccessat(kAtFdCwd, a.a[0], a.u32(1), 0); }

Result<long> sys_fchmod(Args& a) { return fs::do_fchmod(caller(), a.i32(0), a.u32(1)); }
Result<long> sys_fchmodat(Args& a) { return fchmodat(a.i32(0), a.a[1], a.u32(2), 0); }
Result<long> sys_chmod(Args& a) { return fchmodat(kAtFdCwd, a.a[0], a.u32(1), 0); }

Result<long> sys_fchown(Args& a) { return fs::do_fchown(caller(), a.i32(0), a.u32(1), a.u32(2)); }
Result<long> sys_fchownat(Args& a) {
  return fchownat(a.i32(0), a.a[1], a.u32(2), a.u32(3), a.u32(4));
}
Result<long> sys_chown(Args& a) { return fchownat(kAtFdCwd, a.a[0], a.u32(1), a.u32(2), 0); }
Result<long> sys_lchown(Args& a) {
  return fchownat(kAtFdCwd, a.a[0], a.u32(1), a.u32(2), uapi::kAtSymlinkNoFollow);
}

// A null path is futimens (the descriptor's file); null times mean "now".
Result<long> sys_utimensat(Args& a) {
  UserPath path;
  const char* p = a.a[1] ? TRY(path.load(a.a[1])) : nullptr;
  uapi::Timespec times[2];
  if (a.a[2]) TRY(uaccess::copy_from_user(times, a.a[2], sizeof times));
  return fs::do_utimensat(caller(), a.i32(0), p, a.a[2] ? times : nullptr, a.u32(3));
}

Result<long> sys_truncate(Args& a) {
  UserPath path;
  return fs::do_truncate(caller(), TRY(path.load(a.a[0])), static_cast<int64_t>(a.a[1]));
}
Result<long> sys_ftruncate(Args& a) {
  return fs::do_ftruncate(caller(), a.i32(0), static_cast<int64_t>(a.a[1]));
}

Result<long> sys_statfs(Args& a) {
  UserPath path;
  const char* p = TRY(path.load(a.a[0]));
  uapi::Statfs st{};
  return statfs_out(fs::do_statfs(caller(), p, st), st, a.a[1]);
}
Result<long> sys_fstatfs(Args& a) {
  uapi::Statfs st{};
  return statfs_out(fs::do_fstatfs(caller(), a.i32(0), st), st, a.a[1]);
}

}  // namespace syscalls
