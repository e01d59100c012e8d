/* signal_restart.c - interrupted system calls, stop/continue, and SIGCHLD.
 *
 *   a futex wait interrupted by a handler without SA_RESTART -> EINTR
 *   the same with SA_RESTART                                 -> the wait goes on and
 *                                                               returns 0 when woken
 *   nanosleep interrupted by a handler                       -> EINTR, remaining time set
 *   SIGSTOP / SIGCONT on a child                             -> WIFSTOPPED / WIFCONTINUED
 *   a SIGCHLD handler                                        -> runs with CLD_EXITED
 * The signals come from a helper thread (tgkill), so the main thread is asleep in the
 * kernel when they arrive.
 */
#include <pthread.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "test_report.h"

#define FUTEX_WAIT_PRIVATE 128
#define FUTEX_WAKE_PRIVATE 129

static int word;
static pid_t main_tid;
static volatile sig_atomic_t usr1_count, chld_code;

static void on_usr1(int sig) { usr1_count += sig == SIGUSR1; }
static void on_chld(int sig, siginfo_t *info, void *uc) {
  (void)sig;
  (void)uc;
  chld_code = info->si_code;
}

static void sleep_ms(long ms) {
  struct timespec t = {ms / 1000, (ms % 1000) * 1000000};
  while (nanosleep(&t, &t) != 0) {
  }
}

/* 50 ms: SIGUSR1 to the main thread; with arg, 50 ms more: word = 1 and a wake-up. */
static void *helper(void *arg) {
  sleep_ms(50);
  syscall(SYS_tgkill, getpid(), main_tid, SIGUSR1);
  if (arg) {
    sleep_ms(50);
    __atomic_store_n(&word, 1, __ATOMIC_SEQ_CST);
    syscall(SYS_futex, &word, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
  }
  return NULL;
}

static void set_usr1(int flags) {
  struct sigaction sa = {0};
  sa.sa_handler = on_usr1;
  sa.sa_flags = flags;
  if (sigaction(SIGUSR1, &sa, NULL) != 0) test_fail("sigaction(SIGUSR1)");
}

int main(void) {
  main_tid = (pid_t)syscall(SYS_gettid);
  pthread_t t;

  set_usr1(0);
  pthread_create(&t, NULL, helper, NULL);
  test_expect_errno(syscall(SYS_futex, &word, FUTEX_WAIT_PRIVATE, 0, NULL, NULL, 0), EINTR,
                    "futex wait interrupted without SA_RESTART");
  pthread_join(t, NULL);
  test_expect(usr1_count == 1, "the handler did not run");

  set_usr1(SA_RESTART);
  pthread_create(&t, NULL, helper, (void *)1);
  long r = syscall(SYS_futex, &word, FUTEX_WAIT_PRIVATE, 0, NULL, NULL, 0);
  pthread_join(t, NULL);
  if (r != 0 || usr1_count != 2) test_fail("SA_RESTART futex wait: %ld (errno %d), %d handlers",
                                           r, errno, (int)usr1_count);

  pthread_create(&t, NULL, helper, NULL);
  struct timespec long_sleep = {5, 0}, left = {0, 0};
  test_expect_errno(nanosleep(&long_sleep, &left), EINTR, "nanosleep interrupted");
  pthread_join(t, NULL);
  test_expect(left.tv_sec >= 3 && left.tv_sec <= 5, "nanosleep's remaining time is wrong");

  pid_t pid = fork();
  if (pid == 0) {
    for (;;) pause();
  }
  int status = 0;
  kill(pid, SIGSTOP);
  test_expect(waitpid(pid, &status, WUNTRACED) == pid && WIFSTOPPED(status) &&
                  WSTOPSIG(status) == SIGSTOP, "SIGSTOP: the child did not report stopped");
  kill(pid, SIGCONT);
  test_expect(waitpid(pid, &status, WCONTINUED) == pid && WIFCONTINUED(status),
              "SIGCONT: the child did not report continued");
  kill(pid, SIGKILL);
  test_expect(waitpid(pid, &status, 0) == pid && WIFSIGNALED(status), "reaping the child");

  struct sigaction sa = {0};
  sa.sa_sigaction = on_chld;
  sa.sa_flags = SA_SIGINFO;
  sigaction(SIGCHLD, &sa, NULL);
  sigset_t block, old;
  sigemptyset(&block);
  sigaddset(&block, SIGCHLD);
  sigprocmask(SIG_BLOCK, &block, &old);
  pid = fork();
  if (pid == 0) _exit(3);
  while (!chld_code) sigsuspend(&old);
  sigprocmask(SIG_SETMASK, &old, NULL);
  test_expect(chld_code == CLD_EXITED, "the SIGCHLD handler did not see CLD_EXITED");
  test_expect(waitpid(pid, &status, 0) == pid && WEXITSTATUS(status) == 3, "reaping");
  test_pass();
}
