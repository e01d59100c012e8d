/* tty.c - the console as a terminal: termios, window size, isatty.
 *
 *   /dev/null is not a terminal: isatty 0 with ENOTTY, TCGETS gives ENOTTY
 *   /dev/console (or, on a Linux host where it is root's, /dev/tty): isatty 1, TCGETS
 *   with ICANON and ECHO on by default, TCSETS round trip, TIOCGWINSZ
 */
#include <fcntl.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include "test_report.h"

int main(void) {
  int null = open("/dev/null", O_RDWR);
  test_expect(null >= 0, "open /dev/null");
  errno = 0;
  test_expect(isatty(null) == 0 && errno == ENOTTY, "/dev/null is a terminal");
  struct termios t;
  test_expect_errno(ioctl(null, TCGETS, &t), ENOTTY, "TCGETS on /dev/null");

  int fd = open("/dev/console", O_RDWR | O_NOCTTY);
  if (fd < 0) fd = open("/dev/tty", O_RDWR | O_NOCTTY);
  if (fd < 0) {
    /* A Linux host run without a terminal: nothing more can be checked. */
    test_pass();
  }
  test_expect(isatty(fd) == 1, "isatty of the console");
  test_expect(tcgetattr(fd, &t) == 0, "TCGETS failed");
  test_expect((t.c_lflag & ICANON) && (t.c_lflag & ECHO), "ICANON/ECHO not set");
  struct termios raw = t;
  raw.c_lflag &= ~(ECHO | ICANON);
  raw.c_cc[VMIN] = 1;
  raw.c_cc[VTIME] = 0;
  test_expect(tcsetattr(fd, TCSANOW, &raw) == 0, "TCSETS failed");
  struct termios back;
  test_expect(tcgetattr(fd, &back) == 0 && !(back.c_lflag & ECHO) && !(back.c_lflag & ICANON),
              "TCSETS did not take");
  test_expect(tcsetattr(fd, TCSANOW, &t) == 0, "restoring the terminal failed");
  test_expect(tcgetattr(fd, &back) == 0 && (back.c_lflag & ECHO), "restore did not take");
  struct winsize ws;
  test_expect(ioctl(fd, TIOCGWINSZ, &ws) == 0, "TIOCGWINSZ failed");
  test_pass();
}
