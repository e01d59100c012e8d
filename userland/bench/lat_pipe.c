/* lat_pipe.c - pipe ping-pong between two processes, microseconds per round trip.
 *
 * The parent writes one byte into one pipe, the child reads it and writes it back through
 * another; each round trip is two writes, two reads, two blocking waits and (on one CPU)
 * two context switches: lmbench's lat_pipe.
 */
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench.h"

static const char *body(long n) {
  int to_child[2], to_parent[2];
  if (pipe(to_child) != 0 || pipe(to_parent) != 0) return "pipe failed";
  pid_t pid = fork();
  if (pid < 0) return "fork failed";
  if (pid == 0) {
    char c;
    close(to_child[1]);
    close(to_parent[0]);
    while (read(to_child[0], &c, 1) == 1)
      if (write(to_parent[1], &c, 1) != 1) _exit(1);
    _exit(0);
  }
  close(to_child[0]);
  close(to_parent[1]);
  const char *err = 0;
  for (long i = 0; i < n && !err; i++) {
    char c = (char)i, back = 0;
    if (write(to_child[1], &c, 1) != 1) err = "write failed";
    else if (read(to_parent[0], &back, 1) != 1 || back != c) err = "read failed";
  }
  close(to_child[1]); /* the child sees EOF and exits */
  close(to_parent[0]);
  int status = 0;
  if (waitpid(pid, &status, 0) != pid) return err ? err : "waitpid failed";
  if (!err && (!WIFEXITED(status) || WEXITSTATUS(status) != 0)) err = "child failed";
  return err;
}

int main(int argc, char **argv) {
  return bench_main(argc, argv, "lat_pipe", "us/roundtrip", BENCH_US, 1000, body);
}
