// selftest/check.hh - what the x86_64 self-tests share.
#pragma once

#include "lib/printk.hh"

// Records a failed check with its line and goes on; the test fails at the end.
#define SELFTEST_CHECK(ok_flag, cond)                                            \
  do {                                                                           \
    if (!(cond)) {                                                               \
      printk("  check failed at %s:%d: %s\n", __FILE__, __LINE__, #cond);        \
      ok_flag = false;                                                           \
    }                                                                            \
  } while (0)
