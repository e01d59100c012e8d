// Host tests of fs/walk: components, ".", "..", symlinks, trailing slashes, errors.
#include "fs/walk.hh"
#include "fs_world.hh"

using fstest::err;
using fstest::FsWorld;
using ktl::Errno;

TEST_GROUP(FsWalk) {
  FsWorld* w = nullptr;
  void setup() override {
    w = new FsWorld;
    LONGS_EQUAL(0, w->mkdir("/a"));
    LONGS_EQUAL(0, w->mkdir("/a/b"));
    w->put_file("/a/b/file", "data");
    LONGS_EQUAL(0, w->symlink("b/file", "/a/to_file"));
    LONGS_EQUAL(0, w->symlink("/a/b", "/a/to_b"));
    LONGS_EQUAL(0, w->symlink("loop2", "/a/loop1"));
    LONGS_EQUAL(0, w->symlink("loop1", "/a/loop2"));
    LONGS_EQUAL(0, w->symlink("missing", "/a/dangling"));
  }
  void teardown() override { delete w; }
  long walk(const char* path, uint32_t flags = fs::kWalkFollow) {
    auto r = fs::walk(w->c, fs::vfs_root(), path, flags);
    return r.is_ok() ? static_cast<long>(r.value()->inode->ino) : err(r.error());
  }
  uint64_t ino(const char* path) { return w->stat(path).ino; }
};

TEST(FsWalk, DotsAndSlashes) {
  CHECK_EQUAL(ino("/a/b"), static_cast<uint64_t>(walk("/a/./b")));
  CHECK_EQUAL(ino("/a/b"), static_cast<uint64_t>(walk("//a///b//")));
  CHECK_EQUAL(ino("/a"), static_cast<uint64_t>(walk("/a/b/..")));
  CHECK_EQUAL(ino("/"), static_cast<uint64_t>(walk("/../../..")));  // never above the root
  CHECK_EQUAL(ino("/a/b/file"), static_cast<uint64_t>(walk("a/b/../b/file")));
}

TEST(FsWalk, Errors) {
  LONGS_EQUAL(err(Errno::NoEnt), walk("/a/nope"));
  LONGS_EQUAL(err(Errno::NoEnt), walk("/nope/b"));
  LONGS_EQUAL(err(Errno::NoEnt), walk(""));
  LONGS_EQUAL(err(Errno::NotDir), walk("/a/b/file/x"));
  LONGS_EQUAL(err(Errno::NotDir), walk("/a/b/file/"));
  LONGS_EQUAL(err(Errno::NotDir), walk("/a/b/file/."));
  LONGS_EQUAL(err(Errno::NotDir), walk("/a/b/file", fs::kWalkDirectory));
  std::string long_name(256, 'x');
  LONGS_EQUAL(err(Errno::NameTooLong), walk(("/a/" + long_name).c_str()));
  std::string ok_name(255, 'x');
  LONGS_EQUAL(err(Errno::NoEnt), walk(("/a/" + ok_name).c_str()));
}

TEST(FsWalk, Symlinks) {
  CHECK_EQUAL(ino("/a/b/file"), static_cast<uint64_t>(walk("/a/to_file")));
  CHECK_EQUAL(ino("/a/b/file"), static_cast<uint64_t>(walk("/a/to_b/file")));  // absolute
  CHECK_EQUAL(ino("/a/b"), static_cast<uint64_t>(walk("/a/to_b/")));
  // Not following the last component gives the link itself; a slash forces following.
  CHECK(walk("/a/to_b", 0) != walk("/a/to_b"));
  CHECK_EQUAL(ino("/a/b"), static_cast<uint64_t>(walk("/a/to_b/", 0)));
  LONGS_EQUAL(err(Errno::NotDir), walk("/a/to_file/"));
  LONGS_EQUAL(err(Errno::Loop), walk("/a/loop1"));
  LONGS_EQUAL(err(Errno::Loop), walk("/a/loop1/x", 0));
  CHECK(walk("/a/loop1", 0) > 0);  // the link itself is fine
  LONGS_EQUAL(err(Errno::NoEnt), walk("/a/dangling"));
  CHECK(walk("/a/dangling", 0) > 0);
}

TEST(FsWalk, FortySymlinksAreFineFortyOneAreNot) {
  // l0 -> b, l1 -> l0, ..., l40 -> l39: following l39 takes 40 links, l40 takes 41.
  LONGS_EQUAL(0, w->symlink("b", "/a/l0"));
  for (int i = 1; i <= 40; ++i) {
    std::string target = "l" + std::to_string(i - 1), name = "/a/l" + std::to_string(i);
    LONGS_EQUAL(0, w->symlink(target.c_str(), name.c_str()));
  }
  CHECK_EQUAL(ino("/a/b"), static_cast<uint64_t>(walk("/a/l39")));
  LONGS_EQUAL(err(Errno::Loop), walk("/a/l40"));
}

TEST(FsWalk, SearchPermission) {
  LONGS_EQUAL(0, w->mkdir("/locked", 0700));
  LONGS_EQUAL(0, w->mkdir("/locked/inner", 0777));
  fs::Caller user = w->as(1000, 1000);
  auto r = fs::walk(user, fs::vfs_root(), "/locked/inner", fs::kWalkFollow);
  LONGS_EQUAL(static_cast<int>(Errno::Acces), static_cast<int>(r.error()));
  // The last component needs no search permission of its own: /locked itself is found.
  CHECK_TRUE(fs::walk(user, fs::vfs_root(), "/locked", fs::kWalkFollow).is_ok());
  // Root bypasses it.
  CHECK_TRUE(fs::walk(w->c, fs::vfs_root(), "/locked/inner", fs::kWalkFollow).is_ok());
}

TEST(FsWalk, ParentWalkDescribesTheLastComponent) {
  fs::ParentWalk pw;
  CHECK_TRUE(fs::walk_parent(w->c, fs::vfs_root(), "/a/b/new/", pw).is_ok());
  STRCMP_EQUAL("new", pw.name);
  CHECK_TRUE(pw.trailing_slash);
  CHECK_TRUE(pw.kind == fs::LastKind::Normal);
  fs::ParentWalk root;
  CHECK_TRUE(fs::walk_parent(w->c, fs::vfs_root(), "///", root).is_ok());
  CHECK_TRUE(root.kind == fs::LastKind::Root);
  fs::ParentWalk dot;
  CHECK_TRUE(fs::walk_parent(w->c, fs::vfs_root(), "/a/..", dot).is_ok());
  CHECK_TRUE(dot.kind == fs::LastKind::DotDot);
  fs::ParentWalk via_link;  // intermediate symlinks are followed, the last one is not
  CHECK_TRUE(fs::walk_parent(w->c, fs::vfs_root(), "/a/to_b/file", via_link).is_ok());
  CHECK_EQUAL(ino("/a/b"), via_link.dir->inode->ino);
  fs::ParentWalk bad;
  LONGS_EQUAL(static_cast<int>(Errno::NotDir),
              static_cast<int>(fs::walk_parent(w->c, fs::vfs_root(), "/a/b/file/x", bad).error()));
}

TEST(FsWalk, DevIsAMountedFileSystem) {
  fs::Kstat dev = w->stat("/dev"), root = w->stat("/"), null = w->stat("/dev/null");
  CHECK(dev.dev != root.dev);
  CHECK_EQUAL(dev.dev, null.dev);
  CHECK_EQUAL(root.ino, static_cast<uint64_t>(walk("/dev/..")));  // ".." crosses back
  LONGS_EQUAL(uapi::kSIfChr, null.mode & uapi::kSIfMt);
  LONGS_EQUAL(uapi::make_dev(1, 3), null.rdev);
}

TEST(FsWalk, Getcwd) {
  char buf[64];
  auto r = fs::do_getcwd(w->c, buf, sizeof buf);
  LONGS_EQUAL(2, r.value());
  STRCMP_EQUAL("/", buf);
  LONGS_EQUAL(0, FsWorld::result(fs::do_chdir(w->c, "/a/to_b")));
  r = fs::do_getcwd(w->c, buf, sizeof buf);
  STRCMP_EQUAL("/a/b", buf);
  LONGS_EQUAL(5, r.value());
  LONGS_EQUAL(err(Errno::Range), FsWorld::result(fs::do_getcwd(w->c, buf, 4)));
  LONGS_EQUAL(0, w->rename("/a/b", "/a/c"));  // the cwd follows its directory
  fs::do_getcwd(w->c, buf, sizeof buf).value();
  STRCMP_EQUAL("/a/c", buf);
  LONGS_EQUAL(0, w->unlink("/a/c/file"));
  LONGS_EQUAL(0, w->rmdir("/a/c"));
  LONGS_EQUAL(err(Errno::NoEnt), FsWorld::result(fs::do_getcwd(w->c, buf, sizeof buf)));
  LONGS_EQUAL(err(Errno::NoEnt), w->open("x", uapi::kOCreat | uapi::kOWrOnly));
  LONGS_EQUAL(0, FsWorld::result(fs::do_chdir(w->c, "..")));
  fs::do_getcwd(w->c, buf, sizeof buf).value();
  STRCMP_EQUAL("/a", buf);
  LONGS_EQUAL(err(Errno::NoEnt), FsWorld::result(fs::do_chdir(w->c, "/a/to_file")));  // dangles now
  w->put_file("/a/plain", "x");
  LONGS_EQUAL(err(Errno::NotDir), FsWorld::result(fs::do_chdir(w->c, "/a/plain")));
}
