/* bad_pointers.c - every kind of bad user pointer gives EFAULT, and the kernel lives on.
 *
 * The system calls are made raw (syscall()), so that libc or a vDSO cannot touch the
 * pointer first: the kernel's copy_from_user/copy_to_user must refuse
 *   NULL, a kernel address (mapped, kernel-only), a non-canonical address, memory that
 *   was unmapped, a range that runs off the end of a mapping, and a read-only page for
 *   a write,
 * for both directions (write reads user memory; clock_gettime, uname, getrandom write it).
 */
#include <stdint.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "test_report.h"

#define KERNEL_ADDRESS 0xffffffff80000000ul
#define NONCANONICAL 0x0000800000000000ul

int main(int argc, char **argv) {
  (void)argc;
  long page = sysconf(_SC_PAGESIZE);
  /* The read-only page first: a later mmap could land in the hole punched below. */
  char *ro = mmap(NULL, page, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  test_expect(ro != MAP_FAILED, "mmap read-only");
  char *m = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  test_expect(m != MAP_FAILED, "mmap");
  test_expect(munmap(m + page, page) == 0, "munmap of the second page");
  char *unmapped = m + page;

  const uintptr_t bad_reads[] = {0, KERNEL_ADDRESS, NONCANONICAL, (uintptr_t)unmapped};
  for (unsigned i = 0; i < sizeof bad_reads / sizeof bad_reads[0]; i++)
    test_expect_errno(syscall(SYS_write, 1, bad_reads[i], 1), EFAULT, "write from a bad pointer");
  /* A result that starts in mapped memory and runs into the hole. */
  test_expect_errno(syscall(SYS_clock_gettime, CLOCK_MONOTONIC, unmapped - 8), EFAULT,
                    "clock_gettime across into a hole");

  const uintptr_t bad_writes[] = {0, KERNEL_ADDRESS, NONCANONICAL, (uintptr_t)unmapped,
                                  (uintptr_t)ro};
  for (unsigned i = 0; i < sizeof bad_writes / sizeof bad_writes[0]; i++) {
    test_expect_errno(syscall(SYS_clock_gettime, CLOCK_MONOTONIC, bad_writes[i]), EFAULT,
                      "clock_gettime into a bad pointer");
    test_expect_errno(syscall(SYS_uname, bad_writes[i]), EFAULT, "uname into a bad pointer");
    test_expect_errno(syscall(SYS_getrandom, bad_writes[i], 8, 0), EFAULT,
                      "getrandom into a bad pointer");
  }
  /* A path and an argv that point nowhere. */
  test_expect_errno(syscall(SYS_execve, KERNEL_ADDRESS, NULL, NULL), EFAULT, "execve(kernel path)");
  char *argv_bad[] = {(char *)KERNEL_ADDRESS, NULL};
  test_expect_errno(syscall(SYS_execve, argv[0], argv_bad, NULL), EFAULT,
                    "execve(argv with a kernel pointer)");
  /* Still alive, and good pointers still work. */
  struct timespec t;
  test_expect(syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &t) == 0, "clock_gettime after all that");
  test_pass();
}
