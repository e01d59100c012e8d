// Host tests of open(2) and of reading and writing ramfs files.
#include "fs/ramfs.hh"
#include "fs_world.hh"

using fstest::err;
using fstest::FakePages;
using fstest::FsWorld;
using ktl::Errno;
using namespace uapi;

TEST_GROUP(FsOpen) {
  FsWorld* w = nullptr;
  void setup() override { w = new FsWorld; }
  void teardown() override { delete w; }
};

TEST(FsOpen, CreateExclTrunc) {
  long fd = w->open("/f", kOWrOnly | kOCreat, 0666);
  LONGS_EQUAL(0, fd);  // the lowest free descriptor
  LONGS_EQUAL(kSIfReg | 0644, w->stat("/f").mode);
  LONGS_EQUAL(3, w->write(0, "abc"));
  LONGS_EQUAL(err(Errno::Exist), w->open("/f", kOWrOnly | kOCreat | kOExcl));
  long again = w->open("/f", kORdWr | kOTrunc);
  LONGS_EQUAL(0, w->stat("/f").size);
  w->close(static_cast<int>(again));
  w->close(0);
  // O_CREAT never checks permission on the file it makes, only once.
  long ro = w->open(w->as(1000, 1000), "/dev/../f2", kOWrOnly | kOCreat, 0444);
  CHECK(ro < 0);  // "/" is not writable by uid 1000
  LONGS_EQUAL(0, w->mkdir("/pub", 0777));
  LONGS_EQUAL(0, FsWorld::result(fs::do_fchmodat(w->c, kAtFdCwd, "/pub", 0777, 0)));
  fs::Caller user = w->as(1000, 1000);
  long made = w->open(user, "/pub/r", kOWrOnly | kOCreat, 0444);
  CHECK(made >= 0);
  LONGS_EQUAL(2, w->write(user, static_cast<int>(made), "ok"));
  w->close(static_cast<int>(made));
  LONGS_EQUAL(err(Errno::Acces), w->open(user, "/pub/r", kOWrOnly));
}

TEST(FsOpen, FlagErrors) {
  LONGS_EQUAL(0, w->mkdir("/d"));
  w->put_file("/f", "x");
  LONGS_EQUAL(0, w->symlink("/f", "/s"));
  LONGS_EQUAL(0, w->symlink("/missing", "/dangling"));
  LONGS_EQUAL(err(Errno::NoEnt), w->open("/nope", kORdOnly));
  LONGS_EQUAL(err(Errno::IsDir), w->open("/d", kOWrOnly));
  LONGS_EQUAL(err(Errno::IsDir), w->open("/d", kORdOnly | kOTrunc));
  LONGS_EQUAL(err(Errno::IsDir), w->open("/d", kORdOnly | kOCreat));
  LONGS_EQUAL(err(Errno::IsDir), w->open("/new/", kOWrOnly | kOCreat));
  LONGS_EQUAL(err(Errno::IsDir), w->open("/", kOWrOnly | kOCreat));
  LONGS_EQUAL(err(Errno::NotDir), w->open("/f", kORdOnly | kODirectory));
  LONGS_EQUAL(err(Errno::NotDir), w->open("/f/", kORdOnly));
  LONGS_EQUAL(err(Errno::Inval), w->open("/g", kORdOnly | kODirectory | kOCreat));
  LONGS_EQUAL(err(Errno::Loop), w->open("/s", kORdOnly | kONoFollow));
  LONGS_EQUAL(err(Errno::Exist), w->open("/s", kOWrOnly | kOCreat | kOExcl));
  long dirfd = w->open("/d", kORdOnly | kODirectory);
  CHECK(dirfd >= 0);
  std::string out;
  LONGS_EQUAL(err(Errno::IsDir), w->read(static_cast<int>(dirfd), out, 10));
  // O_CREAT through a dangling symlink creates its target.
  long fd = w->open("/dangling", kOWrOnly | kOCreat);
  CHECK(fd >= 0);
  LONGS_EQUAL(0, w->stat_error("/missing"));
}

TEST(FsOpen, AccessModes) {
  w->put_file("/f", "hello");
  long ro = w->open("/f", kORdOnly), wo = w->open("/f", kOWrOnly);
  std::string out;
  LONGS_EQUAL(err(Errno::BadF), w->write(static_cast<int>(ro), "x"));
  LONGS_EQUAL(err(Errno::BadF), w->read(static_cast<int>(wo), out, 5));
  LONGS_EQUAL(err(Errno::BadF), w->read(99, out, 5));
  fs::Caller user = w->as(1000, 1000);
  LONGS_EQUAL(err(Errno::Acces), w->open(user, "/f", kOWrOnly));
  CHECK(w->open(user, "/f", kORdOnly) >= 0);
  long path = w->open("/f", kOPath);
  CHECK(path >= 0);
  LONGS_EQUAL(err(Errno::BadF), w->read(static_cast<int>(path), out, 5));
  LONGS_EQUAL(5, static_cast<long>(fs::do_fstat(w->c, static_cast<int>(path)).value().size));
}

TEST(FsOpen, ReadWriteAppendSeek) {
  long fd = w->open("/f", kORdWr | kOCreat);
  LONGS_EQUAL(11, w->write(static_cast<int>(fd), "hello world"));
  std::string out;
  LONGS_EQUAL(0, w->read(static_cast<int>(fd), out, 10));  // at the end
  LONGS_EQUAL(0, FsWorld::result(fs::do_lseek(w->c, static_cast<int>(fd), 0, kSeekSet)));
  LONGS_EQUAL(5, w->read(static_cast<int>(fd), out, 5));
  STRCMP_EQUAL("hello", out.c_str());
  LONGS_EQUAL(11, FsWorld::result(fs::do_lseek(w->c, static_cast<int>(fd), 0, kSeekEnd)));
  LONGS_EQUAL(err(Errno::Inval),
              FsWorld::result(fs::do_lseek(w->c, static_cast<int>(fd), -12, kSeekEnd)));
  LONGS_EQUAL(err(Errno::Inval), FsWorld::result(fs::do_lseek(w->c, static_cast<int>(fd), 0, 7)));
  LONGS_EQUAL(err(Errno::NxIo),
              FsWorld::result(fs::do_lseek(w->c, static_cast<int>(fd), 11, kSeekData)));
  long app = w->open("/f", kOWrOnly | kOAppend);
  LONGS_EQUAL(1, w->write(static_cast<int>(app), "!"));
  LONGS_EQUAL(0, FsWorld::result(fs::do_lseek(w->c, static_cast<int>(app), 0, kSeekSet)));
  LONGS_EQUAL(1, w->write(static_cast<int>(app), "?"));  // still at the end
  STRCMP_EQUAL("hello world!?", w->slurp("/f").c_str());
  // pread/pwrite do not move the position.
  char buf[5];
  fs::IoSegment seg;
  auto io = fs::IoCursor::kernel(buf, 5, seg);
  LONGS_EQUAL(5, fs::do_pread(w->c, static_cast<int>(fd), io, 6).value());
  CHECK(memcmp(buf, "world", 5) == 0);
  LONGS_EQUAL(11, FsWorld::result(fs::do_lseek(w->c, static_cast<int>(fd), 0, kSeekCur)));
  auto neg = fs::IoCursor::kernel(buf, 5, seg);
  LONGS_EQUAL(err(Errno::Inval),
              FsWorld::result(fs::do_pread(w->c, static_cast<int>(fd), neg, -1)));
}

TEST(FsOpen, SparseFilesAndPagesAcrossBoundaries) {
  long fd = w->open("/sparse", kORdWr | kOCreat);
  std::string big(10000, 'z');
  LONGS_EQUAL(3 * 4096 - 7,
              FsWorld::result(fs::do_lseek(w->c, static_cast<int>(fd), 3 * 4096 - 7, kSeekSet)));
  LONGS_EQUAL(10000, w->write(static_cast<int>(fd), big));
  fs::Kstat st = w->stat("/sparse");
  LONGS_EQUAL(3 * 4096 - 7 + 10000, st.size);
  LONGS_EQUAL(4 * 8, st.blocks);  // pages 2..5 exist, 0 and 1 are holes
  std::string all = w->slurp("/sparse");
  LONGS_EQUAL(st.size, all.size());
  CHECK(all.substr(0, 3 * 4096 - 7) == std::string(3 * 4096 - 7, '\0'));
  CHECK(all.substr(3 * 4096 - 7) == big);
  // Truncating into a page zeroes its tail: growing again reads zeros.
  LONGS_EQUAL(0, FsWorld::result(fs::do_ftruncate(w->c, static_cast<int>(fd), 3 * 4096)));
  LONGS_EQUAL(0, FsWorld::result(fs::do_ftruncate(w->c, static_cast<int>(fd), 3 * 4096 + 100)));
  all = w->slurp("/sparse");
  CHECK(all.substr(3 * 4096 - 7, 7) == "zzzzzzz");
  CHECK(all.substr(3 * 4096) == std::string(100, '\0'));
  LONGS_EQUAL(8, w->stat("/sparse").blocks);
}

TEST(FsOpen, UnlinkedOpenFilesLiveOn) {
  long fd = w->open("/f", kORdWr | kOCreat);
  LONGS_EQUAL(4, w->write(static_cast<int>(fd), "data"));
  size_t pages = FakePages::allocated;
  LONGS_EQUAL(0, w->unlink("/f"));
  LONGS_EQUAL(0, static_cast<long>(fs::do_fstat(w->c, static_cast<int>(fd)).value().nlink));
  CHECK_EQUAL(pages, FakePages::allocated);
  LONGS_EQUAL(0, FsWorld::result(fs::do_lseek(w->c, static_cast<int>(fd), 0, kSeekSet)));
  std::string out;
  LONGS_EQUAL(4, w->read(static_cast<int>(fd), out, 10));
  w->close(static_cast<int>(fd));
  CHECK_EQUAL(pages - 1, FakePages::allocated);  // the last reference freed the page
}

TEST(FsOpen, ExecLookup) {
  w->put_file("/prog",
              "\x7f"
              "ELF",
              0755);
  w->put_file("/data", "x", 0644);
  LONGS_EQUAL(0, w->symlink("prog", "/link"));
  auto found = fs::exec_lookup(w->c, fs::vfs_root(), "/link");
  CHECK_EQUAL(w->stat("/prog").ino, found.value()->inode->ino);
  char buf[8];
  LONGS_EQUAL(4, fs::ramfs_load(*found.value()->inode, 0, buf, sizeof buf).value());
  CHECK(memcmp(buf,
               "\x7f"
               "ELF",
               4) == 0);
  LONGS_EQUAL(static_cast<int>(Errno::Acces),
              static_cast<int>(fs::exec_lookup(w->c, fs::vfs_root(), "/data").error()));
  LONGS_EQUAL(static_cast<int>(Errno::Acces),
              static_cast<int>(fs::exec_lookup(w->c, fs::vfs_root(), "/dev").error()));
  LONGS_EQUAL(static_cast<int>(Errno::NoEnt),
              static_cast<int>(fs::exec_lookup(w->c, fs::vfs_root(), "/nope").error()));
}

TEST_GROUP(FsFull) {
  FsWorld* w = nullptr;
  void setup() override { w = new FsWorld(4); }  // a ramfs of four pages
  void teardown() override { delete w; }
};

TEST(FsFull, WritesStopWithEnospcAndNothingElseIsLost) {
  w->put_file("/keep", "precious");
  long fd = w->open("/big", kOWrOnly | kOCreat);
  std::string chunk(4096 * 5, 'x');
  LONGS_EQUAL(3 * 4096, w->write(static_cast<int>(fd), chunk));  // a short write
  LONGS_EQUAL(err(Errno::NoSpc), w->write(static_cast<int>(fd), "y"));
  STRCMP_EQUAL("precious", w->slurp("/keep").c_str());
  fs::Kstat st = w->stat("/big");
  LONGS_EQUAL(3 * 4096, st.size);
  uapi::Statfs sfs;
  CHECK_TRUE(fs::do_statfs(w->c, "/", sfs).is_ok());
  LONGS_EQUAL(0, sfs.bfree);
  LONGS_EQUAL(kRamfsMagic, sfs.type);
  LONGS_EQUAL(0, w->unlink("/big"));  // room again once the file is gone (and closed)
  w->close(static_cast<int>(fd));
  CHECK_TRUE(fs::do_statfs(w->c, "/", sfs).is_ok());
  LONGS_EQUAL(3, sfs.bfree);
  // The page allocator itself running out is ENOSPC too, never a crash.
  FakePages::limit = FakePages::allocated;
  long fd2 = w->open("/again", kOWrOnly | kOCreat);
  LONGS_EQUAL(err(Errno::NoSpc), w->write(static_cast<int>(fd2), "z"));
  FakePages::limit = ~size_t{0};
}
