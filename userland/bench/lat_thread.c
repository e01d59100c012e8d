/* lat_thread.c - thread creation: pthread_create + pthread_join, microseconds each.
 *
 * Covers musl's stack mmap, clone(CLONE_VM|CLONE_THREAD|...), scheduling the new thread,
 * its exit and the CLONE_CHILD_CLEARTID futex wake that join waits for.
 */
#include <pthread.h>

#include "bench.h"

static void *worker(void *arg) { return arg; }

static const char *body(long n) {
  for (long i = 0; i < n; i++) {
    pthread_t t;
    void *result = 0;
    if (pthread_create(&t, 0, worker, (void *)(i + 1)) != 0) return "pthread_create failed";
    if (pthread_join(t, &result) != 0) return "pthread_join failed";
    if (result != (void *)(i + 1)) return "wrong thread result";
  }
  return 0;
}

int main(int argc, char **argv) {
  return bench_main(argc, argv, "lat_thread", "us/thread", BENCH_US, 1000, body);
}
