/* mremap.c - growing, shrinking and moving a mapping keeps its data.
 *
 *   - shrink: the tail is gone (SIGSEGV), the head keeps its data;
 *   - grow in place when the pages above are free: same address, old data, new zeros;
 *   - grow with something in the way: ENOMEM without MREMAP_MAYMOVE; with it the
 *     mapping moves, keeps every page's data, and the old address faults;
 *   - a moved MAP_SHARED mapping is still shared with a child forked before the move.
 */
#include <errno.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "segv_probe.h"
#include "test_report.h"

#define PAGE 4096

static int filled(const char *p, int pages, int seed) {
  for (int i = 0; i < pages; ++i)
    if (p[i * PAGE] != (char)(seed + i) || p[i * PAGE + PAGE - 1] != (char)(seed - i)) return 0;
  return 1;
}

static void fill(char *p, int pages, int seed) {
  for (int i = 0; i < pages; ++i) {
    p[i * PAGE] = (char)(seed + i);
    p[i * PAGE + PAGE - 1] = (char)(seed - i);
  }
}

int main(void) {
  test_expect(probe_install() == 0, "sigaction");
  /* Reserve 32 pages so the space above our mapping is known to be free, then carve. */
  char *area = mmap(NULL, 32 * PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  test_expect(area != MAP_FAILED, "mmap reserve");
  test_expect(munmap(area, 32 * PAGE) == 0, "munmap reserve");
  char *p =
      mmap(area, 8 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
  test_expect(p == area, "mmap(MAP_FIXED)");
  fill(p, 8, 10);

  test_expect(mremap(p, 8 * PAGE, 4 * PAGE, 0) == p, "mremap shrink");
  test_expect(filled(p, 4, 10), "shrink lost data");
  if (!probe_read(p + 5 * PAGE)) test_fail("the cut tail is still mapped");

  char *q = mremap(p, 4 * PAGE, 12 * PAGE, 0);
  test_expect(q == p, "mremap grow in place");
  test_expect(filled(p, 4, 10), "growing in place lost data");
  for (int i = 4; i < 12; ++i)
    if (p[i * PAGE] != 0) test_fail("grown page %d is not zero", i);
  fill(p, 12, 30);

  /* Block the page above, then grow. */
  char *wall = mmap(p + 12 * PAGE, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
  test_expect(wall == p + 12 * PAGE, "mmap wall");
  errno = 0;
  test_expect(mremap(p, 12 * PAGE, 20 * PAGE, 0) == MAP_FAILED && errno == ENOMEM,
              "grow without MREMAP_MAYMOVE did not fail with ENOMEM");
  char *m = mremap(p, 12 * PAGE, 20 * PAGE, MREMAP_MAYMOVE);
  test_expect(m != MAP_FAILED, "mremap(MREMAP_MAYMOVE)");
  test_expect(m != p, "MREMAP_MAYMOVE did not move past the wall");
  test_expect(filled(m, 12, 30), "the moved mapping lost data");
  for (int i = 12; i < 20; ++i)
    if (m[i * PAGE] != 0) test_fail("moved grown page %d is not zero", i);
  if (!probe_read(p)) test_fail("the old address is still mapped after the move");
  fill(m, 20, 50);
  test_expect(munmap(m, 20 * PAGE) == 0 && munmap(wall, PAGE) == 0, "munmap");

  /* Shared memory moved after fork stays shared. */
  volatile int *s = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  test_expect(s != MAP_FAILED, "mmap shared");
  s[0] = 0;
  int go[2];
  test_expect(pipe(go) == 0, "pipe");
  pid_t pid = fork();
  test_expect(pid >= 0, "fork");
  if (pid == 0) {
    char c;
    if (read(go[0], &c, 1) != 1) _exit(2);
    _exit(s[0] == 42 ? 0 : 3);
  }
  volatile int *moved = mremap((void *)s, 2 * PAGE, 64 * PAGE, MREMAP_MAYMOVE);
  test_expect(moved != MAP_FAILED, "mremap shared");
  moved[0] = 42;
  test_expect(write(go[1], "x", 1) == 1, "pipe write");
  int status = 0;
  test_expect(waitpid(pid, &status, 0) == pid, "waitpid");
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    test_fail("the child did not see a write through the moved shared mapping (%#x)", status);
  test_pass();
}
