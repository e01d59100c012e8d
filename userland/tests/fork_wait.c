/* fork_wait.c - fork, exit and wait: the status words a parent gets back.
 *
 *   a child that exits 42           -> WIFEXITED, WEXITSTATUS 42 (wait4 and waitid)
 *   a child killed with SIGKILL     -> WIFSIGNALED, WTERMSIG 9
 *   a child that gets SIGTERM       -> WTERMSIG 15 (the default action terminates)
 *   WNOHANG while the child lives   -> 0; no children left -> ECHILD
 *   the child sees getppid() == the parent, and memory after fork is a copy
 */
#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "test_report.h"

static int shared_value = 1;

static pid_t spawn_sleeper(void) {
  pid_t pid = fork();
  if (pid == 0) {
    for (;;) pause();
  }
  return pid;
}

int main(void) {
  pid_t parent = getpid();
  pid_t pid = fork();
  test_expect(pid >= 0, "fork failed");
  if (pid == 0) {
    shared_value = 2;
    _exit(getppid() == parent ? 42 : 1);
  }
  int status = 0;
  test_expect(waitpid(pid, &status, 0) == pid, "waitpid did not return the child");
  test_expect(WIFEXITED(status), "child did not exit normally");
  if (WEXITSTATUS(status) != 42) test_fail("exit status %d, want 42", WEXITSTATUS(status));
  test_expect(shared_value == 1, "the child's write reached the parent");

  pid = spawn_sleeper();
  test_expect(pid > 0, "fork (sleeper) failed");
  test_expect(waitpid(pid, &status, WNOHANG) == 0, "WNOHANG did not return 0 for a live child");
  test_expect(kill(pid, SIGKILL) == 0, "kill(SIGKILL) failed");
  test_expect(waitpid(pid, &status, 0) == pid, "waitpid (killed) failed");
  if (!WIFSIGNALED(status) || WTERMSIG(status) != SIGKILL)
    test_fail("killed child: status %#x, want signal %d", status, SIGKILL);

  pid = spawn_sleeper();
  struct timespec pause_a_bit = {0, 20 * 1000 * 1000};
  nanosleep(&pause_a_bit, NULL);
  kill(pid, SIGTERM);
  siginfo_t info = {0};
  test_expect(waitid(P_PID, pid, &info, WEXITED) == 0, "waitid failed");
  if (info.si_pid != pid || info.si_code != CLD_KILLED || info.si_status != SIGTERM)
    test_fail("waitid: pid %d code %d status %d", info.si_pid, info.si_code, info.si_status);

  pid = fork();
  if (pid == 0) _exit(7);
  test_expect(waitid(P_ALL, 0, &info, WEXITED) == 0 && info.si_code == CLD_EXITED &&
                  info.si_status == 7,
              "waitid(P_ALL) did not report exit 7");
  test_expect_errno(waitpid(-1, &status, 0), ECHILD, "waitpid with no children");
  test_pass();
}
