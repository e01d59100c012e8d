/* dirs.c - directories and names: mkdir, getdents64, rename, rmdir, symlinks.
 *
 *   mkdir twice: EEXIST; getdents64 lists ".", "..", and each entry once
 *   rename moves a file between directories; the old name is gone (ENOENT)
 *   rmdir of a non-empty directory: ENOTEMPTY; of a symlink: ENOTDIR
 *   symlink/readlink round trip; stat follows a link, lstat does not
 *   a symlink loop: ELOOP; getcwd after chdir
 */
#include <dirent.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "test_report.h"

struct dirent64_raw {
  uint64_t ino;
  int64_t off;
  unsigned short reclen;
  unsigned char type;
  char name[];
};

/* Lists `path` with getdents64; returns a bitmask of which of `names` were seen, and
 * fails on a duplicate or an unknown name. */
static unsigned list(const char* path, const char* const* names, int n) {
  int fd = open(path, O_RDONLY | O_DIRECTORY);
  test_expect(fd >= 0, "open O_DIRECTORY failed");
  char buf[256];  /* small, so several calls are needed */
  unsigned seen = 0;
  for (;;) {
    long got = syscall(SYS_getdents64, fd, buf, sizeof buf);
    test_expect(got >= 0, "getdents64 failed");
    if (got == 0) break;
    for (long at = 0; at < got;) {
      struct dirent64_raw* d = (struct dirent64_raw*)(buf + at);
      int i = 0;
      while (i < n && strcmp(names[i], d->name) != 0) ++i;
      if (i == n) test_fail("getdents64: unexpected entry '%s'", d->name);
      if (seen & (1u << i)) test_fail("getdents64: '%s' listed twice", d->name);
      seen |= 1u << i;
      at += d->reclen;
    }
  }
  close(fd);
  return seen;
}

int main(void) {
  char dir[64], cwd[128];
  snprintf(dir, sizeof dir, "/tmp/dirs.%d", (int)getpid());
  test_expect(mkdir(dir, 0755) == 0, "mkdir failed");
  test_expect_errno(mkdir(dir, 0755), EEXIST, "mkdir of an existing directory");
  test_expect(chdir(dir) == 0, "chdir failed");
  test_expect(getcwd(cwd, sizeof cwd) && strcmp(cwd, dir) == 0, "getcwd after chdir");
  test_expect(mkdir("a", 0755) == 0 && mkdir("b", 0755) == 0, "mkdir a, b");
  int fd = open("f", O_WRONLY | O_CREAT, 0644);
  test_expect(fd >= 0 && write(fd, "data", 4) == 4, "create f");
  close(fd);

  static const char* const names[] = {".", "..", "a", "b", "f"};
  test_expect(list(".", names, 5) == 0x1f, "getdents64 missed an entry");

  test_expect(rename("f", "a/g") == 0, "rename f -> a/g");
  struct stat st;
  test_expect_errno(stat("f", &st), ENOENT, "stat of the old name");
  test_expect(stat("a/g", &st) == 0 && st.st_size == 4, "stat of the new name");
  test_expect_errno(rmdir("a"), ENOTEMPTY, "rmdir of a non-empty directory");
  test_expect_errno(mkdir("a/g/x", 0755), ENOTDIR, "mkdir under a file");
  test_expect(unlink("a/g") == 0 && rmdir("a") == 0, "unlink a/g, rmdir a");

  test_expect(symlink("b", "link") == 0, "symlink failed");
  char target[64] = {0};
  test_expect(readlink("link", target, sizeof target) == 1 && target[0] == 'b', "readlink");
  test_expect(stat("link", &st) == 0 && S_ISDIR(st.st_mode), "stat does not follow the link");
  test_expect(lstat("link", &st) == 0 && S_ISLNK(st.st_mode), "lstat followed the link");
  test_expect_errno(readlink("b", target, sizeof target), EINVAL, "readlink of a directory");
  test_expect_errno(rmdir("link"), ENOTDIR, "rmdir of a symlink");
  test_expect(symlink("loop1", "loop2") == 0 && symlink("loop2", "loop1") == 0, "loop links");
  test_expect_errno(open("loop1", O_RDONLY), ELOOP, "open of a symlink loop");
  test_expect_errno(open("link", O_RDONLY | O_NOFOLLOW), ELOOP, "O_NOFOLLOW on a symlink");

  test_expect(rename("b", "c") == 0, "rename of a directory");
  test_expect(mkdir("c/d", 0755) == 0, "mkdir c/d");
  test_expect_errno(rename("c", "c/d/e"), EINVAL, "rename into its own subtree");
  test_expect(rmdir("c/d") == 0 && rmdir("c") == 0, "rmdir c/d, c");
  test_expect(unlink("link") == 0 && unlink("loop1") == 0 && unlink("loop2") == 0, "unlinks");
  test_expect(chdir("..") == 0 && rmdir(dir) == 0, "cleanup");
  test_expect_errno(chdir(dir), ENOENT, "chdir to a removed directory");
  test_pass();
}
