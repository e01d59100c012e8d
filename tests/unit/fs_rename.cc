// Host tests of renameat2: every Linux error case, replacement, exchange, link counts.
#include "fs_world.hh"

using fstest::err;
using fstest::FsWorld;
using ktl::Errno;

TEST_GROUP(FsRename) {
  FsWorld* w = nullptr;
  void setup() override {
    w = new FsWorld;
    LONGS_EQUAL(0, w->mkdir("/a"));
    LONGS_EQUAL(0, w->mkdir("/a/sub"));
    LONGS_EQUAL(0, w->mkdir("/b"));
    LONGS_EQUAL(0, w->mkdir("/full"));
    w->put_file("/full/x", "x");
    w->put_file("/f", "F");
    w->put_file("/g", "G");
  }
  void teardown() override { delete w; }
};

TEST(FsRename, FilesMoveAndReplace) {
  uint64_t ino = w->stat("/f").ino;
  LONGS_EQUAL(0, w->rename("/f", "/a/f2"));
  CHECK_EQUAL(ino, w->stat("/a/f2").ino);
  LONGS_EQUAL(err(Errno::NoEnt), w->stat_error("/f"));
  LONGS_EQUAL(0, w->rename("/g", "/a/f2"));  // replaces
  STRCMP_EQUAL("G", w->slurp("/a/f2").c_str());
  LONGS_EQUAL(err(Errno::NoEnt), w->rename("/nope", "/x"));
  LONGS_EQUAL(0, w->rename("/a/f2", "/a/f2"));  // the same name: nothing happens
  LONGS_EQUAL(0, w->link("/a/f2", "/a/hard"));
  LONGS_EQUAL(0, w->rename("/a/f2", "/a/hard"));  // two links to one file: nothing happens
  CHECK_EQUAL(0, w->stat_error("/a/f2"));
  LONGS_EQUAL(2, w->stat("/a/hard").nlink);
}

TEST(FsRename, KindsMustMatch) {
  LONGS_EQUAL(err(Errno::IsDir), w->rename("/f", "/b"));
  LONGS_EQUAL(err(Errno::NotDir), w->rename("/b", "/f"));
  LONGS_EQUAL(err(Errno::NotEmpty), w->rename("/b", "/full"));
  LONGS_EQUAL(err(Errno::NotDir), w->rename("/f/", "/z"));
  LONGS_EQUAL(err(Errno::NotDir), w->rename("/f", "/z/"));
  LONGS_EQUAL(0, w->rename("/b/", "/c/"));  // slashes are fine on directories
}

TEST(FsRename, DirectoriesMoveWithTheirLinkCounts) {
  LONGS_EQUAL(3, w->stat("/a").nlink);
  LONGS_EQUAL(0, w->rename("/a/sub", "/b/sub"));
  LONGS_EQUAL(2, w->stat("/a").nlink);
  LONGS_EQUAL(3, w->stat("/b").nlink);
  LONGS_EQUAL(0, w->mkdir("/a/empty"));
  LONGS_EQUAL(0, w->rename("/b/sub", "/a/empty"));  // replaces an empty directory
  LONGS_EQUAL(3, w->stat("/a").nlink);
  LONGS_EQUAL(2, w->stat("/b").nlink);
  CHECK_EQUAL(w->stat("/a").ino, w->stat("/a/empty/..").ino);
}

TEST(FsRename, NoDirectoryIntoItself) {
  LONGS_EQUAL(err(Errno::Inval), w->rename("/a", "/a/sub/a"));
  LONGS_EQUAL(err(Errno::Inval), w->rename("/a", "/a/x"));
  LONGS_EQUAL(err(Errno::NotEmpty), w->rename("/a/sub", "/a"));  // onto an ancestor
}

TEST(FsRename, SpecialNamesAndMounts) {
  LONGS_EQUAL(err(Errno::Busy), w->rename("/a/.", "/q"));
  LONGS_EQUAL(err(Errno::Busy), w->rename("/a/..", "/q"));
  LONGS_EQUAL(err(Errno::Busy), w->rename("/a", "/b/."));
  LONGS_EQUAL(err(Errno::Busy), w->rename("/", "/q"));
  LONGS_EQUAL(err(Errno::Busy), w->rename("/dev", "/q"));
  LONGS_EQUAL(err(Errno::XDev), w->rename("/f", "/dev/f"));
  LONGS_EQUAL(err(Errno::Exist), w->rename("/a", "/b/.", uapi::kRenameNoReplace));
}

TEST(FsRename, Flags) {
  LONGS_EQUAL(err(Errno::Inval), w->rename("/f", "/h", 8));
  LONGS_EQUAL(err(Errno::Inval),
              w->rename("/f", "/g", uapi::kRenameExchange | uapi::kRenameNoReplace));
  LONGS_EQUAL(err(Errno::Inval), w->rename("/f", "/h", uapi::kRenameWhiteout));
  LONGS_EQUAL(err(Errno::Exist), w->rename("/f", "/g", uapi::kRenameNoReplace));
  LONGS_EQUAL(0, w->rename("/f", "/h", uapi::kRenameNoReplace));
  LONGS_EQUAL(err(Errno::NoEnt), w->rename("/h", "/nope", uapi::kRenameExchange));
  LONGS_EQUAL(0, w->rename("/h", "/g", uapi::kRenameExchange));
  STRCMP_EQUAL("G", w->slurp("/h").c_str());
  STRCMP_EQUAL("F", w->slurp("/g").c_str());
  // Exchanging a directory with a file across directories keeps the link counts right.
  LONGS_EQUAL(0, w->rename("/a/sub", "/g", uapi::kRenameExchange));
  LONGS_EQUAL(uapi::kSIfDir, w->stat("/g").mode & uapi::kSIfMt);
  STRCMP_EQUAL("F", w->slurp("/a/sub").c_str());
  LONGS_EQUAL(2, w->stat("/a").nlink);
  LONGS_EQUAL(7, w->stat("/").nlink);  // . .. dev a b full g
}

TEST(FsRename, Permissions) {
  fs::Caller user = w->as(1000, 1000);
  LONGS_EQUAL(err(Errno::Acces), FsWorld::result(fs::do_renameat2(user, uapi::kAtFdCwd, "/f",
                                                                  uapi::kAtFdCwd, "/a/f", 0)));
  LONGS_EQUAL(0, w->mkdir("/pub", 0777));
  LONGS_EQUAL(0, w->mkdir("/pub2", 0777));
  LONGS_EQUAL(0, FsWorld::result(fs::do_fchmodat(w->c, uapi::kAtFdCwd, "/pub", 0777, 0)));
  LONGS_EQUAL(0, FsWorld::result(fs::do_fchmodat(w->c, uapi::kAtFdCwd, "/pub2", 0777, 0)));
  LONGS_EQUAL(0, w->mkdir("/pub/rootdir", 0755));
  // Moving a directory to another parent rewrites its "..": write permission on it.
  LONGS_EQUAL(err(Errno::Acces),
              FsWorld::result(fs::do_renameat2(user, uapi::kAtFdCwd, "/pub/rootdir", uapi::kAtFdCwd,
                                               "/pub2/rootdir", 0)));
  LONGS_EQUAL(0, FsWorld::result(fs::do_renameat2(user, uapi::kAtFdCwd, "/pub/rootdir",
                                                  uapi::kAtFdCwd, "/pub/renamed", 0)));
}
