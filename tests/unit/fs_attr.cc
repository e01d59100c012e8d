// Host tests of stat, statx, access, chmod, chown, utimensat, truncate, getdents64, statfs.
#include "fs/stat.hh"
#include "fs_world.hh"

using fstest::err;
using fstest::FakeHooks;
using fstest::FsWorld;
using ktl::Errno;
using namespace uapi;

TEST_GROUP(FsAttr) {
  FsWorld* w = nullptr;
  void setup() override {
    w = new FsWorld;
    w->put_file("/f", "hello");
  }
  void teardown() override { delete w; }
  long call(ktl::Result<long> r) { return FsWorld::result(r); }
};

TEST(FsAttr, StatLayouts) {
  FakeHooks::clock_ns = 5'000'000'123;
  w->put_file("/t", "12345678");
  fs::Kstat k = w->stat("/t");
  StatX86_64 x;
  StatGeneric g;
  Statx sx;
  fs::encode_stat(k, x);
  fs::encode_stat(k, g);
  fs::encode_statx(k, sx);
  LONGS_EQUAL(8, x.size);
  LONGS_EQUAL(8, g.size);
  LONGS_EQUAL(kSIfReg | 0644, x.mode);
  LONGS_EQUAL(kSIfReg | 0644, g.mode);
  LONGS_EQUAL(1, x.nlink);
  LONGS_EQUAL(1, g.nlink);
  LONGS_EQUAL(5, x.mtime_sec);
  LONGS_EQUAL(123, g.mtime_nsec);
  LONGS_EQUAL(4096, g.blksize);
  LONGS_EQUAL(8, sx.size);
  LONGS_EQUAL(kStatxBasicStats, sx.mask);
  LONGS_EQUAL(kSIfReg | 0644, sx.mode);
  CHECK_EQUAL(k.ino, sx.ino);
  LONGS_EQUAL(5, sx.mtime.sec);
  Statx via;
  LONGS_EQUAL(0, call(fs::do_statx(w->c, kAtFdCwd, "/t", 0, kStatxBasicStats, via)));
  LONGS_EQUAL(8, via.size);
  LONGS_EQUAL(err(Errno::Inval), call(fs::do_statx(w->c, kAtFdCwd, "/t", 0, kStatxReserved, via)));
  LONGS_EQUAL(err(Errno::Inval), call(fs::do_statx(w->c, kAtFdCwd, "/t", 0x8000, 0, via)));
}

TEST(FsAttr, StatatFlags) {
  LONGS_EQUAL(0, w->symlink("/f", "/s"));
  int fd = static_cast<int>(w->open("/f", kORdOnly));
  auto by_fd = fs::do_fstatat(w->c, fd, "", kAtEmptyPath);
  CHECK_EQUAL(w->stat("/f").ino, by_fd.value().ino);
  LONGS_EQUAL(static_cast<int>(Errno::NoEnt),
              static_cast<int>(fs::do_fstatat(w->c, fd, "", 0).error()));
  LONGS_EQUAL(static_cast<int>(Errno::NotDir),
              static_cast<int>(fs::do_fstatat(w->c, fd, "x", 0).error()));
  LONGS_EQUAL(static_cast<int>(Errno::Inval),
              static_cast<int>(fs::do_fstatat(w->c, kAtFdCwd, "/f", 1).error()));
  LONGS_EQUAL(static_cast<int>(Errno::BadF),
              static_cast<int>(fs::do_fstatat(w->c, 55, "x", 0).error()));
  CHECK_TRUE(fs::do_fstatat(w->c, 55, "/f", 0).is_ok());  // absolute paths ignore dirfd
  int dirfd = static_cast<int>(w->open("/dev", kORdOnly | kODirectory));
  CHECK_EQUAL(w->stat("/dev/null").ino, fs::do_fstatat(w->c, dirfd, "null", 0).value().ino);
  LONGS_EQUAL(kSIfLnk, w->stat("/s", false).mode & kSIfMt);
}

TEST(FsAttr, Access) {
  fs::Caller user = w->as(1000, 1000);
  LONGS_EQUAL(0, call(fs::do_faccessat(user, kAtFdCwd, "/f", kROk, 0)));
  LONGS_EQUAL(err(Errno::Acces), call(fs::do_faccessat(user, kAtFdCwd, "/f", kWOk, 0)));
  LONGS_EQUAL(err(Errno::Acces), call(fs::do_faccessat(w->c, kAtFdCwd, "/f", kXOk, 0)));
  LONGS_EQUAL(0, call(fs::do_faccessat(w->c, kAtFdCwd, "/f", kWOk | kROk, 0)));
  LONGS_EQUAL(0, call(fs::do_faccessat(w->c, kAtFdCwd, "/dev", kXOk, 0)));
  LONGS_EQUAL(err(Errno::NoEnt), call(fs::do_faccessat(user, kAtFdCwd, "/nope", kFOk, 0)));
  LONGS_EQUAL(err(Errno::Inval), call(fs::do_faccessat(user, kAtFdCwd, "/f", 8, 0)));
  LONGS_EQUAL(err(Errno::Inval), call(fs::do_faccessat(user, kAtFdCwd, "/f", 0, 1)));
  // The real ids count unless AT_EACCESS: a setuid-root program run by uid 1000.
  fs::Caller setuid = user;
  setuid.cred.euid = 0;
  LONGS_EQUAL(err(Errno::Acces), call(fs::do_faccessat(setuid, kAtFdCwd, "/f", kWOk, 0)));
  LONGS_EQUAL(0, call(fs::do_faccessat(setuid, kAtFdCwd, "/f", kWOk, kAtEaccess)));
}

TEST(FsAttr, ChmodChown) {
  fs::Caller user = w->as(1000, 1000);
  LONGS_EQUAL(err(Errno::Perm), call(fs::do_fchmodat(user, kAtFdCwd, "/f", 0777, 0)));
  LONGS_EQUAL(0, call(fs::do_fchownat(w->c, kAtFdCwd, "/f", 1000, 1000, 0)));
  LONGS_EQUAL(0, call(fs::do_fchmodat(user, kAtFdCwd, "/f", 06755, 0)));
  LONGS_EQUAL(kSIfReg | 06755, w->stat("/f").mode);
  // chown clears set-user-ID and (group-executable) set-group-ID, even for root.
  LONGS_EQUAL(0, call(fs::do_fchownat(w->c, kAtFdCwd, "/f", 0xffffffff, 0xffffffff, 0)));
  LONGS_EQUAL(kSIfReg | 0755, w->stat("/f").mode);
  LONGS_EQUAL(err(Errno::Perm), call(fs::do_fchownat(user, kAtFdCwd, "/f", 0, 0xffffffff, 0)));
  LONGS_EQUAL(err(Errno::Perm), call(fs::do_fchownat(user, kAtFdCwd, "/f", 0xffffffff, 5, 0)));
  LONGS_EQUAL(0, call(fs::do_fchownat(user, kAtFdCwd, "/f", 1000, 1000, 0)));
  // Non-root setting S_ISGID on a file of another group: the bit is dropped.
  LONGS_EQUAL(0, call(fs::do_fchownat(w->c, kAtFdCwd, "/f", 1000, 77, 0)));
  LONGS_EQUAL(0, call(fs::do_fchmodat(user, kAtFdCwd, "/f", 02644, 0)));
  LONGS_EQUAL(kSIfReg | 0644, w->stat("/f").mode);
  LONGS_EQUAL(0, w->symlink("/f", "/s"));
  LONGS_EQUAL(err(Errno::OpNotSupp),
              call(fs::do_fchmodat(w->c, kAtFdCwd, "/s", 0600, kAtSymlinkNoFollow)));
  int fd = static_cast<int>(w->open("/f", kORdOnly));
  LONGS_EQUAL(0, call(fs::do_fchmod(w->c, fd, 0600)));
  LONGS_EQUAL(0, call(fs::do_fchown(w->c, fd, 3, 4)));
  LONGS_EQUAL(3, w->stat("/f").uid);
}

TEST(FsAttr, Utimensat) {
  Timespec times[2] = {{100, 1}, {200, 2}};
  LONGS_EQUAL(0, call(fs::do_utimensat(w->c, kAtFdCwd, "/f", times, 0)));
  fs::Kstat st = w->stat("/f");
  LONGS_EQUAL(100, st.atime.sec);
  LONGS_EQUAL(200, st.mtime.sec);
  Timespec omit_now[2] = {{0, kUtimeOmit}, {0, kUtimeNow}};
  FakeHooks::clock_ns = 7'000'000'000;
  LONGS_EQUAL(0, call(fs::do_utimensat(w->c, kAtFdCwd, "/f", omit_now, 0)));
  st = w->stat("/f");
  LONGS_EQUAL(100, st.atime.sec);
  LONGS_EQUAL(7, st.mtime.sec);
  Timespec bad[2] = {{0, 1'000'000'000}, {0, 0}};
  LONGS_EQUAL(err(Errno::Inval), call(fs::do_utimensat(w->c, kAtFdCwd, "/f", bad, 0)));
  fs::Caller user = w->as(1000, 1000);
  LONGS_EQUAL(err(Errno::Perm), call(fs::do_utimensat(user, kAtFdCwd, "/f", times, 0)));
  LONGS_EQUAL(err(Errno::Acces), call(fs::do_utimensat(user, kAtFdCwd, "/f", nullptr, 0)));
  int fd = static_cast<int>(w->open("/f", kORdOnly));
  LONGS_EQUAL(0, call(fs::do_utimensat(w->c, fd, nullptr, times, 0)));  // futimens
  LONGS_EQUAL(err(Errno::Inval),
              call(fs::do_utimensat(w->c, fd, nullptr, times, kAtSymlinkNoFollow)));
}

TEST(FsAttr, Truncate) {
  LONGS_EQUAL(0, call(fs::do_truncate(w->c, "/f", 2)));
  STRCMP_EQUAL("he", w->slurp("/f").c_str());
  LONGS_EQUAL(err(Errno::Inval), call(fs::do_truncate(w->c, "/f", -1)));
  LONGS_EQUAL(err(Errno::IsDir), call(fs::do_truncate(w->c, "/dev", 0)));
  LONGS_EQUAL(err(Errno::Inval), call(fs::do_truncate(w->c, "/dev/null", 0)));
  LONGS_EQUAL(err(Errno::Acces), call(fs::do_truncate(w->as(1000, 1000), "/f", 0)));
  int ro = static_cast<int>(w->open("/f", kORdOnly));
  LONGS_EQUAL(err(Errno::Inval), call(fs::do_ftruncate(w->c, ro, 0)));
  LONGS_EQUAL(err(Errno::BadF), call(fs::do_ftruncate(w->c, 99, 0)));
}

TEST(FsAttr, Getdents) {
  LONGS_EQUAL(0, w->mkdir("/d"));
  w->put_file("/d/one", "");
  LONGS_EQUAL(0, w->mkdir("/d/two"));
  LONGS_EQUAL(0, w->symlink("x", "/d/three"));
  int fd = static_cast<int>(w->open("/d", kORdOnly | kODirectory));
  alignas(8) char buf[512];
  fs::IoSegment seg;
  auto io = fs::IoCursor::kernel(buf, sizeof buf, seg);
  long n = call(fs::do_getdents64(w->c, fd, io));
  CHECK(n > 0);
  std::vector<std::string> names;
  std::vector<int> types;
  for (long at = 0; at < n;) {
    auto* d = reinterpret_cast<LinuxDirent64*>(buf + at);
    names.push_back(d->name);
    types.push_back(d->type);
    LONGS_EQUAL(0, d->reclen % 8);
    at += d->reclen;
  }
  LONGS_EQUAL(5, names.size());
  STRCMP_EQUAL(".", names[0].c_str());
  STRCMP_EQUAL("..", names[1].c_str());
  STRCMP_EQUAL("one", names[2].c_str());
  LONGS_EQUAL(kDtReg, types[2]);
  LONGS_EQUAL(kDtDir, types[3]);
  LONGS_EQUAL(kDtLnk, types[4]);
  auto end = fs::IoCursor::kernel(buf, sizeof buf, seg);
  LONGS_EQUAL(0, call(fs::do_getdents64(w->c, fd, end)));  // the end
  // A buffer too small for one entry; a cookie continues where it left off.
  LONGS_EQUAL(0, call(fs::do_lseek(w->c, fd, 0, kSeekSet)));
  auto tiny = fs::IoCursor::kernel(buf, 10, seg);
  LONGS_EQUAL(err(Errno::Inval), call(fs::do_getdents64(w->c, fd, tiny)));
  auto one = fs::IoCursor::kernel(buf, 24, seg);
  LONGS_EQUAL(24, call(fs::do_getdents64(w->c, fd, one)));  // just "."
  LONGS_EQUAL(0, w->unlink("/d/one"));  // removed between calls: not listed, nothing repeats
  auto rest = fs::IoCursor::kernel(buf, sizeof buf, seg);
  n = call(fs::do_getdents64(w->c, fd, rest));
  names.clear();
  for (long at = 0; at < n; at += reinterpret_cast<LinuxDirent64*>(buf + at)->reclen)
    names.push_back(reinterpret_cast<LinuxDirent64*>(buf + at)->name);
  LONGS_EQUAL(3, names.size());
  STRCMP_EQUAL("..", names[0].c_str());
  STRCMP_EQUAL("two", names[1].c_str());
  int file = static_cast<int>(w->open("/f", kORdOnly));
  auto io2 = fs::IoCursor::kernel(buf, sizeof buf, seg);
  LONGS_EQUAL(err(Errno::NotDir), call(fs::do_getdents64(w->c, file, io2)));
}

TEST(FsAttr, Statfs) {
  Statfs s;
  LONGS_EQUAL(0, call(fs::do_statfs(w->c, "/dev/null", s)));
  LONGS_EQUAL(kDevfsMagic, s.type);
  LONGS_EQUAL(255, s.namelen);
  int fds[2];
  LONGS_EQUAL(0, call(fs::do_pipe2(w->c, fds, 0)));
  LONGS_EQUAL(0, call(fs::do_fstatfs(w->c, fds[0], s)));
  LONGS_EQUAL(kPipefsMagic, s.type);
  LONGS_EQUAL(0, call(fs::do_fsync(w->c, static_cast<int>(w->open("/f", kORdOnly)))));
  LONGS_EQUAL(err(Errno::Inval), call(fs::do_fsync(w->c, fds[0])));
}
