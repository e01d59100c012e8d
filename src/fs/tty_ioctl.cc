// fs/tty_ioctl.cc - terminal ioctls: termios, window size, sessions and process groups.
//
// The job-control requests check the caller against the terminal's session the way
// Linux does: TIOCGPGRP/TIOCSPGRP/TIOCGSID on a terminal that is not the caller's
// controlling terminal give ENOTTY; TIOCSPGRP needs a group of the same session (EPERM)
// that exists (ESRCH); TIOCSCTTY needs a session leader (EPERM), and takes a terminal
// owned by another session only for root with arg 1.
#include "fs/tty.hh"
#include "uapi/signal.hh"

namespace fs {

Result<long> Tty::set_termios(const Caller& c, unsigned long cmd, uint64_t arg) {
  uapi::Termios t;
  TRY(c.memory->copy_from(&t, arg, sizeof t));
  {
    Guard g(lock_);
    bool was_canonical = termios_.lflag & uapi::kICanon;
    bool canonical = t.lflag & uapi::kICanon;
    if (cmd == uapi::kTcsetsf) flush_input_locked();
    if (was_canonical && !canonical) {
      // The line being edited becomes readable bytes; line records are dropped.
      for (size_t i = 0; i < edit_len_ && ready_count_ < kInputMax; ++i)
        ready_[(ready_head_ + ready_count_++) % kInputMax] = edit_[i];
      edit_len_ = 0;
      lines_head_ = lines_ = 0;
    } else if (!was_canonical && canonical && ready_count_ > 0 && lines_ < kMaxLines) {
      line_len_[(lines_head_ + lines_++) % kMaxLines] = static_cast<uint16_t>(ready_count_);
    }
    termios_ = t;
  }
  readers_.wake_all();
  return 0;
}

Result<long> Tty::ioctl(const Caller& c, OpenFile&, unsigned long cmd, uint64_t arg) {
  const MemoryAccess& mem = *c.memory;
  switch (cmd) {
    case uapi::kTcgets: {
      uapi::Termios t;
      {
        Guard g(lock_);
        t = termios_;
      }
      TRY(mem.copy_to(arg, &t, sizeof t));
      return 0;
    }
    case uapi::kTcsets:
    case uapi::kTcsetsw:
    case uapi::kTcsetsf:
      return set_termios(c, cmd, arg);
    case uapi::kTiocgwinsz: {
      uapi::Winsize w;
      {
        Guard g(lock_);
        w = winsize_;
      }
      TRY(mem.copy_to(arg, &w, sizeof w));
      return 0;
    }
    case uapi::kTiocswinsz: {
      uapi::Winsize w;
      TRY(mem.copy_from(&w, arg, sizeof w));
      bool changed;
      int pgrp;
      {
        Guard g(lock_);
        changed = w.rows != winsize_.rows || w.cols != winsize_.cols ||
                  w.xpixel != winsize_.xpixel || w.ypixel != winsize_.ypixel;
        winsize_ = w;
        pgrp = fg_pgrp_;
      }
      if (changed && pgrp > 0) hooks().signal_group(pgrp, uapi::kSigWinch);
      return 0;
    }
    case uapi::kTiocgpgrp:
    case uapi::kTiocgsid: {
      int value;
      {
        Guard g(lock_);
        if (session_ == 0 || session_ != c.sid) return Errno::NoTty;
        value = cmd == uapi::kTiocgpgrp ? fg_pgrp_ : session_;
      }
      TRY(mem.copy_to(arg, &value, sizeof value));
      return 0;
    }
    case uapi::kTiocspgrp: {
      int pgid;
      TRY(mem.copy_from(&pgid, arg, sizeof pgid));
      {
        Guard g(lock_);
        if (session_ == 0 || session_ != c.sid) return Errno::NoTty;
      }
      if (pgid < 0) return Errno::Inval;
      TRY(hooks().check_group_in_session(pgid, c.sid));
      Guard g(lock_);
      fg_pgrp_ = pgid;
      return 0;
    }
    case uapi::kTiocsctty: {
      Guard g(lock_);
      if (session_ == c.sid && session_ != 0) return 0;
      if (c.pid != c.sid) return Errno::Perm;
      if (session_ != 0 && !(arg == 1 && c.cred.euid == 0)) return Errno::Perm;
      session_ = c.sid;
      fg_pgrp_ = c.pgid;
      return 0;
    }
    case uapi::kTiocnotty: {
      Guard g(lock_);
      if (session_ == 0 || session_ != c.sid) return Errno::NoTty;
      if (c.pid == c.sid) session_ = fg_pgrp_ = 0;  // the leader gives the terminal up
      return 0;
    }
    case uapi::kFionread: {
      int n;
      {
        Guard g(lock_);
        n = static_cast<int>(readable_locked(termios_.lflag & uapi::kICanon));
        if (lines_ && ready_count_ == 0) n = 0;  // only an EOF waits
      }
      TRY(mem.copy_to(arg, &n, sizeof n));
      return 0;
    }
    case uapi::kTcflsh: {
      int queue = static_cast<int>(arg);
      if (queue < uapi::kTciFlush || queue > uapi::kTcioFlush) return Errno::Inval;
      if (queue != uapi::kTcoFlush) {
        Guard g(lock_);
        flush_input_locked();
      }
      return 0;
    }
    default:
      return Errno::NoTty;
  }
}

}  // namespace fs
