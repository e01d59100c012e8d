/* getpid_family.c - who am I: pids, tids, process groups, sessions, ids, umask, uname.
 *
 * In the main thread gettid() == getpid(); a child sees its parent in getppid(), starts
 * in its parent's process group and session, can make itself a group leader
 * (setpgid(0, 0)) and, not being a group leader before, a session leader (setsid);
 * a group leader cannot setsid (EPERM). The uid/gid calls agree with their
 * effective/real counterparts, umask returns the previous mask, and uname names this
 * architecture.
 */
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test_report.h"

#if defined(__x86_64__)
#define MACHINE "x86_64"
#else
#define MACHINE "aarch64"
#endif

int main(void) {
  pid_t pid = getpid();
  test_expect(syscall(SYS_gettid) == pid, "gettid() != getpid() in the main thread");
  test_expect(getpgid(0) == getpgrp(), "getpgid(0) != getpgrp()");
  test_expect(getsid(0) == getsid(pid), "getsid(0) != getsid(getpid())");
  test_expect_errno(getpgid(999999), ESRCH, "getpgid of no such process");

  pid_t child = fork();
  if (child == 0) {
    if (getppid() != pid) _exit(10);
    if (getpgrp() != getpgid(pid) || getsid(0) != getsid(pid)) _exit(11);
    if (setpgid(0, 0) != 0 || getpgrp() != getpid()) _exit(12);
    if (setsid() != -1 || errno != EPERM) _exit(13);  /* now a group leader */
    pid_t grandchild = fork();
    if (grandchild == 0) {
      if (setsid() != getpid() || getsid(0) != getpid() || getpgrp() != getpid()) _exit(14);
      _exit(0);
    }
    int st = 0;
    if (waitpid(grandchild, &st, 0) != grandchild || !WIFEXITED(st)) _exit(15);
    _exit(WEXITSTATUS(st));
  }
  int status = 0;
  test_expect(waitpid(child, &status, 0) == child, "waitpid");
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    test_fail("child check %d failed", WEXITSTATUS(status));

  test_expect(getuid() == (uid_t)syscall(SYS_getuid), "getuid disagrees with the raw call");
  uid_t r, e, s;
  test_expect(getresuid(&r, &e, &s) == 0 && r == getuid() && e == geteuid(), "getresuid");
  gid_t gr, ge, gs;
  test_expect(getresgid(&gr, &ge, &gs) == 0 && gr == getgid() && ge == getegid(), "getresgid");

  mode_t old = umask(027);
  test_expect(umask(old) == 027, "umask did not return the mask set before");

  struct utsname u;
  test_expect(uname(&u) == 0, "uname");
  test_expect(u.sysname[0] != 0 && u.release[0] != 0, "uname: empty sysname or release");
  if (strcmp(u.machine, MACHINE) != 0) test_fail("uname machine '%s', want '%s'", u.machine, MACHINE);
  test_pass();
}
