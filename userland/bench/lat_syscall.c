/* lat_syscall.c - the null system call: getppid(2) in a loop, nanoseconds per call.
 *
 * getppid does no work in either kernel, so this is the cost of entering and leaving the
 * kernel (syscall/sysret on x86_64, svc/eret on aarch64) plus the dispatcher. It is
 * called through syscall(2) so that no libc caching can hide the trap.
 */
#include <sys/syscall.h>
#include <unistd.h>

#include "bench.h"

static const char *body(long n) {
  for (long i = 0; i < n; i++)
    if (syscall(SYS_getppid) < 0) return "getppid failed";
  return 0;
}

int main(int argc, char **argv) {
  return bench_main(argc, argv, "lat_syscall", "ns/call", BENCH_NS, 100000, body);
}
