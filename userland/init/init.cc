// init.cc - process 1: the console, the first program, orphans, and power-off.
//
// The kernel starts init (/sbin/init, or what init= names on its command line) as the
// first process, passing the rest of that command line as arguments:
//
//   init [--exit-after] [program [args...]]       the program defaults to /bin/sh
//
// 1. If the kernel gave it no stdin/stdout/stderr, init opens /dev/console for the
//    missing ones, so that its own messages and its children's output go somewhere.
// 2. It starts the program in a session of its own, with the console as controlling
//    terminal when the kernel allows it, so that a shell can do job control.
// 3. It waits. Every process whose parent dies is handed to process 1, so init's wait()
//    also reaps those orphans; nobody else would, and they would stay zombies.
// 4. When the program exits: with --exit-after, init syncs and powers the machine off
//    (the boot-test runner boots once per test that way); without, it starts the
//    program again, at most once a second, as a getty does on a console.
//
// Run as any other process (a test on a Linux host), init never powers off: with
// --exit-after it exits with the program's status instead, and it takes no console.
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/reboot.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <span>
#include <string_view>

namespace {

constexpr const char* kConsole = "/dev/console";
constexpr const char* kDefaultProgram = "/bin/sh";
// The wait status of a child that called exit(127), what a shell reports for "cannot run".
constexpr int kCouldNotRunStatus = 127 << 8;

bool is_open(int fd) { return fcntl(fd, F_GETFD) != -1; }

// Fills each missing fd among 0, 1, 2 with the console. open() returns the lowest free
// fd, and we go upwards, so it lands exactly on the missing one. O_NOCTTY: the console
// is the program's controlling terminal, never init's (^C must not reach process 1).
void open_missing_stdio() {
  for (int fd = 0; fd <= 2; fd++) {
    if (is_open(fd)) continue;
    if (open(kConsole, O_RDWR | O_NOCTTY) < 0) return;  // nothing to report to
  }
}

double seconds_now() {
  timespec now{};
  clock_gettime(CLOCK_MONOTONIC, &now);
  return double(now.tv_sec) + double(now.tv_nsec) / 1e9;
}

// Starts `command` (a NULL-terminated argv) in a child; with `take_console`, in a new
// session whose controlling terminal is stdin. Returns the child's pid, or -1.
pid_t start(std::span<char*> command, bool take_console) {
  pid_t pid = fork();
  if (pid != 0) {
    if (pid < 0) dprintf(2, "init: fork: %s\n", strerror(errno));
    return pid;
  }
  if (take_console) {
    setsid();
    ioctl(0, TIOCSCTTY, 0);  // best effort: stdin may be no terminal, or refuse
  }
  execvp(command[0], command.data());
  dprintf(2, "init: cannot run %s: %s\n", command[0], strerror(errno));
  _exit(127);
}

// Reaps children until `program` exits; returns its wait status. Any other child that
// wait() returns is an orphan handed to us: reaping it is all there is to do.
int wait_for(pid_t program) {
  for (;;) {
    int status = 0;
    pid_t pid = wait(&status);
    if (pid == program) return status;
    if (pid < 0 && errno != EINTR) {
      dprintf(2, "init: wait: %s\n", strerror(errno));
      return kCouldNotRunStatus;
    }
  }
}

void report(const char* program, int status) {
  if (WIFSIGNALED(status))
    dprintf(2, "init: %s killed by signal %d (%s)\n", program, WTERMSIG(status),
            strsignal(WTERMSIG(status)));
  else if (WEXITSTATUS(status) != 0)
    dprintf(2, "init: %s exited with status %d\n", program, WEXITSTATUS(status));
}

[[noreturn]] void power_off() {
  sync();
  reboot(RB_POWER_OFF);
  dprintf(2, "init: power off failed: %s\n", strerror(errno));
  for (;;) pause();  // process 1 must not exit
}

}  // namespace

int main(int argc, char** argv) {
  bool exit_after = argc > 1 && std::string_view(argv[1]) == "--exit-after";
  int first_word = exit_after ? 2 : 1;
  // The program's argv: our words after the options, with argv's terminating NULL.
  std::span<char*> command(argv + first_word, argv + argc + 1);
  char* default_command[] = {const_cast<char*>(kDefaultProgram), nullptr};
  if (argc <= first_word) command = default_command;

  bool first_process = getpid() == 1;
  if (first_process) open_missing_stdio();
  setenv("PATH", "/bin:/sbin", 0);
  setenv("HOME", "/", 0);

  for (;;) {
    double started = seconds_now();
    pid_t pid = start(command, first_process);
    int status = pid > 0 ? wait_for(pid) : kCouldNotRunStatus;
    report(command[0], status);
    if (exit_after) {
      if (first_process) power_off();
      return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
    if (seconds_now() - started < 1.0) sleep(1);  // a program that dies at once
    dprintf(2, "init: starting %s again\n", command[0]);
  }
}
