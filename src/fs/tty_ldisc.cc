// fs/tty_ldisc.cc - the line discipline: what happens to each byte typed.
//
// receive() runs each input byte through the termios rules under the tty lock, collects
// what must be echoed in a small buffer and which signal (if any) was typed, and only
// after dropping the lock writes the echo and sends the signal: neither the device nor
// the process layer is ever called with the tty lock held.
#include "fs/tty.hh"
#include "lib/string.hh"
#include "uapi/signal.hh"

namespace fs {

// Echo output gathered under the lock, written after it.
struct Tty::Echo {
  char buf[256];
  size_t len = 0;
  void add(const char* s, size_t n) {
    for (size_t i = 0; i < n && len < sizeof buf; ++i) buf[len++] = s[i];
  }
  void add(char c) { add(&c, 1); }
  void add_control(uint8_t c) {  // ^C for 3, ^? for DEL
    add('^');
    add(static_cast<char>(c == 127 ? '?' : c + 64));
  }
  int signals[8] = {};  // typed signal characters, in order (more are dropped)
  int signal_count = 0;
  void add_signal(int sig) {
    if (signal_count < 8) signals[signal_count++] = sig;
  }
};

namespace {
bool is_ctl(uint8_t c) { return c < 32 || c == 127; }
}  // namespace

void Tty::receive(const char* s, size_t n) {
  Echo echo;
  size_t before, after;
  int pgrp;
  {
    Guard g(lock_);
    before = ready_count_ + lines_;
    for (size_t i = 0; i < n; ++i) receive_char_locked(static_cast<uint8_t>(s[i]), echo);
    after = ready_count_ + lines_;
    pgrp = fg_pgrp_;
  }
  if (echo.len) output(echo.buf, echo.len);
  for (int i = 0; i < echo.signal_count; ++i)
    if (pgrp > 0) hooks().signal_group(pgrp, echo.signals[i]);
  if (after != before || echo.signal_count) readers_.wake_all();
}

// One poller at a time (a reader, the tick on another CPU...): two draining the port at
// once could hand the line discipline the bytes out of order. The loser just returns.
void Tty::poll_device() {
  if (!driver_.poll_char) return;
  bool idle = false;
  if (!polling_.compare_exchange(idle, true, ktl::Order::Acquire)) return;
  char buf[64];
  for (;;) {
    size_t n = 0;
    for (int c; n < sizeof buf && (c = driver_.poll_char(driver_.ctx)) >= 0;)
      buf[n++] = static_cast<char>(c);
    if (n == 0) break;
    receive(buf, n);
  }
  polling_.store(false, ktl::Order::Release);
}

void Tty::receive_char_locked(uint8_t c, Echo& echo) {
  const uapi::Termios& t = termios_;
  bool echo_on = t.lflag & uapi::kEcho;
  if (c == '\r') {
    if (t.iflag & uapi::kIgnCr) return;
    if (t.iflag & uapi::kICrNl) c = '\n';
  } else if (c == '\n' && (t.iflag & uapi::kInlCr)) {
    c = '\r';
  }
  if (t.lflag & uapi::kISig) {
    int sig = c == t.cc[uapi::kVIntr]   ? uapi::kSigInt
              : c == t.cc[uapi::kVQuit] ? uapi::kSigQuit
              : c == t.cc[uapi::kVSusp] ? uapi::kSigTstp
                                        : 0;
    if (sig && c != 0) {
      if (!(t.lflag & uapi::kNoFlsh)) flush_input_locked();
      if (echo_on && (t.lflag & uapi::kEchoCtl)) echo.add_control(c);
      echo.add_signal(sig);
      return;
    }
  }
  if (!(t.lflag & uapi::kICanon)) {
    if (ready_count_ + edit_len_ < kInputMax) {
      ready_[(ready_head_ + ready_count_) % kInputMax] = static_cast<char>(c);
      ++ready_count_;
    }
    if (echo_on) echo.add(static_cast<char>(c));
    return;
  }
  if (c != 0 && (c == t.cc[uapi::kVErase] || c == '\b')) return erase_locked(echo, false, false);
  if (c != 0 && c == t.cc[uapi::kVKill]) return erase_locked(echo, false, true);
  if (c != 0 && c == t.cc[uapi::kVWerase] && (t.lflag & uapi::kIExten))
    return erase_locked(echo, true, false);
  if (c != 0 && c == t.cc[uapi::kVEof]) return push_line_locked(false);
  bool delimiter = c == '\n' || (c != 0 && (c == t.cc[uapi::kVEol] || c == t.cc[uapi::kVEol2]));
  if (ready_count_ + edit_len_ + 1 >= kInputMax && !delimiter) return;  // full: drop
  edit_[edit_len_++] = static_cast<char>(c);
  if (delimiter) {
    if (echo_on || (c == '\n' && (t.lflag & uapi::kEchoNl))) echo.add(static_cast<char>(c));
    return push_line_locked(true);
  }
  if (!echo_on) return;
  if (is_ctl(c) && c != '\t' && (t.lflag & uapi::kEchoCtl))
    echo.add_control(c);
  else
    echo.add(static_cast<char>(c));
}

// Erases one character, one word (^W) or the whole line (^U) of the line being edited,
// echoing "\b \b" for each screen column when ECHOE/ECHOKE ask for visual erase.
void Tty::erase_locked(Echo& echo, bool word, bool whole_line) {
  const uapi::Termios& t = termios_;
  bool visual = (t.lflag & uapi::kEcho) &&
                (whole_line ? (t.lflag & uapi::kEchoKe) : (t.lflag & uapi::kEchoE));
  bool seen_word = false;
  while (edit_len_ > 0) {
    uint8_t c = static_cast<uint8_t>(edit_[edit_len_ - 1]);
    if (word) {
      bool space = c == ' ' || c == '\t';
      if (space && seen_word) break;
      seen_word = seen_word || !space;
    }
    --edit_len_;
    if (visual) {
      int columns = is_ctl(c) && c != '\t' && (t.lflag & uapi::kEchoCtl) ? 2 : 1;
      for (int i = 0; i < columns; ++i) echo.add("\b \b", 3);
    }
    if (!word && !whole_line) break;
  }
  if (whole_line && !visual && (t.lflag & uapi::kEcho) && (t.lflag & uapi::kEchoK)) {
    echo.add(static_cast<char>(t.cc[uapi::kVKill]));
    echo.add('\n');
  }
}

// Moves the edited line into the readable bytes as one complete line (a ^D line has no
// delimiter; an empty ^D line is recorded as length 0: end of file for one read).
void Tty::push_line_locked(bool) {
  if (lines_ == kMaxLines) {  // too many unread lines: drop this one
    edit_len_ = 0;
    return;
  }
  for (size_t i = 0; i < edit_len_; ++i)
    ready_[(ready_head_ + ready_count_ + i) % kInputMax] = edit_[i];
  ready_count_ += edit_len_;
  line_len_[(lines_head_ + lines_) % kMaxLines] = static_cast<uint16_t>(edit_len_);
  ++lines_;
  edit_len_ = 0;
}

void Tty::flush_input_locked() {
  ready_head_ = ready_count_ = 0;
  lines_head_ = lines_ = 0;
  edit_len_ = 0;
}

// Bytes a read may take now: canonical mode, the complete lines (1 for a lone EOF).
size_t Tty::readable_locked(bool canonical) const {
  if (!canonical) return ready_count_;
  return lines_ ? (ready_count_ ? ready_count_ : 1) : 0;
}

// Takes up to max readable bytes (canonical: never past the end of the first line);
// *line_end is set when a line was finished (an empty one is an end of file).
size_t Tty::take_locked(char* dst, size_t max, bool canonical, bool* line_end) {
  *line_end = false;
  size_t n = ready_count_;
  if (canonical) {
    if (lines_ == 0) return 0;
    n = line_len_[lines_head_];
    if (n == 0) {
      *line_end = true;
      lines_head_ = (lines_head_ + 1) % kMaxLines;
      --lines_;
      return 0;
    }
  }
  if (n > max) n = max;
  for (size_t i = 0; i < n; ++i) dst[i] = ready_[(ready_head_ + i) % kInputMax];
  ready_head_ = (ready_head_ + n) % kInputMax;
  ready_count_ -= n;
  if (canonical) {
    line_len_[lines_head_] = static_cast<uint16_t>(line_len_[lines_head_] - n);
    if (line_len_[lines_head_] == 0) {
      lines_head_ = (lines_head_ + 1) % kMaxLines;
      --lines_;
      *line_end = true;
    }
  }
  return n;
}

// Writes to the device, turning "\n" into "\r\n" under OPOST|ONLCR when the device
// does not already do it.
void Tty::output(const char* s, size_t n) {
  bool onlcr;
  {
    Guard g(lock_);
    onlcr = (termios_.oflag & uapi::kOPost) && (termios_.oflag & uapi::kONlCr);
  }
  Guard g(out_lock_);
  if (!onlcr || driver_.translates_newlines) {
    driver_.write(driver_.ctx, s, n);
    return;
  }
  size_t start = 0;
  for (size_t i = 0; i < n; ++i) {
    if (s[i] != '\n') continue;
    if (i > start) driver_.write(driver_.ctx, s + start, i - start);
    driver_.write(driver_.ctx, "\r\n", 2);
    start = i + 1;
  }
  if (start < n) driver_.write(driver_.ctx, s + start, n - start);
}

}  // namespace fs
