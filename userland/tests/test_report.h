/* test_report.h - how a SeaOS test program reports: exactly one line.
 *
 * Test programs run as the first process on a booted kernel and on Linux; in both
 * places a runner matches their output. Each prints exactly one line, either
 * "<name>: PASS" or "<name>: FAIL <why>", and exits 0 or 1. <name> is PROGRAM_NAME, which
 * the build passes to every program (see userland/make/program.mk), so one source can be
 * built as two tests (hello and hello_static). C and C++ tests share this header.
 *
 * When the environment has SEAOS_NONCE (the SeaOS kernel passes it to init when its
 * command line has nonce=<hex>), the line is prefixed with "[<nonce>] ", so a grader
 * accepts only output of the kernel it just booted; without it the line is exactly
 * "<name>: PASS" (tools/scripts/check-userland.sh and Linux runs rely on that).
 */
#ifndef SEAOS_TEST_REPORT_H
#define SEAOS_TEST_REPORT_H

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Prints "[<nonce>] " when the environment has a non-empty SEAOS_NONCE, else nothing. */
static inline void test_report_prefix(void) {
  const char *nonce = getenv("SEAOS_NONCE");
  if (nonce && *nonce) printf("[%s] ", nonce);
}

/* Reports success and ends the test. */
__attribute__((noreturn)) static inline void test_pass(void) {
  test_report_prefix();
  printf("%s: PASS\n", PROGRAM_NAME);
  exit(0);
}

/* Reports failure with a printf-style reason and ends the test. */
__attribute__((noreturn, format(printf, 1, 2))) static inline void test_fail(const char *why, ...) {
  va_list args;
  va_start(args, why);
  test_report_prefix();
  printf("%s: FAIL ", PROGRAM_NAME);
  vprintf(why, args);
  printf("\n");
  va_end(args);
  exit(1);
}

/* Fails the test with `why` unless `ok`. */
static inline void test_expect(int ok, const char *why) {
  if (!ok) test_fail("%s", why);
}

/* Fails unless a libc call that returns -1 and sets errno did exactly that with
 * `want_errno`; `what` names the call in the message ("write(-1, ...)"). */
static inline void test_expect_errno(long result, int want_errno, const char *what) {
  int got_errno = errno;
  if (result != -1 || got_errno != want_errno)
    test_fail("%s returned %ld, errno %s; want -1, errno %s", what, result,
              result == -1 ? strerror(got_errno) : "-", strerror(want_errno));
}

#endif /* SEAOS_TEST_REPORT_H */
