/* segv_probe.h - "does touching this address fault?" for the mmap tests.
 *
 * probe_read(p) / probe_write(p) return 1 when the access raised SIGSEGV (caught by a
 * SA_SIGINFO handler that records si_addr and siglongjmps back) and 0 when it worked.
 * probe_addr holds the faulting address the kernel reported.
 */
#ifndef SEAOS_SEGV_PROBE_H
#define SEAOS_SEGV_PROBE_H

#include <setjmp.h>
#include <signal.h>
#include <stdint.h>

static sigjmp_buf probe_env;
static volatile uintptr_t probe_addr;

static void probe_handler(int sig, siginfo_t *info, void *uc) {
  (void)sig;
  (void)uc;
  probe_addr = (uintptr_t)info->si_addr;
  siglongjmp(probe_env, 1);
}

static inline int probe_install(void) {
  struct sigaction sa = {0};
  sa.sa_sigaction = probe_handler;
  sa.sa_flags = SA_SIGINFO | SA_NODEFER;
  return sigaction(SIGSEGV, &sa, NULL);
}

static inline int probe_read(volatile char *p) {
  probe_addr = 0;
  if (sigsetjmp(probe_env, 1) == 0) {
    (void)*p;
    return 0;
  }
  return 1;
}

static inline int probe_write(volatile char *p, char v) {
  probe_addr = 0;
  if (sigsetjmp(probe_env, 1) == 0) {
    *p = v;
    return 0;
  }
  return 1;
}

#endif
