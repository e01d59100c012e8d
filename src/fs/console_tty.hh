// fs/console_tty.hh - the kernel console as a terminal (kernel only).
//
// arch::Console is a polled serial port: Console::write sends bytes (turning "\n" into
// "\r\n" itself) and poll_char returns a received byte or -1. console_tty_init puts a
// Tty on it and registers it as /dev/console and /dev/ttyS0. With no UART interrupt,
// input reaches the line discipline when a reader polls, or when the timer tick calls
// console_tty_poll() - which is what lets ^C reach a program that never reads.
#pragma once

#include "fs/tty.hh"

namespace fs {

// Errors: NoMem, Busy.
Result<void> console_tty_init();
// Pulls waiting console input through the line discipline (any context, e.g. a tick).
void console_tty_poll();
Tty* console_terminal();

}  // namespace fs
