/* faults.c - a program that misbehaves gets the right signal; the system runs on.
 *
 * Each misdeed runs in a child, and the parent checks how the child died:
 *   a write to NULL                      -> SIGSEGV
 *   a jump into the kernel's address     -> SIGSEGV
 *   a privileged instruction             -> SIGSEGV on x86_64 (hlt: #GP), SIGILL on
 *                                           aarch64 (reading SCTLR_EL1 at EL0)
 *   an integer division by zero          -> SIGFPE on x86_64 (aarch64 does not trap:
 *                                           the quotient is 0, so it is not tested)
 *   unbounded recursion (stack overflow) -> SIGSEGV
 * and the parent, still alive, forks once more afterwards.
 */
#include <signal.h>
#include <stdint.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test_report.h"

#define KERNEL_ADDRESS 0xffffffff80000000ul

static void null_write(void) { *(volatile int *)(uintptr_t)0 = 1; }

static void jump_to_kernel(void) {
  void (*volatile fn)(void) = (void (*)(void))KERNEL_ADDRESS;
  fn();
}

static void privileged(void) {
#if defined(__x86_64__)
  __asm__ volatile("hlt");
#else
  uint64_t v;
  __asm__ volatile("mrs %0, sctlr_el1" : "=r"(v));
#endif
}

static volatile int zero = 0;
static void divide_by_zero(void) {
  volatile int x = 42 / zero;
  (void)x;
}

static volatile int keep_going = 1;
static int recurse(volatile char *previous) {
  volatile char frame[4096];
  frame[0] = previous ? previous[0] + 1 : 0;
  if (!keep_going) return 0;  /* never: only so the compiler sees an end */
  return recurse(frame) + frame[1];
}
static void overflow_stack(void) { recurse(NULL); }

static void expect_death(void (*misdeed)(void), int want, const char *what) {
  pid_t pid = fork();
  if (pid == 0) {
    misdeed();
    _exit(0);
  }
  int status = 0;
  if (waitpid(pid, &status, 0) != pid) test_fail("waitpid after %s", what);
  if (!WIFSIGNALED(status) || WTERMSIG(status) != want)
    test_fail("%s: status %#x, want death by signal %d", what, status, want);
}

int main(void) {
  expect_death(null_write, SIGSEGV, "write to NULL");
  expect_death(jump_to_kernel, SIGSEGV, "jump into the kernel");
#if defined(__x86_64__)
  expect_death(privileged, SIGSEGV, "hlt in user mode");
  expect_death(divide_by_zero, SIGFPE, "division by zero");
#else
  expect_death(privileged, SIGILL, "mrs sctlr_el1 at EL0");
  (void)divide_by_zero;
#endif
  expect_death(overflow_stack, SIGSEGV, "stack overflow");
  pid_t pid = fork();
  if (pid == 0) _exit(5);
  int status = 0;
  test_expect(waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 5,
              "a fork after the faults failed");
  test_pass();
}
