// Host tests of fs building blocks: PageTree, IoCursor, open-flag translation, dev_t.
#include <CppUTest/TestHarness.h>

#include "fs/file.hh"
#include "fs/io_cursor.hh"
#include "fs/page_tree.hh"
#include "fs/syscalls.hh"
#include "uapi/stat.hh"

using ktl::Errno;

namespace {
void count_release(void* ctx, uint64_t) { ++*static_cast<int*>(ctx); }
}  // namespace

TEST_GROUP(FsPageTree){};

TEST(FsPageTree, HolesGrowthAndTruncation) {
  fs::PageTree t;
  LONGS_EQUAL(0, t.lookup(0));
  CHECK_TRUE(t.insert(3, 0x3000).is_ok());
  CHECK_TRUE(t.insert(511, 0x5000).is_ok());
  CHECK_TRUE(t.insert(512, 0x6000).is_ok());            // grows to two levels
  CHECK_TRUE(t.insert(512 * 512 + 7, 0x7000).is_ok());  // three levels
  LONGS_EQUAL(0x3000, t.lookup(3));
  LONGS_EQUAL(0, t.lookup(4));
  LONGS_EQUAL(0x6000, t.lookup(512));
  LONGS_EQUAL(0x7000, t.lookup(512 * 512 + 7));
  LONGS_EQUAL(0, t.lookup(uint64_t{1} << 40));
  LONGS_EQUAL(4, t.page_count());
  int released = 0;
  t.truncate(512, count_release, &released);
  LONGS_EQUAL(2, released);
  LONGS_EQUAL(0, t.lookup(512));
  LONGS_EQUAL(0x5000, t.lookup(511));
  t.truncate(0, count_release, &released);
  LONGS_EQUAL(4, released);
  LONGS_EQUAL(0, t.page_count());
  LONGS_EQUAL(static_cast<int>(Errno::FBig),
              static_cast<int>(t.insert(uint64_t{1} << 40, 0x1000).error()));
  t.truncate(0, count_release, &released);
}

TEST_GROUP(FsIoCursor){};

namespace {
// "User memory" where addresses below 0x1000 fault.
ktl::Result<void> to_fake_user(uint64_t dst, const void* src, size_t n) {
  if (dst < 0x1000) return Errno::Fault;
  memcpy(reinterpret_cast<void*>(dst), src, n);
  return {};
}
ktl::Result<void> from_fake_user(void* dst, uint64_t src, size_t n) {
  if (src < 0x1000) return Errno::Fault;
  memcpy(dst, reinterpret_cast<const void*>(src), n);
  return {};
}
const fs::MemoryAccess kFakeUser = {to_fake_user, from_fake_user};
}  // namespace

TEST(FsIoCursor, SegmentsAndFaults) {
  char a[3], b[5];
  fs::IoSegment segs[3] = {
      {reinterpret_cast<uint64_t>(a), 3}, {0, 0}, {reinterpret_cast<uint64_t>(b), 5}};
  fs::IoCursor io(kFakeUser, segs, 3);
  LONGS_EQUAL(8, io.remaining());
  LONGS_EQUAL(6, io.copy_out("abcdef", 6).value());
  CHECK(memcmp(a, "abc", 3) == 0 && memcmp(b, "def", 3) == 0);
  LONGS_EQUAL(2, io.copy_out("ghijk", 5).value());  // only 2 bytes of room left
  LONGS_EQUAL(0, io.remaining());
  LONGS_EQUAL(8, io.transferred());
  // A bad segment after a good one: a short count; a bad first one: EFAULT.
  fs::IoSegment mixed[2] = {{reinterpret_cast<uint64_t>(a), 3}, {0x10, 5}};
  fs::IoCursor m(kFakeUser, mixed, 2);
  LONGS_EQUAL(3, m.copy_out("12345678", 8).value());
  LONGS_EQUAL(static_cast<int>(Errno::Fault), static_cast<int>(m.copy_out("x", 1).error()));
  char in[4];
  fs::IoSegment src = {reinterpret_cast<uint64_t>("wxyz"), 4};
  fs::IoCursor r(kFakeUser, &src, 1);
  LONGS_EQUAL(4, r.copy_in(in, 10).value());
  CHECK(memcmp(in, "wxyz", 4) == 0);
}

TEST(FsIoCursor, IovecChecks) {
  uapi::Iovec iov[2] = {{0x1000, 10}, {0x2000, 20}};
  fs::IoSegment segs[2];
  LONGS_EQUAL(30, fs::iovec_segments(iov, 2, segs).value());
  LONGS_EQUAL(20, segs[1].len);
  LONGS_EQUAL(static_cast<int>(Errno::Inval),
              static_cast<int>(fs::iovec_segments(iov, -1, segs).error()));
  LONGS_EQUAL(static_cast<int>(Errno::Inval),
              static_cast<int>(fs::iovec_segments(iov, 1025, segs).error()));
  uapi::Iovec huge[2] = {{0x1000, uint64_t{1} << 62}, {0x2000, uint64_t{1} << 62}};
  LONGS_EQUAL(static_cast<int>(Errno::Inval),
              static_cast<int>(fs::iovec_segments(huge, 2, segs).error()));
}

TEST_GROUP(FsAbi){};

TEST(FsAbi, OpenFlagsOnArm64AreRenumbered) {
  // O_DIRECTORY|O_NOFOLLOW|O_CLOEXEC|O_CREAT as an arm64 program passes them.
  uint32_t arm = 040000 | 0100000 | 02000000 | 0100;
  uint32_t internal = fs::open_flags_from_user(arm, uapi::kOpenFlagsArm64);
  LONGS_EQUAL(uapi::kODirectory | uapi::kONoFollow | uapi::kOCloexec | uapi::kOCreat, internal);
  LONGS_EQUAL(arm, fs::open_flags_to_user(internal, uapi::kOpenFlagsArm64));
  // x86_64's numbering is the internal one.
  LONGS_EQUAL(internal, fs::open_flags_from_user(internal, uapi::kOpenFlagsGeneric));
  // O_DIRECT on arm64 (0200000) is not O_DIRECTORY.
  LONGS_EQUAL(uapi::kODirect, fs::open_flags_from_user(0200000, uapi::kOpenFlagsArm64));
  LONGS_EQUAL(uapi::kOLargeFile | uapi::kORdWr,
              fs::open_flags_to_user(uapi::kOLargeFile | uapi::kORdWr, uapi::kOpenFlagsGeneric));
}

TEST(FsAbi, DeviceNumbers) {
  LONGS_EQUAL(0x0103, uapi::make_dev(1, 3));
  LONGS_EQUAL(0x8840, uapi::make_dev(0x88, 0x40));
  uint64_t big = uapi::make_dev(0x12345, 0x6789a);
  LONGS_EQUAL(0x12345, uapi::dev_major(big));
  LONGS_EQUAL(0x6789a, uapi::dev_minor(big));
}
