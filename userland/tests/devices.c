/* devices.c - the memory devices of devfs.
 *
 *   /dev/null reads end of file and swallows writes; /dev/zero reads zeros
 *   /dev/urandom gives different, not-all-zero bytes on every read; /dev/full: ENOSPC
 *   each is a character device with Linux's numbers (1,3 1,5 1,9 1,7)
 */
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "test_report.h"

static void expect_chr(const char* path, unsigned major_nr, unsigned minor_nr) {
  struct stat st;
  if (stat(path, &st) != 0) test_fail("stat %s: %s", path, strerror(errno));
  if (!S_ISCHR(st.st_mode) || major(st.st_rdev) != major_nr || minor(st.st_rdev) != minor_nr)
    test_fail("%s is not character device %u,%u", path, major_nr, minor_nr);
}

int main(void) {
  expect_chr("/dev/null", 1, 3);
  expect_chr("/dev/zero", 1, 5);
  expect_chr("/dev/full", 1, 7);
  expect_chr("/dev/urandom", 1, 9);

  static char buf[4096];
  int null = open("/dev/null", O_RDWR);
  test_expect(null >= 0, "open /dev/null");
  test_expect(read(null, buf, sizeof buf) == 0, "/dev/null read is not end of file");
  test_expect(write(null, buf, sizeof buf) == sizeof buf, "/dev/null write");
  close(null);

  int zero = open("/dev/zero", O_RDWR);
  test_expect(zero >= 0, "open /dev/zero");
  memset(buf, 0x5a, sizeof buf);
  test_expect(read(zero, buf, sizeof buf) == sizeof buf, "/dev/zero read");
  for (size_t i = 0; i < sizeof buf; ++i) test_expect(buf[i] == 0, "/dev/zero gave a non-zero");
  test_expect(write(zero, buf, 10) == 10, "/dev/zero write");
  close(zero);

  int full = open("/dev/full", O_WRONLY);
  test_expect(full >= 0, "open /dev/full");
  test_expect_errno(write(full, buf, 1), ENOSPC, "write to /dev/full");
  close(full);

  int ur = open("/dev/urandom", O_RDONLY);
  test_expect(ur >= 0, "open /dev/urandom");
  unsigned char a[64], b[64], zeros[64] = {0};
  test_expect(read(ur, a, sizeof a) == sizeof a && read(ur, b, sizeof b) == sizeof b,
              "/dev/urandom read");
  test_expect(memcmp(a, b, sizeof a) != 0, "/dev/urandom repeated itself");
  test_expect(memcmp(a, zeros, sizeof a) != 0, "/dev/urandom gave zeros");
  close(ur);
  test_pass();
}
