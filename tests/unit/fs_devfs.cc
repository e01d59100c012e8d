// Host tests of /dev's memory devices and the ChaCha20 generator behind /dev/urandom.
#include "fs/devices.hh"
#include "fs/random.hh"
#include "fs_world.hh"

using fstest::err;
using fstest::FsWorld;
using ktl::Errno;
using namespace uapi;

TEST_GROUP(FsDevfs) {
  FsWorld* w = nullptr;
  void setup() override { w = new FsWorld; }
  void teardown() override { delete w; }
};

TEST(FsDevfs, TheNodesExist) {
  const char* names[] = {"null", "zero", "full", "random", "urandom", "tty", "console", "ttyS0"};
  for (const char* n : names) {
    std::string path = std::string("/dev/") + n;
    LONGS_EQUAL(kSIfChr, w->stat(path.c_str()).mode & kSIfMt);
  }
  LONGS_EQUAL(kSIfChr | 0666, w->stat("/dev/null").mode);
  LONGS_EQUAL(make_dev(5, 1), w->stat("/dev/console").rdev);
}

TEST(FsDevfs, NullZeroFull) {
  std::string out;
  int null = static_cast<int>(w->open("/dev/null", kORdWr));
  LONGS_EQUAL(0, w->read(null, out, 10));
  LONGS_EQUAL(6, w->write(null, "vanish"));
  // /dev/null never looks at the buffer, so even a bad one is "written".
  fs::IoSegment bad = {0x10, 100};
  fs::MemoryAccess faulting = {
      [](uint64_t, const void*, size_t) -> ktl::Result<void> { return Errno::Fault; },
      [](void*, uint64_t, size_t) -> ktl::Result<void> { return Errno::Fault; }};
  fs::IoCursor io(faulting, &bad, 1);
  LONGS_EQUAL(100, fs::do_write(w->c, null, io).value());
  int zero = static_cast<int>(w->open("/dev/zero", kORdOnly));
  LONGS_EQUAL(1000, w->read(zero, out, 1000));
  CHECK(out == std::string(1000, '\0'));
  fs::IoCursor io2(faulting, &bad, 1);
  LONGS_EQUAL(err(Errno::Fault), FsWorld::result(fs::do_read(w->c, zero, io2)));
  int full = static_cast<int>(w->open("/dev/full", kORdWr));
  LONGS_EQUAL(err(Errno::NoSpc), w->write(full, "x"));
  LONGS_EQUAL(3, w->read(full, out, 3));
  LONGS_EQUAL(
      0, FsWorld::result(fs::do_mknodat(w->c, kAtFdCwd, "/nodrv", kSIfChr | 0600, (99 << 8) | 1)));
  LONGS_EQUAL(err(Errno::NxIo), w->open("/nodrv", kORdOnly));  // no driver for 99:1
}

TEST(FsDevfs, Urandom) {
  int fd = static_cast<int>(w->open("/dev/urandom", kORdWr));
  std::string a, b;
  LONGS_EQUAL(100, w->read(fd, a, 100));
  LONGS_EQUAL(100, w->read(fd, b, 100));
  CHECK(a != b);
  CHECK(a != std::string(100, '\0'));
  LONGS_EQUAL(4, w->write(fd, "seed"));  // writes mix in
  int counts[256] = {};
  std::string lots;
  LONGS_EQUAL(65536, w->read(fd, lots, 65536));
  for (unsigned char ch : lots) ++counts[ch];
  for (int c : counts) CHECK(c > 128 && c < 384);  // roughly uniform
}

TEST_GROUP(FsRandom){};

TEST(FsRandom, ChaCha20MatchesRfc8439) {
  // RFC 8439 section 2.3.2: key 00..1f, nonce 00:00:00:09:00:00:00:4a:00:00:00:00, count 1.
  uint32_t key[8];
  for (int i = 0; i < 8; ++i)
    key[i] =
        static_cast<uint32_t>((4 * i) | (4 * i + 1) << 8 | (4 * i + 2) << 16 | (4 * i + 3) << 24);
  const uint32_t nonce[3] = {0x09000000, 0x4a000000, 0};
  uint8_t out[64];
  fs::chacha20_block(key, 1, nonce, out);
  const uint8_t expected[64] = {0x10, 0xf1, 0xe7, 0xe4, 0xd1, 0x3b, 0x59, 0x15, 0x50, 0x0f, 0xdd,
                                0x1f, 0xa3, 0x20, 0x71, 0xc4, 0xc7, 0xd1, 0xf4, 0xc7, 0x33, 0xc0,
                                0x68, 0x03, 0x04, 0x22, 0xaa, 0x9a, 0xc3, 0xd4, 0x6c, 0x4e, 0xd2,
                                0x82, 0x64, 0x46, 0x07, 0x9f, 0xaa, 0x09, 0x14, 0xc2, 0xd7, 0x05,
                                0xd9, 0x8b, 0x02, 0xa2, 0xb5, 0x12, 0x9c, 0xd1, 0xde, 0x16, 0x4e,
                                0xb9, 0xcb, 0xd0, 0x83, 0xe8, 0xa2, 0x50, 0x3c, 0x4e};
  MEMCMP_EQUAL(expected, out, 64);
}

TEST(FsRandom, SeedingChangesTheStream) {
  static uint64_t ticks = 0;
  fs::random_set_entropy_source([] { return ++ticks; });
  uint8_t a[32], b[32];
  fs::random_bytes(a, sizeof a);
  fs::random_bytes(b, sizeof b);
  CHECK(memcmp(a, b, 32) != 0);
  CHECK(ticks >= 3);
  fs::random_set_entropy_source(nullptr);
}
