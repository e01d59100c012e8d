/* signals.c - handlers run and return; masks; SIGSEGV from a NULL write.
 *
 *   kill(self, SIGUSR1) with a handler     -> the handler runs, then kill returns 0
 *   SIGUSR2 blocked, sent                  -> pending (sigpending), delivered on unblock
 *   SA_SIGINFO                             -> si_signo, si_code SI_USER, si_pid = us
 *   a write to NULL                        -> SIGSEGV with si_addr 0, on the alternate
 *                                             stack (SA_ONSTACK), left with siglongjmp
 *   SIG_IGN                                -> the signal is dropped
 *   SA_RESETHAND                           -> the second signal gets the default action
 *                                             (checked in a child: it dies of SIGUSR1)
 */
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test_report.h"

static volatile sig_atomic_t usr1_count, usr2_count;
static volatile int info_ok;
static sigjmp_buf recover;
static volatile uintptr_t fault_addr = 1;
static volatile int on_altstack;
static char altstack[64 * 1024];

static void on_usr1(int sig) { usr1_count += sig == SIGUSR1; }
static void on_usr2(int sig, siginfo_t *info, void *uc) {
  (void)uc;
  usr2_count++;
  info_ok = sig == SIGUSR2 && info->si_signo == SIGUSR2 && info->si_code == SI_USER &&
            info->si_pid == getpid();
}
static void on_segv(int sig, siginfo_t *info, void *uc) {
  (void)sig;
  (void)uc;
  char here;
  on_altstack = &here >= altstack && &here < altstack + sizeof altstack;
  fault_addr = (uintptr_t)info->si_addr;
  siglongjmp(recover, 1);
}

int main(void) {
  struct sigaction sa = {0};
  sa.sa_handler = on_usr1;
  test_expect(sigaction(SIGUSR1, &sa, NULL) == 0, "sigaction(SIGUSR1)");
  test_expect(kill(getpid(), SIGUSR1) == 0, "kill(SIGUSR1)");
  test_expect(usr1_count == 1, "the SIGUSR1 handler did not run exactly once");

  sa.sa_sigaction = on_usr2;
  sa.sa_flags = SA_SIGINFO;
  test_expect(sigaction(SIGUSR2, &sa, NULL) == 0, "sigaction(SIGUSR2)");
  sigset_t block, pending;
  sigemptyset(&block);
  sigaddset(&block, SIGUSR2);
  test_expect(sigprocmask(SIG_BLOCK, &block, NULL) == 0, "sigprocmask(SIG_BLOCK)");
  kill(getpid(), SIGUSR2);
  test_expect(usr2_count == 0, "a blocked signal was delivered");
  test_expect(sigpending(&pending) == 0 && sigismember(&pending, SIGUSR2), "SIGUSR2 not pending");
  test_expect(sigprocmask(SIG_UNBLOCK, &block, NULL) == 0, "sigprocmask(SIG_UNBLOCK)");
  test_expect(usr2_count == 1, "unblocking did not deliver SIGUSR2");
  test_expect(info_ok, "siginfo of SIGUSR2 is wrong");

  stack_t ss = {.ss_sp = altstack, .ss_size = sizeof altstack, .ss_flags = 0};
  test_expect(sigaltstack(&ss, NULL) == 0, "sigaltstack");
  sa.sa_sigaction = on_segv;
  sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
  test_expect(sigaction(SIGSEGV, &sa, NULL) == 0, "sigaction(SIGSEGV)");
  if (sigsetjmp(recover, 1) == 0) {
    *(volatile int *)(uintptr_t)0 = 1;
    test_fail("a write to NULL did not fault");
  }
  if (fault_addr != 0) test_fail("SIGSEGV si_addr %#lx, want 0", (unsigned long)fault_addr);
  test_expect(on_altstack, "the SIGSEGV handler did not run on the alternate stack");

  signal(SIGUSR1, SIG_IGN);
  kill(getpid(), SIGUSR1);
  test_expect(usr1_count == 1, "an ignored signal ran the handler");

  pid_t pid = fork();
  if (pid == 0) {
    struct sigaction once = {0};
    once.sa_handler = on_usr1;
    once.sa_flags = SA_RESETHAND;
    sigaction(SIGUSR1, &once, NULL);
    usr1_count = 0;
    kill(getpid(), SIGUSR1);
    if (usr1_count != 1) _exit(2);
    kill(getpid(), SIGUSR1);
    _exit(3);
  }
  int status = 0;
  test_expect(waitpid(pid, &status, 0) == pid, "waitpid");
  if (!WIFSIGNALED(status) || WTERMSIG(status) != SIGUSR1)
    test_fail("SA_RESETHAND child: status %#x, want death by SIGUSR1", status);
  test_pass();
}
