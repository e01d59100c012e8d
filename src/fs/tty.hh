// fs/tty.hh - terminals: a line discipline between a character device and programs.
//
// A Tty sits on a TtyDriver - the console's serial port in the kernel, a fake in the
// host tests - and turns its raw bytes into what programs expect from a terminal:
//   - canonical mode (ICANON, the default): input is edited a line at a time - erase
//     (DEL or ^H), kill (^U), word erase (^W) - and a read returns one line, only
//     once it is complete (Enter) or ^D pushes it; ^D on an empty line is end of file;
//   - echo of what is typed (ECHO, with control characters as ^X under ECHOCTL);
//   - signals (ISIG): ^C sends SIGINT, ^\ SIGQUIT and ^Z SIGTSTP to the terminal's
//     foreground process group, and flush the pending input;
//   - raw (non-canonical) mode for editors and shells with their own line editing:
//     bytes are readable at once, with termios' VMIN/VTIME rules for when read returns;
//   - output processing (OPOST|ONLCR: "\n" becomes "\r\n").
// The termios structure (TCGETS/TCSETS*) selects all of this, as on Linux.
//
// Job control: a terminal belongs to at most one session (TIOCSCTTY makes it that
// session's controlling terminal) and has a foreground process group (TIOCSPGRP), which
// the shell switches between jobs. A read from a process of that session that is not in
// the foreground group stops its group with SIGTTIN (or fails with EIO when SIGTTIN is
// ignored or blocked), so a background job cannot steal the keyboard.
//
// Locking: lock_ guards every field below it. Echo and output go to the driver under
// out_lock_ only (never lock_), taken after lock_ is dropped; signals are sent with no
// tty lock held. receive() may run in interrupt context (the console's poll on a tick).
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "fs/file.hh"
#include "fs/hooks.hh"
#include "uapi/termios.hh"

namespace fs {

struct TtyDriver {
  // Sends output bytes to the device.
  void (*write)(void* ctx, const char* s, size_t n);
  // A byte that arrived, or -1: devices without an input interrupt are polled through
  // it (by readers and by Tty::poll_device). Null for devices that call receive().
  int (*poll_char)(void* ctx);
  bool translates_newlines;  // the device turns "\n" into "\r\n" itself (arch::Console)
  void* ctx;
};

class Tty {
 public:
  static constexpr size_t kInputMax = 4096;  // bytes readable plus the line being edited
  static constexpr size_t kMaxLines = 64;    // completed lines waiting to be read

  Tty() = default;
  Tty(const Tty&) = delete;
  Tty& operator=(const Tty&) = delete;

  // Sets the driver and default termios (canonical, echo, signals). Errors: NoMem.
  Result<void> init(const TtyDriver& driver);

  // Input bytes from the device: runs the line discipline (any context).
  void receive(const char* s, size_t n);
  // Pulls every byte a polled device has waiting into receive().
  void poll_device();

  // The file operations of an open terminal.
  Result<size_t> read(const Caller& c, IoCursor& out, bool nonblock);
  Result<size_t> write(const Caller& c, IoCursor& in);
  Result<long> ioctl(const Caller& c, OpenFile& f, unsigned long cmd, uint64_t arg);
  uint32_t poll_events();

  // open(2) of a device node on this tty: a session leader without a terminal opening
  // one without O_NOCTTY acquires it (allow_acquire: false for /dev/console, as on Linux).
  void on_open(const Caller& c, uint32_t flags, bool allow_acquire);
  int session();
  int foreground_group();

 private:
  // tty_ldisc.cc
  struct Echo;
  void receive_char_locked(uint8_t ch, Echo& echo);
  void push_line_locked(bool with_delimiter);
  void flush_input_locked();
  void erase_locked(Echo& echo, bool word, bool whole_line);
  size_t readable_locked(bool canonical) const;
  size_t take_locked(char* dst, size_t max, bool canonical, bool* line_end);
  void output(const char* s, size_t n);  // with OPOST processing, under out_lock_
  Result<void> check_background_read(const Caller& c);
  Result<long> set_termios(const Caller& c, unsigned long cmd, uint64_t arg);

  TtyDriver driver_{};
  ktl::Atomic<bool> polling_{false};  // someone is draining a polled device
  WaitChannel readers_;
  Lock out_lock_{"tty output"};
  Lock lock_{"tty"};
  uapi::Termios termios_{};
  uapi::Winsize winsize_{24, 80, 0, 0};
  char ready_[kInputMax];  // readable bytes, a ring
  size_t ready_head_ = 0, ready_count_ = 0;
  uint16_t line_len_[kMaxLines];       // canonical: lengths of the complete lines in ready_,
  size_t lines_head_ = 0, lines_ = 0;  //   a ring; a 0 length is an end of file (^D)
  char edit_[kInputMax];               // canonical: the line being typed
  size_t edit_len_ = 0;
  int session_ = 0;  // owning session id, 0: none
  int fg_pgrp_ = 0;  // foreground process group
};

// FileOps for a device node whose CharDevice::data is a Tty (fs/devfs.cc uses them).
extern const FileOps kTtyFileOps;

}  // namespace fs
