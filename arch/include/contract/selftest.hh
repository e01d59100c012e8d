// contract/selftest.hh - the architecture's own in-kernel self-tests.
//
// Some self-tests can only be written per architecture: they need machine code for user
// mode, a particular fault, or the arch's timer. Each architecture defines these
// functions (in arch/<isa>/selftest_*.cc); src/kernel/selftest.cc lists them by name
// for `test=<name>` on the command line. Until an architecture has one, the weak
// default below reports it as missing (FAIL), so every tree still links. The arch files
// that define the tests include this header after `#define SEAOS_ARCH_SELFTEST_IMPL`,
// which leaves the defaults out of their translation units.
//
// The "fault" kind (wx, stack_overflow) never return when they work: the fault report
// and the failure exit status are the result, as with test=fault.
#pragma once

#include "lib/printk.hh"

namespace arch_selftest {

bool paging();          // map/unmap/protect/query round trips, 2 MiB blocks, splitting, ASIDs
bool wx();              // a write to kernel text gives a permission-fault report (fault kind)
bool stack_overflow();  // a kernel stack runs into its guard: "kernel stack overflow" (fault kind)
bool timer();           // ticks at the requested rate, now_ns() monotonic
bool usermode();        // user code makes a system call and faults; both reach the kernel

#ifndef SEAOS_ARCH_SELFTEST_IMPL
#define SEAOS_ARCH_SELFTEST_MISSING(name)                                  \
  __attribute__((weak)) bool name() {                                      \
    printk("selftest " #name ": not written for this architecture yet\n"); \
    return false;                                                          \
  }
SEAOS_ARCH_SELFTEST_MISSING(paging)
SEAOS_ARCH_SELFTEST_MISSING(wx)
SEAOS_ARCH_SELFTEST_MISSING(stack_overflow)
SEAOS_ARCH_SELFTEST_MISSING(timer)
SEAOS_ARCH_SELFTEST_MISSING(usermode)
#undef SEAOS_ARCH_SELFTEST_MISSING
#endif

}  // namespace arch_selftest
