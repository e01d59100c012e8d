/* dup_fcntl.c - descriptors: dup, dup2, dup3, fcntl, and close-on-exec across exec.
 *
 *   dup takes the lowest free number; dup2 onto itself returns it; bad fds: EBADF
 *   dup3 with old == new: EINVAL; dup3(O_CLOEXEC) and F_DUPFD_CLOEXEC set FD_CLOEXEC
 *   duplicates share the position and the status flags (F_SETFL O_APPEND|O_NONBLOCK)
 *   after execve, O_CLOEXEC descriptors are closed and the others stay open
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test_report.h"

/* The exec'd half: argv = {prog, "--after-exec", kept_fd, cloexec_fd}. */
static int after_exec(char** argv) {
  int kept = atoi(argv[2]), gone = atoi(argv[3]);
  if (fcntl(kept, F_GETFD) != 0) return 1;
  if (fcntl(gone, F_GETFD) != -1 || errno != EBADF) return 2;
  return 0;
}

int main(int argc, char** argv) {
  if (argc == 4 && strcmp(argv[1], "--after-exec") == 0) return after_exec(argv);

  int fd = open("/dev/null", O_RDWR);
  test_expect(fd >= 0, "open /dev/null");
  int d = dup(fd);
  test_expect(d > fd, "dup did not return a higher number");
  test_expect(close(d) == 0 && dup(fd) == d, "dup did not take the lowest free number");
  test_expect(dup2(fd, 100) == 100, "dup2 to 100");
  test_expect(dup2(fd, fd) == fd, "dup2 onto itself");
  test_expect_errno(dup2(-1, 5), EBADF, "dup2 from -1");
  test_expect_errno(dup2(fd, -1), EBADF, "dup2 to -1");
  test_expect_errno(dup(1000), EBADF, "dup of a closed fd");
  test_expect_errno(dup3(fd, fd, 0), EINVAL, "dup3 with old == new");
  test_expect(dup3(fd, 101, O_CLOEXEC) == 101 && fcntl(101, F_GETFD) == FD_CLOEXEC,
              "dup3(O_CLOEXEC)");
  test_expect(fcntl(100, F_GETFD) == 0, "dup2 set FD_CLOEXEC");
  int c = fcntl(fd, F_DUPFD_CLOEXEC, 50);
  test_expect(c >= 50 && fcntl(c, F_GETFD) == FD_CLOEXEC, "F_DUPFD_CLOEXEC");
  int e = fcntl(fd, F_DUPFD, 50);
  test_expect(e > 50 && fcntl(e, F_GETFD) == 0, "F_DUPFD");
  test_expect((fcntl(fd, F_GETFL) & O_ACCMODE) == O_RDWR, "F_GETFL access mode");
  test_expect(fcntl(fd, F_SETFL, O_APPEND | O_NONBLOCK) == 0, "F_SETFL");
  int fl = fcntl(100, F_GETFL);
  test_expect((fl & O_APPEND) && (fl & O_NONBLOCK), "status flags are not shared by dup2");
  test_expect(fcntl(fd, F_SETFD, FD_CLOEXEC) == 0 && fcntl(fd, F_GETFD) == FD_CLOEXEC &&
                  fcntl(100, F_GETFD) == 0,
              "FD_CLOEXEC is per descriptor");
  test_expect_errno(fcntl(1000, F_GETFD), EBADF, "F_GETFD of a closed fd");

  /* A shared position. */
  char path[64];
  snprintf(path, sizeof path, "/tmp/dup_fcntl.%d", (int)getpid());
  int f = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
  test_expect(f >= 0 && write(f, "0123456789", 10) == 10, "create the shared file");
  int g = dup(f);
  test_expect(lseek(f, 3, SEEK_SET) == 3 && lseek(g, 0, SEEK_CUR) == 3,
              "dup'd descriptors do not share the position");
  unlink(path);

  /* Close-on-exec across exec. */
  char kept[16], gone[16];
  snprintf(kept, sizeof kept, "%d", 100);
  snprintf(gone, sizeof gone, "%d", 101);
  pid_t pid = fork();
  if (pid == 0) {
    char* args[] = {argv[0], "--after-exec", kept, gone, NULL};
    execv(argv[0], args);
    _exit(3);
  }
  int status;
  test_expect(waitpid(pid, &status, 0) == pid && WIFEXITED(status), "exec child");
  if (WEXITSTATUS(status) != 0)
    test_fail("after exec: %s", WEXITSTATUS(status) == 1   ? "a plain fd was closed"
                                : WEXITSTATUS(status) == 2 ? "an O_CLOEXEC fd survived"
                                                           : "execv failed");
  test_pass();
}
