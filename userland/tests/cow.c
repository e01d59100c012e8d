/* cow.c - copy-on-write after fork: each side keeps its own copy of private memory.
 *
 *   - a private anonymous mapping of many pages, a static array and the heap, filled by
 *     the parent, then fork;
 *   - the child checks it sees the parent's data, overwrites everything and exits;
 *   - the parent checks its data is untouched, then writes itself and the child (run
 *     again) still sees the values from before the fork;
 *   - the child of a child: a third generation writes and nobody else sees it.
 */
#include <stdint.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test_report.h"

#define PAGES 256
#define PAGE 4096

static unsigned char data_page[3 * PAGE] = {1};

static int child_status(pid_t pid) {
  int status = 0;
  if (waitpid(pid, &status, 0) != pid) return -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 100 + WTERMSIG(status);
}

static int check(const unsigned char *p, size_t n, unsigned char seed) {
  for (size_t i = 0; i < n; i += 64)
    if (p[i] != (unsigned char)(seed + i / PAGE)) return 0;
  return 1;
}

static void fill(unsigned char *p, size_t n, unsigned char seed) {
  for (size_t i = 0; i < n; i += 64) p[i] = (unsigned char)(seed + i / PAGE);
}

int main(void) {
  size_t size = (size_t)PAGES * PAGE;
  unsigned char *anon =
      mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  test_expect(anon != MAP_FAILED, "mmap");
  unsigned char *heap = malloc(64 * 1024);
  test_expect(heap != NULL, "malloc");
  fill(anon, size, 10);
  fill(data_page, sizeof data_page, 20);
  fill(heap, 64 * 1024, 30);

  pid_t pid = fork();
  test_expect(pid >= 0, "fork");
  if (pid == 0) {
    if (!check(anon, size, 10) || !check(data_page, sizeof data_page, 20) ||
        !check(heap, 64 * 1024, 30))
      _exit(2);
    fill(anon, size, 50);
    fill(data_page, sizeof data_page, 60);
    fill(heap, 64 * 1024, 70);
    if (!check(anon, size, 50) || !check(heap, 64 * 1024, 70)) _exit(3);
    _exit(0);
  }
  int st = child_status(pid);
  if (st != 0) test_fail("first child: status %d", st);
  test_expect(check(anon, size, 10), "the child's writes to mmap memory reached the parent");
  test_expect(check(data_page, sizeof data_page, 20),
              "the child's writes to .data reached the parent");
  test_expect(check(heap, 64 * 1024, 30), "the child's writes to the heap reached the parent");

  /* The parent writes while a child still shares the pages: the child keeps the old data. */
  int go[2];
  test_expect(pipe(go) == 0, "pipe");
  pid = fork();
  test_expect(pid >= 0, "fork 2");
  if (pid == 0) {
    char c;
    close(go[1]);
    if (read(go[0], &c, 1) != 1) _exit(4);
    if (!check(anon, size, 10) || !check(data_page, sizeof data_page, 20)) _exit(5);
    /* A grandchild writes; this child must not see it. */
    pid_t g = fork();
    if (g < 0) _exit(6);
    if (g == 0) {
      fill(anon, size, 90);
      _exit(check(anon, size, 90) ? 0 : 7);
    }
    if (child_status(g) != 0) _exit(8);
    _exit(check(anon, size, 10) ? 0 : 9);
  }
  close(go[0]);
  fill(anon, size, 80);
  fill(data_page, sizeof data_page, 81);
  test_expect(write(go[1], "x", 1) == 1, "write to the pipe");
  st = child_status(pid);
  if (st != 0) test_fail("second child: status %d", st);
  test_expect(check(anon, size, 80), "the parent lost its own writes");
  test_expect(munmap(anon, size) == 0, "munmap");
  test_pass();
}
