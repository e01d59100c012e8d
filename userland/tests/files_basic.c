/* files_basic.c - regular files through the VFS: open flags, read/write, positions.
 *
 *   O_CREAT|O_EXCL creates once, then EEXIST; the mode is masked by the umask
 *   write/read/lseek share one position; pread/pwrite leave it alone
 *   a write past the end leaves a hole that reads as zeros
 *   O_APPEND writes at the end whatever the position; O_TRUNC empties the file
 *   reading a write-only fd and writing a read-only fd: EBADF
 *   ENOENT, ENOTDIR, EISDIR, ENAMETOOLONG, EINVAL (negative seek), EBADF (double close)
 *   an unlinked file stays readable through an open descriptor (nlink 0)
 */
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "test_report.h"

static char dir[64];

int main(void) {
  umask(022);
  snprintf(dir, sizeof dir, "/tmp/files_basic.%d", (int)getpid());
  test_expect(mkdir(dir, 0755) == 0, "mkdir of the test directory failed");
  test_expect(chdir(dir) == 0, "chdir failed");

  int fd = open("f", O_RDWR | O_CREAT | O_EXCL, 0666);
  test_expect(fd >= 0, "open(O_CREAT|O_EXCL) failed");
  test_expect_errno(open("f", O_RDWR | O_CREAT | O_EXCL, 0666), EEXIST, "second O_EXCL open");
  test_expect(write(fd, "hello world", 11) == 11, "write of 11 bytes");
  test_expect(lseek(fd, 0, SEEK_CUR) == 11, "position after write is not 11");
  test_expect(lseek(fd, 0, SEEK_SET) == 0, "lseek SEEK_SET 0");
  char buf[64] = {0};
  test_expect(read(fd, buf, 5) == 5 && memcmp(buf, "hello", 5) == 0, "read back 'hello'");
  test_expect(pread(fd, buf, 5, 6) == 5 && memcmp(buf, "world", 5) == 0, "pread 'world'");
  test_expect(lseek(fd, 0, SEEK_CUR) == 5, "pread moved the position");
  test_expect(pwrite(fd, "W", 1, 6) == 1, "pwrite");
  test_expect(pread(fd, buf, 11, 0) == 11 && memcmp(buf, "hello World", 11) == 0,
              "pwrite did not land at offset 6");
  test_expect(lseek(fd, 0, SEEK_CUR) == 5, "pwrite moved the position");
  test_expect_errno(lseek(fd, -1, SEEK_SET), EINVAL, "lseek to -1");

  struct stat st;
  test_expect(fstat(fd, &st) == 0, "fstat failed");
  test_expect(S_ISREG(st.st_mode) && (st.st_mode & 0777) == 0644, "mode is not regular 0644");
  test_expect(st.st_size == 11 && st.st_nlink == 1, "size 11 / nlink 1 expected");

  /* A hole: write at 100, bytes 11..99 read as zeros. */
  test_expect(lseek(fd, 100, SEEK_SET) == 100 && write(fd, "!", 1) == 1, "write at 100");
  test_expect(fstat(fd, &st) == 0 && st.st_size == 101, "size after the hole is not 101");
  test_expect(pread(fd, buf, 20, 50) == 20, "pread in the hole");
  for (int i = 0; i < 20; ++i) test_expect(buf[i] == 0, "a hole did not read as zeros");
  test_expect(lseek(fd, 0, SEEK_END) == 101, "SEEK_END");
  test_expect(read(fd, buf, 10) == 0, "read at the end is not 0");

  /* O_APPEND: the position does not matter. */
  int ap = open("f", O_WRONLY | O_APPEND);
  test_expect(ap >= 0, "open O_APPEND failed");
  test_expect(lseek(ap, 0, SEEK_SET) == 0 && write(ap, "X", 1) == 1, "append write");
  test_expect(fstat(fd, &st) == 0 && st.st_size == 102, "O_APPEND did not write at the end");
  test_expect(pread(fd, buf, 1, 101) == 1 && buf[0] == 'X', "appended byte not at 101");
  test_expect_errno(read(ap, buf, 1), EBADF, "read on a write-only fd");
  close(ap);

  int ro = open("f", O_RDONLY);
  test_expect(ro >= 0, "open O_RDONLY failed");
  test_expect_errno(write(ro, "x", 1), EBADF, "write on a read-only fd");
  close(ro);

  int tr = open("f", O_WRONLY | O_TRUNC);
  test_expect(tr >= 0 && fstat(tr, &st) == 0 && st.st_size == 0, "O_TRUNC did not empty");
  close(tr);

  test_expect_errno(open("missing", O_RDONLY), ENOENT, "open of a missing file");
  test_expect_errno(open("f/x", O_RDONLY), ENOTDIR, "open through a regular file");
  test_expect_errno(open(".", O_WRONLY), EISDIR, "open a directory for writing");
  char longname[300];
  memset(longname, 'a', sizeof longname - 1);
  longname[sizeof longname - 1] = '\0';
  test_expect_errno(open(longname, O_RDONLY | O_CREAT, 0644), ENAMETOOLONG, "300-byte name");

  /* Unlinked but open. */
  test_expect(pwrite(fd, "still", 5, 0) == 5, "pwrite after truncate");
  test_expect(unlink("f") == 0, "unlink failed");
  test_expect_errno(unlink("f"), ENOENT, "second unlink");
  test_expect(fstat(fd, &st) == 0 && st.st_nlink == 0, "nlink of an unlinked file is not 0");
  test_expect(pread(fd, buf, 5, 0) == 5 && memcmp(buf, "still", 5) == 0,
              "an unlinked open file lost its data");
  test_expect(close(fd) == 0, "close failed");
  test_expect_errno(close(fd), EBADF, "double close");

  test_expect(chdir("/") == 0 && rmdir(dir) == 0, "cleanup failed");
  test_pass();
}
