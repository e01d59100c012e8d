// kernel/selftest.hh - named in-kernel tests run from the command line (`test=<name>`).
//
// Boot tests and graders ask the kernel to check itself: each test prints
// "selftest <name>: PASS" or "... FAIL: why" and the kernel powers off with the result.
// When the command line carries `nonce=<token>`, every result line is tagged with it so
// a grader can tell the kernel's verdict from text a program printed.
#pragma once

namespace selftest {

// Runs the tests named in "test=a,b,c"; returns false if any failed or was unknown.
bool run(const char* cmdline);

// The deliberate kernel fault used by `test=fault` and the monitor's `fault` command:
// a write to an address that is never mapped in the kernel. Does not return.
void deliberate_fault();

}  // namespace selftest
