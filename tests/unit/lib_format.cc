// Host tests of lib/format: the kernel formatter must agree with the C library's printf
// for every conversion the kernel uses.
#include <CppUTest/TestHarness.h>
#include <stdio.h>
#include <string.h>

#include "lib/format.hh"

namespace {

// Formats with both the kernel and libc and checks they agree, returning the kernel's.
#define CHECK_LIKE_PRINTF(...)                                      \
  do {                                                              \
    char ours[128], theirs[128];                                    \
    size_t n = ktl::snprint(ours, sizeof ours, __VA_ARGS__);        \
    int m = snprintf(theirs, sizeof theirs, __VA_ARGS__);           \
    STRCMP_EQUAL(theirs, ours);                                     \
    LONGS_EQUAL(m, n);                                              \
  } while (0)

}  // namespace

TEST_GROUP(Format){};

TEST(Format, Integers) {
  CHECK_LIKE_PRINTF("%d %i %u", -42, 7, 3000000000u);
  CHECK_LIKE_PRINTF("%ld %lu %lld", -9000000000l, 18446744073709551615ul, -1ll);
  CHECK_LIKE_PRINTF("%hhd %hd %hhu", 300, 70000, 257);
  CHECK_LIKE_PRINTF("%zu %zd", static_cast<size_t>(12345), static_cast<ssize_t>(-5));
  CHECK_LIKE_PRINTF("%d", -2147483647 - 1);
  CHECK_LIKE_PRINTF("%lld", -9223372036854775807ll - 1);
}

TEST(Format, HexOctal) {
  CHECK_LIKE_PRINTF("%x %X %o", 0xdeadbeefu, 0xabcu, 8u);
  CHECK_LIKE_PRINTF("%#x %#X %#o %#x", 255u, 255u, 8u, 0u);
  CHECK_LIKE_PRINTF("%#018lx", 0xffffffff80200000ul);
  CHECK_LIKE_PRINTF("%016lx|%-8x|%8x", 0x1234ul, 0xabu, 0xabu);
}

TEST(Format, WidthPrecisionFlags) {
  CHECK_LIKE_PRINTF("[%5d][%-5d][%05d][%+d][% d]", 42, 42, 42, 42, 42);
  CHECK_LIKE_PRINTF("[%.3d][%8.3d][%-8.3d][%.0d]", 7, 7, -7, 0);
  CHECK_LIKE_PRINTF("[%*d][%-*d][%.*d]", 6, 1, 6, 1, 4, 1);
  CHECK_LIKE_PRINTF("[%05d][%+05d]", -42, 42);
}

TEST(Format, StringsAndChars) {
  CHECK_LIKE_PRINTF("[%s][%10s][%-10s][%.2s]", "seaos", "seaos", "seaos", "seaos");
  CHECK_LIKE_PRINTF("[%c][%3c][%-3c]%%", 'a', 'b', 'c');
}

TEST(Format, NullsAndPointers) {
  char buf[64];
  const char* volatile no_string = nullptr;  // hidden from -Wformat-overflow
  ktl::snprint(buf, sizeof buf, "%s|%p", no_string, nullptr);
  STRCMP_EQUAL("(null)|(nil)", buf);
  CHECK_LIKE_PRINTF("%p", reinterpret_cast<void*>(0xffff800000001000ul));
}

TEST(Format, Truncation) {
  char buf[8];
  size_t n = ktl::snprint(buf, sizeof buf, "%s", "0123456789");
  LONGS_EQUAL(10, n);
  STRCMP_EQUAL("0123456", buf);
  n = ktl::snprint(buf, 0, "%d", 12345);
  LONGS_EQUAL(5, n);
}

TEST(Format, UnknownConversionShownLiterally) {
  char buf[32];
  const char* fmt = "a%yb";  // not a literal: the compiler would reject it
  ktl::snprint(buf, sizeof buf, fmt);
  STRCMP_EQUAL("a%yb", buf);
}
