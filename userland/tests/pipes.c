/* pipes.c - pipes: data, end of file, broken pipes, non-blocking ends, atomic writes.
 *
 *   pipe2(O_CLOEXEC) sets FD_CLOEXEC on both ends
 *   a child writes, the parent reads it; with every writer closed, read returns 0
 *   writing with no reader: EPIPE, and SIGPIPE (caught here; a default child dies of it)
 *   O_NONBLOCK: an empty pipe reads EAGAIN, a full one writes EAGAIN after >= PIPE_BUF
 *   two writers' writev calls of exactly PIPE_BUF bytes never interleave
 */
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test_report.h"

static volatile sig_atomic_t sigpipes;
static void on_sigpipe(int sig) { (void)sig; ++sigpipes; }

enum { kRounds = 16 };

static void writer(int fd, char letter) {
  static char chunk[PIPE_BUF];
  memset(chunk, letter, sizeof chunk);
  struct iovec iov[4];
  for (int i = 0; i < 4; ++i) iov[i] = (struct iovec){chunk + i * (PIPE_BUF / 4), PIPE_BUF / 4};
  for (int r = 0; r < kRounds; ++r)
    if (writev(fd, iov, 4) != PIPE_BUF) _exit(2);
  _exit(0);
}

int main(void) {
  int p[2];
  char buf[64];
  test_expect(pipe2(p, O_CLOEXEC) == 0, "pipe2 failed");
  test_expect(fcntl(p[0], F_GETFD) == FD_CLOEXEC && fcntl(p[1], F_GETFD) == FD_CLOEXEC,
              "pipe2(O_CLOEXEC) did not set FD_CLOEXEC");
  pid_t pid = fork();
  if (pid == 0) {
    close(p[0]);
    _exit(write(p[1], "ping", 4) == 4 ? 0 : 1);
  }
  close(p[1]);
  long got = 0, n;
  while ((n = read(p[0], buf + got, sizeof buf - got)) > 0) got += n;
  test_expect(n == 0, "read did not end with 0 (end of file)");
  test_expect(got == 4 && memcmp(buf, "ping", 4) == 0, "the parent did not read 'ping'");
  int status;
  test_expect(waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0,
              "the writer child failed");
  close(p[0]);

  /* No reader: EPIPE and SIGPIPE. */
  test_expect(pipe(p) == 0, "pipe failed");
  close(p[0]);
  signal(SIGPIPE, on_sigpipe);
  test_expect_errno(write(p[1], "x", 1), EPIPE, "write with no reader");
  test_expect(sigpipes == 1, "SIGPIPE was not delivered");
  signal(SIGPIPE, SIG_DFL);
  pid = fork();
  if (pid == 0) {
    (void)write(p[1], "x", 1);
    _exit(0);
  }
  test_expect(waitpid(pid, &status, 0) == pid && WIFSIGNALED(status) &&
                  WTERMSIG(status) == SIGPIPE,
              "a child writing to a broken pipe did not die of SIGPIPE");
  close(p[1]);

  /* Non-blocking ends. */
  test_expect(pipe2(p, O_NONBLOCK) == 0, "pipe2(O_NONBLOCK) failed");
  test_expect(fcntl(p[0], F_GETFL) & O_NONBLOCK, "F_GETFL lacks O_NONBLOCK");
  test_expect_errno(read(p[0], buf, 1), EAGAIN, "read of an empty non-blocking pipe");
  long total = 0;
  for (;;) {
    n = write(p[1], buf, sizeof buf);
    if (n < 0) break;
    total += n;
  }
  test_expect(errno == EAGAIN, "a full non-blocking pipe did not give EAGAIN");
  test_expect(total >= PIPE_BUF, "the pipe holds less than PIPE_BUF");
  close(p[0]);
  close(p[1]);

  /* Atomic writes of PIPE_BUF from two writers. */
  test_expect(pipe(p) == 0, "pipe failed");
  pid_t a = fork();
  if (a == 0) {
    close(p[0]);
    writer(p[1], 'a');
  }
  pid_t b = fork();
  if (b == 0) {
    close(p[0]);
    writer(p[1], 'b');
  }
  close(p[1]);
  size_t size = 2 * kRounds * PIPE_BUF;
  char* all = malloc(size + 1);
  test_expect(all != NULL, "malloc");
  size_t have = 0;
  while ((n = read(p[0], all + have, size + 1 - have)) > 0) have += n;
  test_expect(have == size, "the readers did not get every byte");
  for (size_t block = 0; block < size; block += PIPE_BUF)
    for (size_t i = 1; i < PIPE_BUF; ++i)
      if (all[block + i] != all[block]) test_fail("writes of PIPE_BUF bytes interleaved");
  test_expect(waitpid(a, &status, 0) == a && WIFEXITED(status) && !WEXITSTATUS(status), "writer a");
  test_expect(waitpid(b, &status, 0) == b && WIFEXITED(status) && !WEXITSTATUS(status), "writer b");
  test_pass();
}
