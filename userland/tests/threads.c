/* threads.c - musl pthreads on SeaOS: create, join, mutex, condition variable, TLS.
 *
 * Four threads add to one counter under a mutex (the total must be exact), each keeps a
 * thread-local copy (a __thread variable: the thread pointer must be per thread), and a
 * producer/consumer pair hands values over through a condition variable. join returns
 * each thread's result, which needs CLONE_CHILD_CLEARTID's futex wake at thread exit.
 * Last, a multi-threaded child calls execve: its other thread must vanish and the new
 * program (this one again, with --exec-child) must run and exit 0.
 */
#include <pthread.h>
#include <stdint.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test_report.h"

enum { kThreads = 4, kAdds = 20000, kItems = 100 };

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static long counter;
static __thread long mine;

static void *adder(void *arg) {
  for (int i = 0; i < kAdds; i++) {
    pthread_mutex_lock(&lock);
    counter++;
    pthread_mutex_unlock(&lock);
    mine++;
  }
  return (void *)((intptr_t)arg * 1000 + (mine == kAdds ? 1 : 0));
}

static pthread_cond_t changed = PTHREAD_COND_INITIALIZER;
static int slot_full, slot_value, received_sum;

static void *consumer(void *arg) {
  (void)arg;
  for (int i = 0; i < kItems; i++) {
    pthread_mutex_lock(&lock);
    while (!slot_full) pthread_cond_wait(&changed, &lock);
    received_sum += slot_value;
    slot_full = 0;
    pthread_cond_signal(&changed);
    pthread_mutex_unlock(&lock);
  }
  return NULL;
}

static void *sleeper(void *arg) {
  (void)arg;
  for (;;) pause();
  return NULL;
}

int main(int argc, char **argv) {
  if (argc > 1 && strcmp(argv[1], "--exec-child") == 0) return 0;
  pthread_t t[kThreads];
  for (intptr_t i = 0; i < kThreads; i++)
    if (pthread_create(&t[i], NULL, adder, (void *)i) != 0) test_fail("pthread_create %d", (int)i);
  for (intptr_t i = 0; i < kThreads; i++) {
    void *result = NULL;
    if (pthread_join(t[i], &result) != 0) test_fail("pthread_join %d", (int)i);
    if ((intptr_t)result != i * 1000 + 1) test_fail("thread %d returned %ld", (int)i, (long)(intptr_t)result);
  }
  if (counter != (long)kThreads * kAdds) test_fail("counter %ld, want %d", counter, kThreads * kAdds);
  test_expect(mine == 0, "the main thread's __thread copy changed");

  pthread_t c;
  test_expect(pthread_create(&c, NULL, consumer, NULL) == 0, "pthread_create consumer");
  int sent = 0;
  for (int i = 1; i <= kItems; i++) {
    pthread_mutex_lock(&lock);
    while (slot_full) pthread_cond_wait(&changed, &lock);
    slot_value = i;
    slot_full = 1;
    sent += i;
    pthread_cond_signal(&changed);
    pthread_mutex_unlock(&lock);
  }
  test_expect(pthread_join(c, NULL) == 0, "pthread_join consumer");
  if (received_sum != sent) test_fail("consumer got %d, want %d", received_sum, sent);

  pid_t pid = fork();
  if (pid == 0) {
    pthread_t s;
    if (pthread_create(&s, NULL, sleeper, NULL) != 0) _exit(98);
    execl(argv[0], argv[0], "--exec-child", (char *)NULL);
    _exit(99);
  }
  int status = 0;
  test_expect(waitpid(pid, &status, 0) == pid, "waitpid (exec child)");
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    test_fail("execve from a two-thread process: status %#x", status);
  test_pass();
}
