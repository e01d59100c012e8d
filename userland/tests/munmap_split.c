/* munmap_split.c - unmapping the middle of a region leaves two working halves.
 *
 *   - a 16-page private mapping, filled; munmap of pages 6..9;
 *   - both sides keep their data and stay writable; the hole raises SIGSEGV (a handler
 *     sees the right si_addr) for reads and writes;
 *   - MAP_FIXED over part of the lower half replaces it with fresh zero pages;
 *   - mapping into the hole with MAP_FIXED_NOREPLACE works; over data it is EEXIST.
 */
#include <errno.h>
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>

#include "segv_probe.h"
#include "test_report.h"

#define PAGE 4096

#ifndef MAP_FIXED_NOREPLACE
#define MAP_FIXED_NOREPLACE 0x100000
#endif

int main(void) {
  test_expect(probe_install() == 0, "sigaction");
  char *base = mmap(NULL, 16 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  test_expect(base != MAP_FAILED, "mmap");
  for (int i = 0; i < 16; ++i) base[i * PAGE] = (char)(i + 1);
  test_expect(munmap(base + 6 * PAGE, 4 * PAGE) == 0, "munmap of the middle");
  for (int i = 0; i < 16; ++i) {
    volatile char *p = base + i * PAGE;
    if (i >= 6 && i < 10) {
      if (!probe_read(p)) test_fail("page %d: reading the hole did not fault", i);
      if (probe_addr != (uintptr_t)p)
        test_fail("page %d: si_addr %#lx", i, (unsigned long)probe_addr);
      if (!probe_write(p, 1)) test_fail("page %d: writing the hole did not fault", i);
    } else {
      if (probe_read(p) || *p != (char)(i + 1)) test_fail("page %d lost its data", i);
      if (probe_write(p + 100, 7)) test_fail("page %d is no longer writable", i);
    }
  }
  /* MAP_FIXED over pages 2..3 replaces them with zeros; page 1 and 4 keep their data. */
  char *fixed = mmap(base + 2 * PAGE, 2 * PAGE, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
  test_expect(fixed == base + 2 * PAGE, "mmap(MAP_FIXED)");
  test_expect(base[2 * PAGE] == 0 && base[3 * PAGE] == 0, "MAP_FIXED kept old data");
  test_expect(base[PAGE] == 2 && base[4 * PAGE] == 5, "MAP_FIXED damaged its neighbours");
  /* NOREPLACE: into the hole works, over data does not. */
  char *hole = mmap(base + 6 * PAGE, PAGE, PROT_READ | PROT_WRITE,
                    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
  test_expect(hole == base + 6 * PAGE, "MAP_FIXED_NOREPLACE into the hole");
  test_expect(hole[0] == 0, "a new page in the hole is not zero");
  char *clash =
      mmap(base, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
  test_expect(clash == MAP_FAILED && errno == EEXIST,
              "MAP_FIXED_NOREPLACE over data did not fail with EEXIST");
  test_expect(munmap(base, 16 * PAGE) == 0, "munmap of everything (with holes)");
  if (!probe_read(base + 12 * PAGE)) test_fail("the upper half is still mapped");
  test_pass();
}
