/* fork_bomb_rlimit.c - RLIMIT_NPROC bounds a fork bomb with EAGAIN.
 *
 * As an unprivileged user (root is exempt from RLIMIT_NPROC, on Linux and SeaOS, so the
 * test drops to uid 65534 first), with a limit of 8 processes, forking children that
 * sleep must fail with EAGAIN before the 64th fork. The children are then killed and
 * reaped, and the system goes on. A child that exits frees its slot again.
 */
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test_report.h"

enum { kLimit = 8, kTries = 64 };

int main(void) {
  if (getuid() == 0) {
    test_expect(setgid(65534) == 0, "setgid(65534)");
    test_expect(setuid(65534) == 0, "setuid(65534)");
  }
  struct rlimit limit = {kLimit, kLimit};
  test_expect(setrlimit(RLIMIT_NPROC, &limit) == 0, "setrlimit(RLIMIT_NPROC)");
  pid_t children[kTries];
  int made = 0, refused = 0;
  for (int i = 0; i < kTries; i++) {
    pid_t pid = fork();
    if (pid == 0) {
      for (;;) pause();
    }
    if (pid < 0) {
      if (errno != EAGAIN) test_fail("fork failed with errno %d, want EAGAIN", errno);
      refused = 1;
      break;
    }
    children[made++] = pid;
  }
  for (int i = 0; i < made; i++) kill(children[i], SIGKILL);
  for (int i = 0; i < made; i++) waitpid(children[i], NULL, 0);
  if (!refused) test_fail("%d forks succeeded under RLIMIT_NPROC %d", made, kLimit);

  pid_t pid = fork();  /* the slots are free again */
  if (pid == 0) _exit(0);
  test_expect(pid > 0, "fork after reaping failed");
  test_expect(waitpid(pid, NULL, 0) == pid, "waitpid");
  test_pass();
}
