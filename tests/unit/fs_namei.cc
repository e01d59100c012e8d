// Host tests of creating and removing names: mkdir, mknod, symlink, link, unlink, rmdir.
#include "fs_world.hh"

using fstest::err;
using fstest::FsWorld;
using ktl::Errno;

TEST_GROUP(FsNames) {
  FsWorld* w = nullptr;
  void setup() override { w = new FsWorld; }
  void teardown() override { delete w; }
};

TEST(FsNames, MkdirRules) {
  LONGS_EQUAL(0, w->mkdir("/d", 0777));
  fs::Kstat st = w->stat("/d");
  LONGS_EQUAL(uapi::kSIfDir | 0755, st.mode);  // umask 022
  LONGS_EQUAL(2, st.nlink);
  LONGS_EQUAL(4, w->stat("/").nlink);   // ".", "..", /dev, /d
  LONGS_EQUAL(0, w->mkdir("/d/sub/"));  // a trailing slash is fine for mkdir
  LONGS_EQUAL(3, w->stat("/d").nlink);
  LONGS_EQUAL(err(Errno::Exist), w->mkdir("/d"));
  LONGS_EQUAL(err(Errno::Exist), w->mkdir("/"));
  LONGS_EQUAL(err(Errno::Exist), w->mkdir("/d/."));
  LONGS_EQUAL(err(Errno::Exist), w->mkdir("/d/.."));
  LONGS_EQUAL(err(Errno::NoEnt), w->mkdir("/x/y"));
  w->put_file("/f", "");
  LONGS_EQUAL(err(Errno::NotDir), w->mkdir("/f/y"));
  LONGS_EQUAL(0, w->symlink("/nowhere", "/dangling"));
  LONGS_EQUAL(err(Errno::Exist), w->mkdir("/dangling"));  // never follows the last name
}

TEST(FsNames, PermissionsOfTheDirectory) {
  LONGS_EQUAL(0, w->mkdir("/ro", 0755));
  fs::Caller user = w->as(1000, 1000);
  LONGS_EQUAL(err(Errno::Acces), w->mkdir(user, "/ro/x"));
  LONGS_EQUAL(err(Errno::Exist), w->mkdir(user, "/ro"));  // EEXIST before EACCES
  LONGS_EQUAL(err(Errno::Acces), w->open(user, "/ro/f", uapi::kOCreat | uapi::kOWrOnly));
  LONGS_EQUAL(0, w->mkdir("/mine", 0777));  // 0755 after the umask
  LONGS_EQUAL(err(Errno::Acces), w->mkdir(user, "/mine/x"));
  LONGS_EQUAL(0, FsWorld::result(fs::do_fchmodat(w->c, uapi::kAtFdCwd, "/mine", 0777, 0)));
  LONGS_EQUAL(0, w->mkdir(user, "/mine/x"));
  fs::Kstat st = w->stat("/mine/x");
  LONGS_EQUAL(1000, st.uid);
  LONGS_EQUAL(1000, st.gid);
}

TEST(FsNames, SetgidDirectoriesPassTheirGroupOn) {
  LONGS_EQUAL(0, w->mkdir("/shared", 0777));
  LONGS_EQUAL(0, FsWorld::result(fs::do_fchownat(w->c, uapi::kAtFdCwd, "/shared", 0, 50, 0)));
  LONGS_EQUAL(0, FsWorld::result(fs::do_fchmodat(w->c, uapi::kAtFdCwd, "/shared", 02777, 0)));
  fs::Caller user = w->as(1000, 1000);
  LONGS_EQUAL(0, w->mkdir(user, "/shared/sub"));
  long fd = w->open(user, "/shared/file", uapi::kOCreat | uapi::kOWrOnly);
  CHECK(fd >= 0);
  w->close(static_cast<int>(fd));
  LONGS_EQUAL(50, w->stat("/shared/sub").gid);
  CHECK(w->stat("/shared/sub").mode & uapi::kSIsGid);
  LONGS_EQUAL(50, w->stat("/shared/file").gid);
  CHECK_FALSE(w->stat("/shared/file").mode & uapi::kSIsGid);
}

TEST(FsNames, UnlinkRules) {
  LONGS_EQUAL(0, w->mkdir("/d"));
  w->put_file("/d/f", "x");
  LONGS_EQUAL(err(Errno::IsDir), w->unlink("/d"));
  LONGS_EQUAL(err(Errno::NotDir), w->unlink("/d/f/"));
  LONGS_EQUAL(err(Errno::IsDir), w->unlink("/d/"));
  LONGS_EQUAL(err(Errno::NoEnt), w->unlink("/d/nope"));
  LONGS_EQUAL(err(Errno::IsDir), w->unlink("/d/."));
  LONGS_EQUAL(err(Errno::IsDir), w->unlink("/"));
  LONGS_EQUAL(err(Errno::Busy), w->rmdir("/dev"));  // a mount point
  fs::Caller user = w->as(1000, 1000);
  LONGS_EQUAL(err(Errno::Acces), FsWorld::result(fs::do_unlinkat(user, uapi::kAtFdCwd, "/d/f", 0)));
  LONGS_EQUAL(err(Errno::Inval), FsWorld::result(fs::do_unlinkat(w->c, uapi::kAtFdCwd, "/d/f", 1)));
  LONGS_EQUAL(0, w->unlink("/d/f"));
  LONGS_EQUAL(err(Errno::NoEnt), w->stat_error("/d/f"));
}

TEST(FsNames, StickyDirectories) {
  LONGS_EQUAL(0, w->mkdir("/tmp", 01777));
  LONGS_EQUAL(0, FsWorld::result(fs::do_fchmodat(w->c, uapi::kAtFdCwd, "/tmp", 01777, 0)));
  fs::Caller alice = w->as(1000, 1000), bob = w->as(1001, 1001);
  long fd = w->open(alice, "/tmp/a", uapi::kOCreat | uapi::kOWrOnly, 0666);
  CHECK(fd >= 0);
  w->close(static_cast<int>(fd));
  LONGS_EQUAL(err(Errno::Perm), FsWorld::result(fs::do_unlinkat(bob, uapi::kAtFdCwd, "/tmp/a", 0)));
  LONGS_EQUAL(err(Errno::Perm), FsWorld::result(fs::do_renameat2(bob, uapi::kAtFdCwd, "/tmp/a",
                                                                 uapi::kAtFdCwd, "/tmp/b", 0)));
  LONGS_EQUAL(0, FsWorld::result(fs::do_unlinkat(alice, uapi::kAtFdCwd, "/tmp/a", 0)));
}

TEST(FsNames, RmdirRules) {
  LONGS_EQUAL(0, w->mkdir("/d"));
  LONGS_EQUAL(0, w->mkdir("/d/e"));
  w->put_file("/f", "");
  LONGS_EQUAL(err(Errno::NotEmpty), w->rmdir("/d"));
  LONGS_EQUAL(err(Errno::NotDir), w->rmdir("/f"));
  LONGS_EQUAL(err(Errno::Inval), w->rmdir("/d/e/."));
  LONGS_EQUAL(err(Errno::NotEmpty), w->rmdir("/d/e/.."));
  LONGS_EQUAL(err(Errno::Busy), w->rmdir("/"));
  LONGS_EQUAL(err(Errno::NoEnt), w->rmdir("/nope"));
  LONGS_EQUAL(0, w->rmdir("/d/e/"));
  LONGS_EQUAL(2, w->stat("/d").nlink);
  LONGS_EQUAL(0, w->rmdir("/d"));
}

TEST(FsNames, HardLinks) {
  w->put_file("/f", "shared");
  LONGS_EQUAL(0, w->link("/f", "/g"));
  LONGS_EQUAL(2, w->stat("/f").nlink);
  CHECK_EQUAL(w->stat("/f").ino, w->stat("/g").ino);
  LONGS_EQUAL(0, w->unlink("/f"));
  STRCMP_EQUAL("shared", w->slurp("/g").c_str());
  LONGS_EQUAL(1, w->stat("/g").nlink);
  LONGS_EQUAL(err(Errno::Exist), w->link("/g", "/dev"));
  LONGS_EQUAL(err(Errno::NoEnt), w->link("/nope", "/h"));
  LONGS_EQUAL(0, w->mkdir("/d"));
  LONGS_EQUAL(err(Errno::Perm), w->link("/d", "/d2"));
  LONGS_EQUAL(err(Errno::XDev), w->link("/g", "/dev/g"));
  LONGS_EQUAL(err(Errno::Exist), w->link("/g", "/d/.."));
  LONGS_EQUAL(err(Errno::NoEnt), w->link("/g", "/h/"));
  LONGS_EQUAL(err(Errno::Inval), w->link("/g", "/h", 0x1));
  // A link to a symlink is a link to the symlink, unless AT_SYMLINK_FOLLOW.
  LONGS_EQUAL(0, w->symlink("/g", "/s"));
  LONGS_EQUAL(0, w->link("/s", "/s2"));
  LONGS_EQUAL(uapi::kSIfLnk, w->stat("/s2", false).mode & uapi::kSIfMt);
  LONGS_EQUAL(0, w->link("/s", "/g2", uapi::kAtSymlinkFollow));
  CHECK_EQUAL(w->stat("/g").ino, w->stat("/g2", false).ino);
}

TEST(FsNames, Symlinks) {
  LONGS_EQUAL(0, w->symlink("target/of/any/kind", "/s"));
  fs::Kstat st = w->stat("/s", false);
  LONGS_EQUAL(uapi::kSIfLnk | 0777, st.mode);
  LONGS_EQUAL(18, st.size);
  char buf[64];
  auto n = fs::do_readlinkat(w->c, uapi::kAtFdCwd, "/s", buf, sizeof buf);
  LONGS_EQUAL(18, n.value());
  CHECK(memcmp(buf, "target/of/any/kind", 18) == 0);
  LONGS_EQUAL(6, fs::do_readlinkat(w->c, uapi::kAtFdCwd, "/s", buf, 6).value());  // truncated
  LONGS_EQUAL(err(Errno::Inval),
              FsWorld::result(fs::do_readlinkat(w->c, uapi::kAtFdCwd, "/", buf, 64)));
  LONGS_EQUAL(err(Errno::Inval),
              FsWorld::result(fs::do_readlinkat(w->c, uapi::kAtFdCwd, "/s", buf, 0)));
  LONGS_EQUAL(err(Errno::Exist), w->symlink("x", "/s"));
  LONGS_EQUAL(err(Errno::NoEnt), w->symlink("", "/t"));
  LONGS_EQUAL(err(Errno::NoEnt), w->symlink("x", "/t/"));
}

TEST(FsNames, Mknod) {
  auto mk = [&](const char* path, uint32_t mode, uint64_t dev, const fs::Caller& who) {
    return FsWorld::result(fs::do_mknodat(who, uapi::kAtFdCwd, path, mode, dev));
  };
  LONGS_EQUAL(0, mk("/fifo", uapi::kSIfIfo | 0666, 0, w->c));
  LONGS_EQUAL(uapi::kSIfIfo | 0644, w->stat("/fifo").mode);
  LONGS_EQUAL(0, mk("/null2", uapi::kSIfChr | 0666, (1 << 8) | 3, w->c));
  LONGS_EQUAL(uapi::make_dev(1, 3), w->stat("/null2").rdev);
  long fd = w->open("/null2", uapi::kORdWr);  // the same driver as /dev/null
  CHECK(fd >= 0);
  LONGS_EQUAL(5, w->write(static_cast<int>(fd), "hello"));
  w->close(static_cast<int>(fd));
  LONGS_EQUAL(err(Errno::Perm), mk("/c", uapi::kSIfChr | 0666, 0, w->as(1000, 1000)));
  LONGS_EQUAL(err(Errno::Inval), mk("/dir", uapi::kSIfDir | 0755, 0, w->c));
  LONGS_EQUAL(err(Errno::Exist), mk("/fifo", uapi::kSIfIfo | 0666, 0, w->c));
  LONGS_EQUAL(err(Errno::NoEnt), mk("/new/", uapi::kSIfReg | 0666, 0, w->c));
  LONGS_EQUAL(err(Errno::NxIo), w->open("/fifo", uapi::kORdOnly | uapi::kONonBlock));
}
