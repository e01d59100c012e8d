/* futex_timeout.c - futex WAIT and WAKE, with timeouts, private and not.
 *
 *   WAIT on a word that differs          -> EAGAIN at once
 *   WAIT with a 50 ms timeout, no waker  -> ETIMEDOUT after >= 50 ms (and well under 5 s)
 *   WAIT_BITSET with an absolute time    -> ETIMEDOUT
 *   WAKE with nobody waiting             -> 0
 *   a thread WAITs, main changes the word and WAKEs -> the thread returns 0
 */
#include <pthread.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "test_report.h"

/* musl ships no <linux/futex.h>: the ABI numbers, the same on every Linux. */
#define FUTEX_WAIT 0
#define FUTEX_WAKE 1
#define FUTEX_WAIT_BITSET 9
#define FUTEX_PRIVATE_FLAG 128
#define FUTEX_WAIT_PRIVATE (FUTEX_WAIT | FUTEX_PRIVATE_FLAG)
#define FUTEX_WAKE_PRIVATE (FUTEX_WAKE | FUTEX_PRIVATE_FLAG)
#define FUTEX_WAIT_BITSET_PRIVATE (FUTEX_WAIT_BITSET | FUTEX_PRIVATE_FLAG)
#define FUTEX_BITSET_MATCH_ANY (-1)

static int word;

static long futex(int *addr, int op, int val, const struct timespec *t, int val3) {
  return syscall(SYS_futex, addr, op, val, t, NULL, val3);
}

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec / 1e9;
}

static void *waiter(void *arg) {
  (void)arg;
  while (__atomic_load_n(&word, __ATOMIC_SEQ_CST) == 0) futex(&word, FUTEX_WAIT_PRIVATE, 0, NULL, 0);
  return (void *)1;
}

int main(void) {
  test_expect_errno(futex(&word, FUTEX_WAIT_PRIVATE, 1, NULL, 0), EAGAIN, "FUTEX_WAIT on 0 != 1");

  struct timespec fifty_ms = {0, 50 * 1000 * 1000};
  double start = now();
  test_expect_errno(futex(&word, FUTEX_WAIT_PRIVATE, 0, &fifty_ms, 0), ETIMEDOUT,
                    "FUTEX_WAIT with 50 ms timeout");
  double waited = now() - start;
  if (waited < 0.049 || waited > 5) test_fail("50 ms timeout took %.3f s", waited);

  test_expect_errno(futex(&word, FUTEX_WAIT, 0, &fifty_ms, 0), ETIMEDOUT,
                    "shared FUTEX_WAIT with a timeout");

  struct timespec deadline;
  clock_gettime(CLOCK_MONOTONIC, &deadline);
  deadline.tv_nsec += 20 * 1000 * 1000;
  if (deadline.tv_nsec >= 1000000000) deadline.tv_sec++, deadline.tv_nsec -= 1000000000;
  test_expect_errno(futex(&word, FUTEX_WAIT_BITSET_PRIVATE, 0, &deadline, FUTEX_BITSET_MATCH_ANY),
                    ETIMEDOUT, "FUTEX_WAIT_BITSET with an absolute deadline");

  test_expect(futex(&word, FUTEX_WAKE_PRIVATE, 1, NULL, 0) == 0, "FUTEX_WAKE woke someone");

  pthread_t t;
  test_expect(pthread_create(&t, NULL, waiter, NULL) == 0, "pthread_create");
  struct timespec ten_ms = {0, 10 * 1000 * 1000};
  nanosleep(&ten_ms, NULL);
  __atomic_store_n(&word, 1, __ATOMIC_SEQ_CST);
  futex(&word, FUTEX_WAKE_PRIVATE, 1, NULL, 0);
  void *result = NULL;
  test_expect(pthread_join(t, &result) == 0 && result == (void *)1, "the waiter did not finish");
  test_pass();
}
