/* mmap_fault.c - anonymous page faults: first writes to fresh mmap'd pages, per second.
 *
 * Maps a region of anonymous memory, writes one byte to each page (every write is a
 * demand-zero fault: find the region, allocate and zero a page, map it) and unmaps it,
 * in chunks of 256 pages. The figure is faults per second, mmap/munmap included.
 */
#include <sys/mman.h>
#include <unistd.h>

#include "bench.h"

enum { kChunkPages = 256 };

static const char *body(long n) {
  long page = sysconf(_SC_PAGESIZE);
  for (long done = 0; done < n; done += kChunkPages) {
    long pages = n - done < kChunkPages ? n - done : kChunkPages;
    char *p = mmap(0, (size_t)(pages * page), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                   -1, 0);
    if (p == MAP_FAILED) return "mmap failed";
    for (long i = 0; i < pages; i++) p[i * page] = (char)i;
    for (long i = 0; i < pages; i++)
      if (p[i * page] != (char)i) return "page lost its contents";
    if (munmap(p, (size_t)(pages * page)) != 0) return "munmap failed";
  }
  return 0;
}

int main(int argc, char **argv) {
  return bench_main(argc, argv, "mmap_fault", "faults/s", BENCH_PER_SECOND, 16384, body);
}
