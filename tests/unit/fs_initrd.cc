// Host tests of fs/initrd: cpio newc parsing, path normalization, symlinks.
#include <CppUTest/TestHarness.h>
#include <stdio.h>
#include <string.h>

#include <string>

#include "fs/initrd.hh"

namespace {

// Appends one newc member to an archive under construction.
void add(std::string& a, const char* name, unsigned mode, const std::string& data) {
  char h[111];
  snprintf(h, sizeof h, "070701%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x", 1, mode,
           0, 0, 1, 0, static_cast<unsigned>(data.size()), 0, 0, 0, 0,
           static_cast<unsigned>(strlen(name) + 1), 0);
  a.append(h, 110);
  a.append(name, strlen(name) + 1);
  while (a.size() % 4) a.push_back('\0');
  a += data;
  while (a.size() % 4) a.push_back('\0');
}

std::string sample() {
  std::string a;
  add(a, "lib", initrd::kModeDirectory | 0755, "");
  add(a, "lib/ld-musl-x86_64.so.1", initrd::kModeRegular | 0755, "LDSO");
  add(a, "lib/libc.so", initrd::kModeSymlink | 0777, "ld-musl-x86_64.so.1");
  add(a, "./sbin/init", initrd::kModeRegular | 0755, "INIT!");
  add(a, "bin/loop", initrd::kModeSymlink | 0777, "loop");
  add(a, "bin/up", initrd::kModeSymlink | 0777, "../lib/libc.so");
  add(a, "TRAILER!!!", 0, "");
  return a;
}

}  // namespace

TEST_GROUP(Initrd){};

TEST(Initrd, Normalize) {
  char out[64];
  CHECK_TRUE(initrd::normalize(nullptr, "//sbin/./init", out, sizeof out).is_ok());
  STRCMP_EQUAL("sbin/init", out);
  CHECK_TRUE(initrd::normalize("lib", "../bin/../../x", out, sizeof out).is_ok());
  STRCMP_EQUAL("x", out);
  CHECK_TRUE(initrd::normalize("lib", "/abs", out, sizeof out).is_ok());
  STRCMP_EQUAL("abs", out);
  CHECK_TRUE(initrd::normalize(nullptr, "/a/very/long/path/indeed", out, 8).is_error());
}

TEST(Initrd, FindsFilesAndFollowsLinks) {
  std::string a = sample();
  initrd::Archive ar(a.data(), a.size());
  auto init = ar.find("/sbin/init");
  CHECK_TRUE(init.is_ok());
  LONGS_EQUAL(5, init.value().size);
  CHECK_TRUE(memcmp(init.value().data, "INIT!", 5) == 0);
  auto libc = ar.find("/lib/libc.so");
  CHECK_TRUE(libc.is_ok());
  CHECK_TRUE(memcmp(libc.value().data, "LDSO", 4) == 0);
  CHECK_TRUE(ar.find("/bin/up").is_ok());
  LONGS_EQUAL(static_cast<int>(ktl::Errno::Loop), static_cast<int>(ar.find("/bin/loop").error()));
  LONGS_EQUAL(static_cast<int>(ktl::Errno::NoEnt), static_cast<int>(ar.find("/nope").error()));
  LONGS_EQUAL(static_cast<int>(ktl::Errno::IsDir), static_cast<int>(ar.find("/lib").error()));
}

TEST(Initrd, CorruptArchivesAreErrors) {
  std::string a = sample();
  a[3] = 'X';  // bad magic
  initrd::Archive bad(a.data(), a.size());
  LONGS_EQUAL(static_cast<int>(ktl::Errno::Inval), static_cast<int>(bad.find("/sbin/init").error()));
  std::string b = sample();
  initrd::Archive cut(b.data(), 150);  // the first member's data runs past the end
  CHECK_TRUE(cut.find("/sbin/init").is_error());
  initrd::Archive empty;
  CHECK_TRUE(empty.find("/sbin/init").is_error());
}
