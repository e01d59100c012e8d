// Host tests of lib/result and lib/errno (here because mm is their first user): values,
// errors, TRY propagation, Result<void>, and the Linux numbers.
#include <CppUTest/TestHarness.h>
#include <string.h>

#include "lib/result.hh"

using ktl::Errno;
using ktl::Result;

namespace {

Result<int> parse_digit(char c) {
  if (c < '0' || c > '9') return Errno::Inval;
  return c - '0';
}

// Two digits, each through TRY: the first error ends the function.
Result<int> parse_two(const char* s) {
  int tens = TRY(parse_digit(s[0]));
  int ones = TRY(parse_digit(s[1]));
  return tens * 10 + ones;
}

int steps = 0;
Result<void> step(bool ok) {
  ++steps;
  if (!ok) return Errno::NoMem;
  return {};
}
Result<void> three_steps(bool second_ok) {
  TRY(step(true));
  TRY(step(second_ok));
  TRY(step(true));
  return {};
}

struct Counted {  // counts live copies, to check Result destroys what it holds
  static inline int live = 0;
  int value;
  explicit Counted(int v) : value(v) { ++live; }
  Counted(const Counted& o) : value(o.value) { ++live; }
  ~Counted() { --live; }
};

}  // namespace

TEST_GROUP(Result){};

TEST(Result, ValueAndError) {
  Result<int> good = parse_digit('7');
  CHECK_TRUE(good.is_ok());
  LONGS_EQUAL(7, good.value());
  Result<int> bad = parse_digit('x');
  CHECK_TRUE(bad.is_error());
  CHECK_TRUE(bad.error() == Errno::Inval);
  LONGS_EQUAL(-1, bad.value_or(-1));
}

TEST(Result, TryPropagatesTheFirstError) {
  LONGS_EQUAL(42, parse_two("42").value());
  CHECK_TRUE(parse_two("4x").error() == Errno::Inval);
  CHECK_TRUE(parse_two("x2").error() == Errno::Inval);
}

TEST(Result, TryOnVoidStopsAtTheFailingStep) {
  steps = 0;
  CHECK_TRUE(three_steps(true).is_ok());
  LONGS_EQUAL(3, steps);
  steps = 0;
  CHECK_TRUE(three_steps(false).error() == Errno::NoMem);
  LONGS_EQUAL(2, steps);
}

TEST(Result, HeldValuesAreDestroyed) {
  {
    Result<Counted> a = Counted(1);
    Result<Counted> b = a;
    Result<Counted> c = Errno::NoMem;
    c = b;
    LONGS_EQUAL(1, c.value().value);
    LONGS_EQUAL(3, Counted::live);
    c = Errno::Again;
    LONGS_EQUAL(2, Counted::live);
  }
  LONGS_EQUAL(0, Counted::live);
}

TEST(Result, LinuxErrnoNumbersAndNames) {
  LONGS_EQUAL(12, static_cast<int>(Errno::NoMem));
  LONGS_EQUAL(22, static_cast<int>(Errno::Inval));
  LONGS_EQUAL(14, static_cast<int>(Errno::Fault));
  LONGS_EQUAL(38, static_cast<int>(Errno::NoSys));
  LONGS_EQUAL(110, static_cast<int>(Errno::TimedOut));
  STRCMP_EQUAL("ENOMEM", ktl::errno_name(Errno::NoMem));
  STRCMP_EQUAL("E2BIG", ktl::errno_name(Errno::TooBig));
  STRCMP_EQUAL("E?", ktl::errno_name(static_cast<Errno>(9999)));
}
