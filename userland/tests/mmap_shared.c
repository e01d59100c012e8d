/* mmap_shared.c - MAP_SHARED|MAP_ANONYMOUS memory is one set of pages across fork.
 *
 *   - populated up front (MAP_POPULATE), which must change nothing visible;
 *   - the child sees what the parent wrote before the fork, and the parent sees what
 *     the child writes (many pages, a handshake through the shared memory itself);
 *   - the parent's later writes reach the child too;
 *   - a private mapping next to it stays private;
 *   - MADV_DONTNEED on shared memory keeps the data (private memory reads zeros again).
 */
#include <sched.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test_report.h"

#define PAGE 4096
#define PAGES 32

int main(void) {
  size_t size = PAGES * PAGE;
  volatile unsigned char *shared =
      mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
  test_expect(shared != MAP_FAILED, "mmap(MAP_SHARED|MAP_ANONYMOUS)");
  volatile unsigned char *private =
      mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  test_expect(private != MAP_FAILED, "mmap(MAP_PRIVATE)");
  for (size_t i = 0; i < PAGES; ++i) shared[i * PAGE + 1] = (unsigned char)i;
  private[0] = 1;
  volatile int *flag = (volatile int *)shared; /* byte 0..3 of page 0: the handshake */
  *flag = 0;

  pid_t pid = fork();
  test_expect(pid >= 0, "fork");
  if (pid == 0) {
    for (size_t i = 1; i < PAGES; ++i)
      if (shared[i * PAGE + 1] != (unsigned char)i) _exit(2);
    for (size_t i = 1; i < PAGES; ++i) shared[i * PAGE + 2] = (unsigned char)(i + 100);
    private[0] = 2;
    __atomic_store_n(flag, 1, __ATOMIC_SEQ_CST);
    /* Wait for the parent's answer through the same memory. */
    for (long spins = 0; __atomic_load_n(flag, __ATOMIC_SEQ_CST) != 2; ++spins) {
      if (spins > 20000000L) _exit(3);
      sched_yield();
    }
    if (shared[PAGE * 5 + 3] != 0x5a) _exit(4);
    _exit(0);
  }
  for (long spins = 0; __atomic_load_n(flag, __ATOMIC_SEQ_CST) != 1; ++spins) {
    if (spins > 20000000L) test_fail("the child's flag never arrived");
    sched_yield();
  }
  for (size_t i = 1; i < PAGES; ++i)
    if (shared[i * PAGE + 2] != (unsigned char)(i + 100))
      test_fail("page %zu: the child's write is not visible in the parent", i);
  test_expect(private[0] == 1, "a private page changed under the parent");
  shared[PAGE * 5 + 3] = 0x5a;
  __atomic_store_n(flag, 2, __ATOMIC_SEQ_CST);
  int status = 0;
  test_expect(waitpid(pid, &status, 0) == pid, "waitpid");
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) test_fail("child: status %#x", status);

  /* MADV_DONTNEED: shared memory keeps its data, private memory is zero again. */
  test_expect(madvise((void *)shared, size, MADV_DONTNEED) == 0, "madvise(shared)");
  test_expect(shared[PAGE * 5 + 3] == 0x5a, "MADV_DONTNEED lost shared data");
  test_expect(madvise((void *)private, PAGE, MADV_DONTNEED) == 0, "madvise(private)");
  test_expect(private[0] == 0, "MADV_DONTNEED on private memory did not zero it");
  test_expect(munmap((void *)shared, size) == 0, "munmap");
  test_pass();
}
