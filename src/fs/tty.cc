// fs/tty.cc - the terminal's file operations: read, write, ioctl, poll, job control.
//
// Reading waits on readers_ until the line discipline has something for this mode. A
// polled device (the console has no input interrupt yet) gives no wake-up, so a reader
// of one waits with a short deadline and polls the device each time it wakes.
#include "fs/tty.hh"

#include "lib/string.hh"
#include "uapi/poll.hh"
#include "uapi/signal.hh"

namespace fs {
namespace {

constexpr uint64_t kPollIntervalNs = 10'000'000;  // 10 ms between polls of a device

uapi::Termios default_termios() {
  uapi::Termios t{};
  t.iflag = uapi::kICrNl | uapi::kIxOn | uapi::kIUtf8;
  t.oflag = uapi::kOPost | uapi::kONlCr;
  t.cflag = uapi::kB38400 | uapi::kCs8 | uapi::kCRead | uapi::kHupCl;
  t.lflag = uapi::kISig | uapi::kICanon | uapi::kEcho | uapi::kEchoE | uapi::kEchoK |
            uapi::kEchoCtl | uapi::kEchoKe | uapi::kIExten;
  const uint8_t cc[] = {3, 28, 127, 21, 4, 0, 1, 0, 17, 19, 26, 0, 18, 15, 23, 22, 0};
  memcpy(t.cc, cc, sizeof cc);
  return t;
}

}  // namespace

Result<void> Tty::init(const TtyDriver& driver) {
  driver_ = driver;
  termios_ = default_termios();
  return readers_.init("tty");
}

int Tty::session() {
  Guard g(lock_);
  return session_;
}

int Tty::foreground_group() {
  Guard g(lock_);
  return fg_pgrp_;
}

void Tty::on_open(const Caller& c, uint32_t flags, bool allow_acquire) {
  if (!allow_acquire || (flags & uapi::kONoCtty) || c.pid != c.sid) return;
  Guard g(lock_);
  if (session_ == 0) {
    session_ = c.sid;
    fg_pgrp_ = c.pgid;
  }
}

// A read by a background process of the terminal's session: stop its group with
// SIGTTIN (the read is redone when it continues), or EIO if SIGTTIN cannot stop it.
Result<void> Tty::check_background_read(const Caller& c) {
  int session, fg;
  {
    Guard g(lock_);
    session = session_;
    fg = fg_pgrp_;
  }
  if (session == 0 || c.sid != session || c.pgid == fg) return {};
  if (hooks().signal_ignored_or_blocked(uapi::kSigTtin)) return Errno::Io;
  hooks().signal_group(c.pgid, uapi::kSigTtin);
  return hooks().interrupted;
}

Result<size_t> Tty::read(const Caller& c, IoCursor& out, bool nonblock) {
  TRY(check_background_read(c));
  if (out.remaining() == 0) return size_t{0};
  char buf[256];
  size_t done = 0;
  uint64_t deadline = 0;  // VTIME's, once armed
  for (;;) {
    poll_device();
    size_t n = 0;
    bool line_end = false, canonical;
    size_t want_min = 1;
    {
      Guard g(lock_);
      canonical = termios_.lflag & uapi::kICanon;
      size_t room = out.remaining() < sizeof buf ? out.remaining() : sizeof buf;
      n = take_locked(buf, room, canonical, &line_end);
      if (!canonical) {
        uint8_t vmin = termios_.cc[uapi::kVMin], vtime = termios_.cc[uapi::kVTime];
        want_min = vmin;
        if (vtime && !deadline && (vmin == 0 || done + n > 0))
          deadline = hooks().monotonic_ns() + uint64_t{vtime} * 100'000'000;
      }
    }
    if (n) {
      auto copied = out.copy_out(buf, n);
      if (copied.is_error()) return partial_or(done, copied.error());
      done += copied.value();
    }
    if (line_end) return done;  // canonical: one line per read (an empty one is EOF)
    if (n) {
      if (out.remaining() == 0 || (!canonical && done >= want_min)) return done;
      continue;
    }
    if (!canonical && want_min == 0 && !deadline) return done;  // MIN 0, TIME 0: poll
    if (done > 0 && !canonical && want_min == 0) return done;
    if (nonblock) return partial_or(done, Errno::Again);
    bool polled = driver_.poll_char != nullptr;
    uint64_t until = deadline;
    if (polled) {
      uint64_t soon = hooks().monotonic_ns() + kPollIntervalNs;
      if (!until || soon < until) until = soon;
    }
    auto ready = [this, canonical] {
      Guard g(lock_);
      return readable_locked(canonical) > 0;
    };
    auto r = readers_.wait_until(ready, until);
    if (r.is_error() && r.error() == Errno::TimedOut) {
      if (deadline && hooks().monotonic_ns() >= deadline) {
        poll_device();
        Guard g(lock_);
        if (readable_locked(canonical) == 0) return done;  // VTIME expired
      }
      continue;
    }
    if (r.is_error()) return partial_or(done, r.error());
  }
}

Result<size_t> Tty::write(const Caller&, IoCursor& in) {
  char buf[256];
  size_t done = 0;
  while (in.remaining() > 0) {
    auto got = in.copy_in(buf, sizeof buf);
    if (got.is_error()) return partial_or(done, got.error());
    output(buf, got.value());
    done += got.value();
  }
  poll_device();  // a program that only writes still lets ^C through
  return done;
}

uint32_t Tty::poll_events() {
  poll_device();
  Guard g(lock_);
  uint32_t mask = uapi::kPollOut | uapi::kPollWrNorm;
  if (readable_locked(termios_.lflag & uapi::kICanon)) mask |= uapi::kPollIn | uapi::kPollRdNorm;
  return mask;
}

namespace {

Tty* tty_of(OpenFile& f) { return static_cast<Tty*>(f.private_data); }

Result<size_t> tty_file_read(OpenFile& f, const Caller& c, IoCursor& out, uint64_t*) {
  return tty_of(f)->read(c, out, f.status_flags() & uapi::kONonBlock);
}
Result<size_t> tty_file_write(OpenFile& f, const Caller& c, IoCursor& in, uint64_t*) {
  return tty_of(f)->write(c, in);
}
Result<long> tty_file_ioctl(OpenFile& f, const Caller& c, unsigned long cmd, uint64_t arg) {
  return tty_of(f)->ioctl(c, f, cmd, arg);
}
uint32_t tty_file_poll(OpenFile& f) { return tty_of(f)->poll_events(); }

}  // namespace

const FileOps kTtyFileOps = {tty_file_read, tty_file_write, tty_file_ioctl,
                             tty_file_poll, nullptr,        false};

}  // namespace fs
