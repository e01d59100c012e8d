/* clock_sleep.c - clocks and sleeping.
 *
 * CLOCK_MONOTONIC never goes back and advances across a sleep; nanosleep(50 ms) and
 * clock_nanosleep (relative and TIMER_ABSTIME) sleep at least that long and not
 * absurdly longer; CLOCK_REALTIME is a plausible date (after 2020: the RTC was read);
 * clock_getres answers; bad arguments give EINVAL.
 */
#include <time.h>

#include "test_report.h"

static double seconds(clockid_t clock) {
  struct timespec t;
  if (clock_gettime(clock, &t) != 0) test_fail("clock_gettime(%d) failed", (int)clock);
  return t.tv_sec + t.tv_nsec / 1e9;
}

static void expect_between(double got, double lo, double hi, const char *what) {
  if (got < lo || got > hi) test_fail("%s took %.3f s, want %.3f..%.3f", what, got, lo, hi);
}

int main(void) {
  double a = seconds(CLOCK_MONOTONIC), b = seconds(CLOCK_MONOTONIC);
  test_expect(b >= a, "CLOCK_MONOTONIC went back");
  test_expect(seconds(CLOCK_REALTIME) > 1577836800.0, "CLOCK_REALTIME is before 2020");

  struct timespec res;
  test_expect(clock_getres(CLOCK_MONOTONIC, &res) == 0 && res.tv_sec == 0 && res.tv_nsec > 0,
              "clock_getres(CLOCK_MONOTONIC)");

  struct timespec fifty = {0, 50 * 1000 * 1000};
  double start = seconds(CLOCK_MONOTONIC);
  test_expect(nanosleep(&fifty, NULL) == 0, "nanosleep(50 ms)");
  expect_between(seconds(CLOCK_MONOTONIC) - start, 0.049, 5, "nanosleep(50 ms)");

  start = seconds(CLOCK_MONOTONIC);
  test_expect(clock_nanosleep(CLOCK_MONOTONIC, 0, &fifty, NULL) == 0, "clock_nanosleep");
  expect_between(seconds(CLOCK_MONOTONIC) - start, 0.049, 5, "clock_nanosleep(50 ms)");

  struct timespec until;
  clock_gettime(CLOCK_MONOTONIC, &until);
  start = until.tv_sec + until.tv_nsec / 1e9;
  until.tv_nsec += 30 * 1000 * 1000;
  if (until.tv_nsec >= 1000000000) until.tv_sec++, until.tv_nsec -= 1000000000;
  test_expect(clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &until, NULL) == 0,
              "clock_nanosleep(TIMER_ABSTIME)");
  expect_between(seconds(CLOCK_MONOTONIC) - start, 0.029, 5, "clock_nanosleep(ABSTIME 30 ms)");

  struct timespec bad = {0, 1000000000};
  test_expect_errno(nanosleep(&bad, NULL), EINVAL, "nanosleep with tv_nsec = 1e9");
  test_expect(clock_gettime((clockid_t)12345, &res) == -1 && errno == EINVAL,
              "clock_gettime of an unknown clock did not fail with EINVAL");
  test_pass();
}
