/* bench_all.c - runs the benchmark programs one after another; Linux's /init too.
 *
 *   bench_all [program[:iterations] [args...] [-- program[:iterations] [args...]] ...]
 *
 * With no arguments it runs every /bench/<name>_static with its default iterations.
 * `program:N` is short for `program N 1` (N iterations, one round): the smoke tests use
 * it, because a kernel command line passes init only so many words.
 * Each program inherits stdout, so its lines reach the console as it prints them. A
 * program that fails does not stop the others (a kernel may lack one system call); at the
 * end it prints "bench_all: PASS", or FAIL naming the programs that failed.
 *
 * The same static binary serves both kernels of `make bench`: on SeaOS it runs under
 * `/sbin/init --exit-after`, which powers off when it returns; in the Linux initramfs it
 * is /init itself (process 1), mounts nothing, and powers off with reboot(RB_POWER_OFF).
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/reboot.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static const char *const kDefault[] = {"/bench/lat_syscall_static", "/bench/lat_fork_static",
                                       "/bench/lat_thread_static", "/bench/lat_pipe_static",
                                       "/bench/mmap_fault_static"};

extern char **environ;

/* Runs argv[0] with argv, waits; returns 0 if it exited with status 0. */
static int run(char **argv) {
  pid_t pid = fork();
  if (pid < 0) return -1;
  if (pid == 0) {
    execve(argv[0], argv, environ); /* SEAOS_NONCE passes down */
    printf("bench_all: cannot execute %s\n", argv[0]);
    _exit(127);
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
  }
  return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

static char failed[512]; /* names of the programs that failed, space-separated */

/* Runs one program and notes it in `failed` if it fails. */
static void run_noting(char **argv) {
  char *colon = strrchr(argv[0], ':');
  char *short_form[] = {argv[0], colon + 1, "1", 0};
  if (colon && !argv[1]) {
    *colon = 0;
    argv = short_form;
  }
  if (run(argv) == 0) return;
  size_t used = strlen(failed);
  snprintf(failed + used, sizeof failed - used, "%s%s", used ? " " : "", argv[0]);
}

static void finish(void) {
  int ok = failed[0] == 0;
  const char *nonce = getenv("SEAOS_NONCE");
  if (nonce && *nonce) printf("[%s] ", nonce);
  if (ok) printf("bench_all: PASS\n");
  else printf("bench_all: FAIL %s\n", failed);
  if (getpid() == 1) { /* Linux's /init: nobody else will turn the machine off */
    sync();
    reboot(RB_POWER_OFF);
  }
  _exit(ok ? 0 : 1);
}

int main(int argc, char **argv) {
  if (fcntl(1, F_GETFD) < 0) { /* no console from the kernel: open it ourselves */
    int fd = open("/dev/console", O_RDWR);
    if (fd >= 0) {
      dup2(fd, 0), dup2(fd, 1), dup2(fd, 2);
    }
  }
  setvbuf(stdout, NULL, _IONBF, 0);
  struct timespec up;
  clock_gettime(CLOCK_MONOTONIC, &up);
  printf("bench_all: start at %ld.%03ld s after boot\n", (long)up.tv_sec, up.tv_nsec / 1000000);
  if (argc <= 1) {
    for (size_t i = 0; i < sizeof kDefault / sizeof kDefault[0]; i++) {
      char *args[] = {(char *)kDefault[i], 0};
      run_noting(args);
    }
    finish();
  }
  /* Programs separated by "--". */
  int i = 1;
  while (i < argc) {
    int start = i;
    while (i < argc && strcmp(argv[i], "--") != 0) i++;
    argv[i < argc ? i : argc] = 0;
    if (i > start) run_noting(&argv[start]);
    i++;
  }
  finish();
}
