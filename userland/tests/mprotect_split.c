/* mprotect_split.c - mprotect of one page in the middle of a region.
 *
 *   - an 8-page read/write mapping, filled; PROT_READ on page 3;
 *   - writing page 3 raises SIGSEGV (si_addr right), reading it gives the data;
 *   - every other page stays writable;
 *   - after fork the child sees the same protection; PROT_READ|PROT_WRITE again makes
 *     page 3 writable with its data; PROT_NONE makes even reading fault.
 */
#include <stdint.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "segv_probe.h"
#include "test_report.h"

#define PAGE 4096

int main(void) {
  test_expect(probe_install() == 0, "sigaction");
  char *base = mmap(NULL, 8 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  test_expect(base != MAP_FAILED, "mmap");
  for (int i = 0; i < 8; ++i) base[i * PAGE] = (char)(i + 1);
  test_expect(mprotect(base + 3 * PAGE, PAGE, PROT_READ) == 0, "mprotect(PROT_READ)");
  for (int i = 0; i < 8; ++i) {
    volatile char *p = base + i * PAGE + 8;
    int faulted = probe_write(p, 9);
    if (i == 3) {
      if (!faulted) test_fail("a write to the read-only page did not fault");
      if (probe_addr != (uintptr_t)p) test_fail("si_addr %#lx", (unsigned long)probe_addr);
      if (probe_read(base + 3 * PAGE) || base[3 * PAGE] != 4)
        test_fail("the read-only page lost its data");
    } else if (faulted) {
      test_fail("page %d faulted on write", i);
    }
  }
  pid_t pid = fork();
  test_expect(pid >= 0, "fork");
  if (pid == 0) {
    if (!probe_write(base + 3 * PAGE, 1)) _exit(2);
    if (probe_write(base + 4 * PAGE, 1)) _exit(3);
    _exit(0);
  }
  int status = 0;
  test_expect(waitpid(pid, &status, 0) == pid, "waitpid");
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) test_fail("child: status %#x", status);
  test_expect(base[4 * PAGE] == 5, "the child's write reached the parent");

  test_expect(mprotect(base + 3 * PAGE, PAGE, PROT_READ | PROT_WRITE) == 0, "mprotect(RW)");
  if (probe_write(base + 3 * PAGE + 1, 5)) test_fail("page 3 still read-only");
  test_expect(base[3 * PAGE] == 4, "page 3 lost its data");
  test_expect(mprotect(base + 5 * PAGE, 2 * PAGE, PROT_NONE) == 0, "mprotect(PROT_NONE)");
  if (!probe_read(base + 6 * PAGE)) test_fail("reading PROT_NONE did not fault");
  if (probe_read(base + 7 * PAGE) || base[7 * PAGE] != 8) test_fail("page 7 damaged");
  test_expect(mprotect(base + 5 * PAGE, 2 * PAGE, PROT_READ) == 0, "mprotect back");
  test_expect(base[6 * PAGE] == 7, "PROT_NONE lost the data");
  test_expect(munmap(base, 8 * PAGE) == 0, "munmap");
  test_pass();
}
