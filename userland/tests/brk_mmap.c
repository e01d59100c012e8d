/* brk_mmap.c - the heap and anonymous mappings.
 *
 * brk grows and shrinks (raw system call: musl's brk() refuses by design); new memory
 * reads as zeros; mmap/munmap/mprotect on anonymous private memory with MAP_FIXED,
 * MAP_FIXED_NOREPLACE and a munmap that splits a mapping in three; a read-only page
 * refuses a kernel write (EFAULT); MADV_DONTNEED gives zeros back; bad arguments EINVAL.
 */
#include <stdint.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "test_report.h"

#ifndef MAP_FIXED_NOREPLACE
#define MAP_FIXED_NOREPLACE 0x100000
#endif

static int all_zero(const unsigned char *p, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (p[i]) return 0;
  return 1;
}

int main(void) {
  long page = sysconf(_SC_PAGESIZE);
  uintptr_t start = (uintptr_t)syscall(SYS_brk, 0);
  test_expect(start != 0, "brk(0) returned 0");
  uintptr_t want = start + 1024 * 1024;
  test_expect((uintptr_t)syscall(SYS_brk, want) == want, "brk did not grow by 1 MiB");
  unsigned char *heap = (unsigned char *)start;
  test_expect(all_zero(heap, 1024 * 1024), "new heap memory is not zero");
  heap[0] = 1;
  heap[1024 * 1024 - 1] = 2;
  test_expect((uintptr_t)syscall(SYS_brk, start + page) == start + page, "brk did not shrink");

  size_t len = 8 * page;
  unsigned char *m = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  test_expect(m != MAP_FAILED, "mmap of 8 pages failed");
  test_expect(all_zero(m, len), "fresh mmap memory is not zero");
  for (size_t i = 0; i < len; i++) m[i] = (unsigned char)(i % 251 + 1);

  /* Punch a hole in the middle: the hole is free again, its neighbours are not. */
  test_expect(munmap(m + 3 * page, 2 * page) == 0, "munmap of the middle failed");
  void *hole = mmap(m + 3 * page, page, PROT_READ | PROT_WRITE,
                    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
  test_expect(hole == m + 3 * page, "MAP_FIXED_NOREPLACE into the hole failed");
  test_expect(all_zero(hole, page), "the re-mapped hole is not zero");
  void *clash = mmap(m + page, page, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE,
                     -1, 0);
  test_expect(clash == MAP_FAILED && errno == EEXIST, "MAP_FIXED_NOREPLACE over a mapping worked");
  test_expect(m[page + 5] == (unsigned char)((page + 5) % 251 + 1), "data before the hole changed");
  test_expect(m[6 * page] == (unsigned char)((6 * page) % 251 + 1), "data after the hole changed");

  /* MAP_FIXED replaces what is there with zeros. */
  void *fixed = mmap(m, page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
  test_expect(fixed == m && all_zero(m, page), "MAP_FIXED did not replace the first page");

  /* Read-only: the kernel may not write there either. */
  test_expect(mprotect(m + page, page, PROT_READ) == 0, "mprotect(PROT_READ) failed");
  test_expect_errno(getrandom(m + page, 16, 0), EFAULT, "getrandom into a read-only page");
  test_expect(mprotect(m + page, page, PROT_READ | PROT_WRITE) == 0, "mprotect back failed");
  test_expect(m[page + 5] == (unsigned char)((page + 5) % 251 + 1), "mprotect lost the data");
  m[page + 5] = 0;

  test_expect(madvise(m + 6 * page, page, MADV_DONTNEED) == 0, "madvise failed");
  test_expect(all_zero(m + 6 * page, page), "MADV_DONTNEED did not give zeros");

  unsigned char *big = mmap(NULL, 64 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                            -1, 0);
  test_expect(big != MAP_FAILED, "mmap of 64 MiB failed");
  big[0] = 1;
  big[(64 << 20) - 1] = 1;
  test_expect(munmap(big, 64 << 20) == 0, "munmap of 64 MiB failed");

  test_expect_errno((long)mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), EINVAL,
                    "mmap of length 0");
  test_expect_errno(munmap(m + 1, page), EINVAL, "munmap of an unaligned address");
  test_expect(munmap(m, len) == 0, "munmap of everything failed");
  test_pass();
}
