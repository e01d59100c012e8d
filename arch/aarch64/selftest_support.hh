// arch/aarch64/selftest_support.hh - what the arch self-tests share.
//
// Cache maintenance for code written as data, and the check macro the tests use.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "lib/printk.hh"

namespace selftest_support {

// Makes instructions written through the data side at `virt` (the direct map) visible
// to instruction fetch at any address (cleaning to the point of unification, then
// invalidating the instruction cache).
void sync_icache(uintptr_t virt, size_t size);

}  // namespace selftest_support

// Records a failed check with its line and goes on; the test fails at the end.
#define SELFTEST_CHECK(ok_flag, cond)                                     \
  do {                                                                    \
    if (!(cond)) {                                                        \
      printk("  check failed at %s:%d: %s\n", __FILE__, __LINE__, #cond); \
      ok_flag = false;                                                    \
    }                                                                     \
  } while (0)
