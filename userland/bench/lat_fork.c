/* lat_fork.c - process creation: fork + child _exit + parent wait, microseconds each.
 *
 * Covers copying the address space (copy-on-write set-up), creating and scheduling the
 * child, its exit and tear-down, and the parent's wakeup in wait4 with the status word.
 */
#include <sys/wait.h>
#include <unistd.h>

#include "bench.h"

static const char *body(long n) {
  for (long i = 0; i < n; i++) {
    pid_t pid = fork();
    if (pid < 0) return "fork failed";
    if (pid == 0) _exit(7);
    int status = 0;
    if (waitpid(pid, &status, 0) != pid) return "waitpid failed";
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 7) return "wrong exit status";
  }
  return 0;
}

int main(int argc, char **argv) {
  return bench_main(argc, argv, "lat_fork", "us/fork", BENCH_US, 300, body);
}
