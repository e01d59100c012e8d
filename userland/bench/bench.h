/* bench.h - how a SeaOS benchmark program measures and reports (issue 12).
 *
 * The same static binaries run on SeaOS and on Debian's Linux in the same QEMU, so each
 * prints machine-readable lines that tools/bench/run.py parses on both:
 *
 *   bench <name>: <value> <unit> (<iterations> iterations)
 *   <name>: PASS                       (or "<name>: FAIL <why>")
 *
 * Like the test programs, the verdict line is prefixed with "[<nonce>] " when the
 * environment has SEAOS_NONCE (graders accept only this boot's output).
 *
 * A benchmark is a body that performs `n` operations. It runs kRounds times over
 * `iterations` operations each (after one short warm-up round); the reported value is the
 * median round, as nanoseconds or microseconds per operation or as operations per second.
 * `prog [iterations [rounds]]` overrides the defaults, which the smoke test uses to
 * keep a boot short. The clock is CLOCK_MONOTONIC: under TCG it is the host's time, so
 * absolute figures mean little; ratios between kernels measured in one run do.
 */
#ifndef SEAOS_BENCH_H
#define SEAOS_BENCH_H

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Prints "[<nonce>] " when the environment has a non-empty SEAOS_NONCE. */
static inline void bench_prefix(void) {
  const char *nonce = getenv("SEAOS_NONCE");
  if (nonce && *nonce) printf("[%s] ", nonce);
}

enum bench_unit { BENCH_NS, BENCH_US, BENCH_PER_SECOND };

/* Ends the benchmark with "<name>: FAIL <why>". */
__attribute__((noreturn, format(printf, 2, 3))) static inline void bench_fail(const char *name,
                                                                           const char *why, ...) {
  va_list args;
  va_start(args, why);
  bench_prefix();
  printf("%s: FAIL ", name);
  vprintf(why, args);
  printf("\n");
  va_end(args);
  exit(1);
}

static inline uint64_t bench_now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static int bench_compare(const void *a, const void *b) {
  uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
  return x < y ? -1 : x > y;
}

/* Runs body(iterations) `rounds` times (argv may override both), prints the median as
 * the benchmark line and then PASS. body returns 0 on success or a static message. */
static inline int bench_main(int argc, char **argv, const char *name, const char *unit_name,
                             enum bench_unit unit, long iterations,
                             const char *(*body)(long n)) {
  long rounds = 3;
  if (argc > 1) iterations = strtol(argv[1], NULL, 0);
  if (argc > 2) rounds = strtol(argv[2], NULL, 0);
  if (iterations < 1 || rounds < 1 || rounds > 15) bench_fail(name, "bad arguments");
  setvbuf(stdout, NULL, _IONBF, 0); /* lines reach the console before a crash */

  const char *err = body(iterations / 10 + 1); /* warm-up: caches, first-touch faults */
  if (err) bench_fail(name, "%s", err);
  uint64_t per_op[15];
  for (long r = 0; r < rounds; r++) {
    uint64_t start = bench_now_ns();
    err = body(iterations);
    uint64_t elapsed = bench_now_ns() - start;
    if (err) bench_fail(name, "%s", err);
    per_op[r] = elapsed ? elapsed : 1; /* nanoseconds for the whole round */
  }
  qsort(per_op, (size_t)rounds, sizeof per_op[0], bench_compare);
  double ns = (double)per_op[rounds / 2] / (double)iterations;
  double value = unit == BENCH_NS ? ns : unit == BENCH_US ? ns / 1000.0 : 1e9 / ns;
  if (!(value > 0)) bench_fail(name, "no time measured");
  printf("bench %s: %.*f %s (%ld iterations)\n", name, unit == BENCH_PER_SECOND ? 0 : 2, value,
         unit_name, iterations);
  bench_prefix();
  printf("%s: PASS\n", name);
  return 0;
}

#endif /* SEAOS_BENCH_H */
