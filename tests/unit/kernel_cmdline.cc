// Host tests of kernel/cmdline: options, flags and init's rest-of-line.
#include <CppUTest/TestHarness.h>

#include "kernel/cmdline.hh"

TEST_GROUP(Cmdline){};

TEST(Cmdline, KeyValue) {
  char v[32];
  CHECK_TRUE(cmdline::get("loglevel=3 test=fault,panic poweroff", "test", v, sizeof v));
  STRCMP_EQUAL("fault,panic", v);
  CHECK_TRUE(cmdline::get("loglevel=3 test=fault", "loglevel", v, sizeof v));
  STRCMP_EQUAL("3", v);
  CHECK_FALSE(cmdline::get("loglevel=3", "log", v, sizeof v));
  CHECK_FALSE(cmdline::get("", "test", v, sizeof v));
}

TEST(Cmdline, Flags) {
  CHECK_TRUE(cmdline::has("a=1  poweroff  b=2", "poweroff"));
  CHECK_TRUE(cmdline::has("poweroff", "poweroff"));
  CHECK_TRUE(cmdline::has("nonce=abc", "nonce"));
  CHECK_FALSE(cmdline::has("poweroffx", "poweroff"));
  CHECK_FALSE(cmdline::has("xpoweroff=1", "poweroff"));
}

TEST(Cmdline, InitTakesTheRestOfTheLine) {
  char v[64];
  const char* line = "loglevel=2 init=/bin/sh -c echo poweroff";
  CHECK_TRUE(cmdline::get(line, "init", v, sizeof v));
  STRCMP_EQUAL("/bin/sh -c echo poweroff", v);
  // Words after init= are init's arguments, not kernel options.
  CHECK_FALSE(cmdline::has(line, "poweroff"));
  CHECK_TRUE(cmdline::has(line, "loglevel"));
}

TEST(Cmdline, Truncates) {
  char v[4];
  CHECK_TRUE(cmdline::get("nonce=abcdefgh", "nonce", v, sizeof v));
  STRCMP_EQUAL("abc", v);
}
