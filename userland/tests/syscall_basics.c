/* syscall_basics.c - the first system calls and the errors bad arguments must give.
 *
 * getpid/getppid answer, musl does not cache getpid (it agrees with a raw syscall), and
 * the kernel turns bad input into the Linux errno instead of crashing:
 *   a bad file descriptor          -> EBADF   (read and write; -1 and a large unused fd)
 *   a NULL or kernel-half buffer   -> EFAULT  (write to stdout: the kernel must copy
 *                                             from the user pointer before writing)
 *   an unknown system call number  -> ENOSYS
 * On Linux, run it with stdout on a terminal, pipe or file: /dev/null accepts any
 * buffer without reading it, so the EFAULT checks cannot fail there.
 */
#include <sys/syscall.h>
#include <unistd.h>

#include "test_report.h"

/* SeaOS maps its kernel image here on both architectures (arch/include/contract/
 * layout.hh): a mapped, kernel-only address, the best case for a bad user pointer. */
#define KERNEL_IMAGE_ADDRESS 0xffffffff80000000ul

int main(void) {
  pid_t pid = getpid();
  test_expect(pid > 0, "getpid() <= 0");
  test_expect(syscall(SYS_getpid) == pid, "getpid() disagrees with syscall(SYS_getpid)");
  test_expect(getppid() >= 0, "getppid() < 0"); /* 0 when we are the first process */

  char byte = 0;
  test_expect_errno(write(-1, "x", 1), EBADF, "write(-1, ...)");
  test_expect_errno(write(1000, "x", 1), EBADF, "write(1000, ...)");
  test_expect_errno(read(-1, &byte, 1), EBADF, "read(-1, ...)");
  test_expect_errno(read(1000, &byte, 1), EBADF, "read(1000, ...)");

  /* volatile: the compiler must not reason about (or warn on) a write from NULL. */
  const void *volatile null_buffer = NULL;
  const void *volatile kernel_buffer = (const void *)KERNEL_IMAGE_ADDRESS;
  test_expect_errno(write(1, null_buffer, 1), EFAULT, "write(1, NULL, 1)");
  test_expect_errno(write(1, kernel_buffer, 1), EFAULT, "write(1, <kernel address>, 1)");

  test_expect_errno(syscall(99999), ENOSYS, "syscall(99999)");
  test_pass();
}
