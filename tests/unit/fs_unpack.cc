// Host tests of unpacking cpio members into ramfs (fs/unpack), and - once fs/initrd.cc's
// Archive can walk its members (Archive::for_each) - of unpacking a real newc archive.
#include <stdio.h>

#include "fs/initrd.hh"
#include "fs/unpack.hh"
#include "fs_world.hh"

using fstest::err;
using fstest::FsWorld;
using ktl::Errno;
using namespace uapi;

namespace {

fs::CpioMember member(const char* name, uint32_t mode, const std::string& data = "",
                      uint32_t ino = 0, uint32_t nlink = 1) {
  return {name,       ino, mode, 0, 0, nlink,
          1700000000, 3,   1,    0, 0, reinterpret_cast<const uint8_t*>(data.data()),
          data.size()};
}

// Appends one newc member to an archive under construction.
void add(std::string& a, const char* name, unsigned mode, const std::string& data, unsigned ino = 1,
         unsigned nlink = 1, unsigned uid = 0) {
  char h[111];
  snprintf(h, sizeof h, "070701%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x", ino, mode,
           uid, uid, nlink, 1700000000, static_cast<unsigned>(data.size()), 3, 1, 0, 0,
           static_cast<unsigned>(strlen(name) + 1), 0);
  a.append(h, 110);
  a.append(name, strlen(name) + 1);
  while (a.size() % 4) a.push_back('\0');
  a += data;
  while (a.size() % 4) a.push_back('\0');
}

template <class A>
concept WalkableArchive = requires(const A& a) {
  a.for_each([](const auto&) { return ktl::Result<void>(); });
};

// Runs only when initrd::Archive has for_each (see docs/files.md, "The initrd").
template <class A>
bool unpack_real_archive(FsWorld& w) {
  if constexpr (WalkableArchive<A>) {
    std::string a;
    add(a, ".", kSIfDir | 0755, "", 1);
    add(a, "bin", kSIfDir | 0755, "", 2);
    add(a, "bin/busybox", kSIfReg | 0755, "", 3, 2);  // hard link, data on the last one
    add(a, "bin/sh", kSIfReg | 0755, "ELF...", 3, 2);
    add(a, "./lib/libc.so", kSIfLnk | 0777, "ld-musl.so.1", 4);
    add(a, "home/user/.profile", kSIfReg | 0600, "PS1=$ ", 5, 1, 1000);
    add(a, "TRAILER!!!", 0, "", 0);
    A archive(a.data(), a.size());
    CHECK_TRUE(fs::unpack_archive(archive, fs::vfs_root()).is_ok());
    STRCMP_EQUAL("ELF...", w.slurp("/bin/busybox").c_str());
    CHECK_EQUAL(w.stat("/bin/sh").ino, w.stat("/bin/busybox").ino);
    LONGS_EQUAL(2, w.stat("/bin/sh").nlink);
    LONGS_EQUAL(kSIfLnk, w.stat("/lib/libc.so", false).mode & kSIfMt);
    LONGS_EQUAL(1000, w.stat("/home/user/.profile").uid);
    LONGS_EQUAL(kSIfReg | 0600, w.stat("/home/user/.profile").mode);
    return true;
  }
  return false;
}

}  // namespace

TEST_GROUP(FsUnpack) {
  FsWorld* w = nullptr;
  void setup() override { w = new FsWorld; }
  void teardown() override { delete w; }
};

TEST(FsUnpack, MembersBecomeFiles) {
  fs::Unpacker u(fs::vfs_root());
  CHECK_TRUE(u.add(member(".", kSIfDir | 0755)).is_ok());
  CHECK_TRUE(u.add(member("./sbin/init", kSIfReg | 0755, "#!init")).is_ok());  // makes /sbin
  CHECK_TRUE(u.add(member("etc", kSIfDir | 0700)).is_ok());
  CHECK_TRUE(u.add(member("etc/motd", kSIfReg | 0444, "hi\n")).is_ok());
  CHECK_TRUE(u.add(member("/lib/ld.so", kSIfLnk | 0777, "/sbin/init")).is_ok());
  CHECK_TRUE(u.add(member("dev/console", kSIfChr | 0600)).is_ok());  // onto the devfs mount
  LONGS_EQUAL(kSIfReg | 0755, w->stat("/sbin/init").mode);
  LONGS_EQUAL(kSIfDir | 0755, w->stat("/sbin").mode);
  LONGS_EQUAL(kSIfDir | 0700, w->stat("/etc").mode);
  STRCMP_EQUAL("hi\n", w->slurp("/etc/motd").c_str());
  STRCMP_EQUAL("#!init", w->slurp("/lib/ld.so").c_str());
  LONGS_EQUAL(1700000000, w->stat("/etc/motd").mtime.sec);
  LONGS_EQUAL(6, u.members());
}

TEST(FsUnpack, HardLinksShareOneInode) {
  fs::Unpacker u(fs::vfs_root());
  CHECK_TRUE(u.add(member("a", kSIfReg | 0644, "", 7, 3)).is_ok());
  CHECK_TRUE(u.add(member("b", kSIfReg | 0644, "", 7, 3)).is_ok());
  CHECK_TRUE(u.add(member("c", kSIfReg | 0644, "shared", 7, 3)).is_ok());
  LONGS_EQUAL(3, w->stat("/a").nlink);
  STRCMP_EQUAL("shared", w->slurp("/a").c_str());
  CHECK_EQUAL(w->stat("/a").ino, w->stat("/c").ino);
}

TEST(FsUnpack, LaterMembersReplaceEarlierOnes) {
  fs::Unpacker u(fs::vfs_root());
  CHECK_TRUE(u.add(member("f", kSIfReg | 0644, "old")).is_ok());
  CHECK_TRUE(u.add(member("f", kSIfReg | 0600, "new")).is_ok());
  STRCMP_EQUAL("new", w->slurp("/f").c_str());
  CHECK_TRUE(u.add(member("d", kSIfDir | 0755)).is_ok());
  CHECK_TRUE(u.add(member("d/x", kSIfReg | 0644, "x")).is_ok());
  CHECK_TRUE(u.add(member("d", kSIfDir | 0711)).is_ok());  // a directory is updated
  LONGS_EQUAL(kSIfDir | 0711, w->stat("/d").mode);
  STRCMP_EQUAL("x", w->slurp("/d/x").c_str());
}

TEST(FsUnpack, BadMembersAreRefused) {
  fs::Unpacker u(fs::vfs_root());
  LONGS_EQUAL(static_cast<int>(Errno::Inval),
              static_cast<int>(u.add(member("../escape", kSIfReg | 0644)).error()));
  LONGS_EQUAL(static_cast<int>(Errno::Inval),
              static_cast<int>(u.add(member("a/../../b", kSIfReg | 0644)).error()));
  LONGS_EQUAL(static_cast<int>(Errno::Inval),
              static_cast<int>(u.add(member("weird", 0170000 | 0644)).error()));
  CHECK_TRUE(u.add(member("file", kSIfReg | 0644, "x")).is_ok());
  LONGS_EQUAL(static_cast<int>(Errno::NotDir),
              static_cast<int>(u.add(member("file/inner", kSIfReg | 0644)).error()));
}

TEST(FsUnpack, ARealArchiveWhenTheReaderCanWalkIt) {
  if (!unpack_real_archive<initrd::Archive>(*w))
    UT_PRINT("initrd::Archive::for_each missing: skipped");
}

TEST_GROUP(FsUnpackFull) {
  FsWorld* w = nullptr;
  void setup() override { w = new FsWorld(2); }
  void teardown() override { delete w; }
};

TEST(FsUnpackFull, AFullRamfsIsEnospc) {
  fs::Unpacker u(fs::vfs_root());
  std::string big(3 * 4096, 'b');
  LONGS_EQUAL(static_cast<int>(Errno::NoSpc),
              static_cast<int>(u.add(member("big", kSIfReg | 0644, big)).error()));
}
