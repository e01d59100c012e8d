// Host tests of the terminal: line discipline, echo, signals, raw mode, job control,
// ioctls - over a fake device that records output and feeds polled input.
#include "fs/devfs.hh"
#include "fs/tty.hh"
#include "fs_world.hh"
#include "uapi/signal.hh"

using fstest::err;
using fstest::FakeHooks;
using fstest::FsWorld;
using ktl::Errno;
using namespace uapi;

namespace {

struct FakeDevice {
  std::string output;
  std::string input;  // bytes poll_char hands out
  static void write(void* ctx, const char* s, size_t n) {
    static_cast<FakeDevice*>(ctx)->output.append(s, n);
  }
  static int poll(void* ctx) {
    auto* d = static_cast<FakeDevice*>(ctx);
    if (d->input.empty()) return -1;
    int c = static_cast<unsigned char>(d->input[0]);
    d->input.erase(0, 1);
    return c;
  }
};

}  // namespace

TEST_GROUP(FsTty) {
  FsWorld* w = nullptr;
  FakeDevice* dev = nullptr;
  fs::Tty* tty = nullptr;
  void setup() override {
    w = new FsWorld;
    dev = new FakeDevice;
    tty = new fs::Tty;
    CHECK_TRUE(tty->init({FakeDevice::write, FakeDevice::poll, false, dev}).is_ok());
    CHECK_TRUE(fs::register_console_tty(tty).is_ok());
    w->c.pid = w->c.sid = 10;  // a session leader, its own group
    w->c.pgid = 10;
  }
  void teardown() override {
    delete w;  // closes the terminal's files first
    delete tty;
    delete dev;
  }
  void type(const std::string& s) { tty->receive(s.data(), s.size()); }
  long read(std::string & out, size_t n, bool nonblock = false) {
    out.assign(n, '\0');
    fs::IoSegment seg;
    auto io = fs::IoCursor::kernel(out.data(), n, seg);
    auto r = tty->read(w->c, io, nonblock);
    if (r.is_error()) return err(r.error());
    out.resize(r.value());
    return static_cast<long>(r.value());
  }
  long ioctl(unsigned long cmd, void* arg) {
    fs::OpenFile* none = nullptr;
    return FsWorld::result(tty->ioctl(w->c, *none, cmd, reinterpret_cast<uint64_t>(arg)));
  }
  long ioctl_value(unsigned long cmd, uint64_t arg) {
    fs::OpenFile* none = nullptr;
    return FsWorld::result(tty->ioctl(w->c, *none, cmd, arg));
  }
  void set_raw(uint8_t vmin, uint8_t vtime) {
    Termios t;
    LONGS_EQUAL(0, ioctl(kTcgets, &t));
    t.lflag &= ~(kICanon | kEcho);
    t.cc[kVMin] = vmin;
    t.cc[kVTime] = vtime;
    LONGS_EQUAL(0, ioctl(kTcsets, &t));
  }
};

TEST(FsTty, CanonicalLinesWithEditing) {
  std::string out;
  type(
      "ab\x7f"
      "c\r");  // DEL erases, CR becomes NL (ICRNL)
  LONGS_EQUAL(3, read(out, 100));
  STRCMP_EQUAL("ac\n", out.c_str());
  STRCMP_EQUAL("ab\b \bc\r\n", dev->output.c_str());  // echo, visual erase, ONLCR
  type(
      "abc\x15"
      "d\n");  // ^U kills the line
  LONGS_EQUAL(2, read(out, 100));
  STRCMP_EQUAL("d\n", out.c_str());
  type(
      "foo bar\x17"
      "baz\n");  // ^W erases a word
  LONGS_EQUAL(8, read(out, 100));
  STRCMP_EQUAL("foo baz\n", out.c_str());
}

TEST(FsTty, OneLinePerReadAndPartialReads) {
  std::string out;
  type("hello\nworld\n");
  LONGS_EQUAL(2, read(out, 2));
  STRCMP_EQUAL("he", out.c_str());
  LONGS_EQUAL(4, read(out, 100));
  STRCMP_EQUAL("llo\n", out.c_str());
  LONGS_EQUAL(6, read(out, 100));
  STRCMP_EQUAL("world\n", out.c_str());
}

TEST(FsTty, ControlDIsEndOfFileOrPushesTheLine) {
  std::string out;
  type("ab\x04");
  LONGS_EQUAL(2, read(out, 100));
  STRCMP_EQUAL("ab", out.c_str());
  type("\x04");
  LONGS_EQUAL(0, read(out, 100));  // end of file, once
  type("x\n");
  LONGS_EQUAL(2, read(out, 100));
}

TEST(FsTty, ReadersWaitForACompleteLine) {
  std::string out;
  type("partial");
  LONGS_EQUAL(err(Errno::Again), read(out, 100, true));
  LONGS_EQUAL(err(Errno::Intr), read(out, 100));  // nothing more came (FakeHooks)
  FakeHooks::on_block = [&] { type(" line\n"); };
  LONGS_EQUAL(13, read(out, 100));
  STRCMP_EQUAL("partial line\n", out.c_str());
  dev->input = "polled\r";  // a polled device is drained by the reader itself
  LONGS_EQUAL(7, read(out, 100));
  STRCMP_EQUAL("polled\n", out.c_str());
}

TEST(FsTty, SignalsGoToTheForegroundGroup) {
  LONGS_EQUAL(0, ioctl_value(kTiocsctty, 0));
  type("junk\x03");
  LONGS_EQUAL(1, FakeHooks::signals.size());
  LONGS_EQUAL(10, FakeHooks::signals[0].target);
  LONGS_EQUAL(kSigInt, FakeHooks::signals[0].sig);
  STRCMP_EQUAL("junk^C", dev->output.c_str());
  std::string out;
  LONGS_EQUAL(err(Errno::Again), read(out, 100, true));  // the line was flushed
  type("\x1c\x1a");
  LONGS_EQUAL(kSigQuit, FakeHooks::signals[1].sig);
  LONGS_EQUAL(kSigTstp, FakeHooks::signals[2].sig);
  Termios t;
  ioctl(kTcgets, &t);
  t.lflag &= ~kISig;
  ioctl(kTcsets, &t);
  type("\x03\n");  // now just a character
  LONGS_EQUAL(3, FakeHooks::signals.size());
  LONGS_EQUAL(2, read(out, 100));
  STRCMP_EQUAL("\x03\n", out.c_str());
}

TEST(FsTty, RawMode) {
  std::string out;
  set_raw(1, 0);
  type("ab");
  LONGS_EQUAL(2, read(out, 100));         // no line needed
  STRCMP_EQUAL("", dev->output.c_str());  // no echo
  type("\x7f");
  LONGS_EQUAL(1, read(out, 100));  // DEL is just a byte
  set_raw(0, 0);
  LONGS_EQUAL(0, read(out, 100));  // MIN 0 TIME 0: a poll
  set_raw(0, 5);
  uint64_t before = FakeHooks::clock_ns;
  LONGS_EQUAL(0, read(out, 100));  // TIME 0.5 s passes
  CHECK(FakeHooks::clock_ns - before >= 500'000'000);
  set_raw(3, 0);
  type("x");
  FakeHooks::on_block = [&] { type("yz"); };
  LONGS_EQUAL(3, read(out, 100));  // MIN 3: waits for the third byte
}

TEST(FsTty, SwitchingModesKeepsTypedInput) {
  type("half");
  set_raw(1, 0);
  std::string out;
  LONGS_EQUAL(4, read(out, 100));
  STRCMP_EQUAL("half", out.c_str());
}

TEST(FsTty, EchoOfControlCharacters) {
  type("\x01\t\n");
  STRCMP_EQUAL("^A\t\r\n", dev->output.c_str());
  Termios t;
  ioctl(kTcgets, &t);
  t.lflag &= ~kEcho;
  t.lflag |= kEchoNl;
  ioctl(kTcsets, &t);
  dev->output.clear();
  type("secret\n");
  STRCMP_EQUAL("\r\n", dev->output.c_str());  // ECHONL: only the newline
}

TEST(FsTty, OutputProcessing) {
  fs::IoSegment seg;
  std::string text = "a\nb";
  auto io = fs::IoCursor::kernel(text.data(), text.size(), seg);
  LONGS_EQUAL(3, tty->write(w->c, io).value());
  STRCMP_EQUAL("a\r\nb", dev->output.c_str());
  Termios t;
  ioctl(kTcgets, &t);
  t.oflag &= ~kOPost;
  ioctl(kTcsets, &t);
  dev->output.clear();
  auto io2 = fs::IoCursor::kernel(text.data(), text.size(), seg);
  tty->write(w->c, io2).value();
  STRCMP_EQUAL("a\nb", dev->output.c_str());
}

TEST(FsTty, TermiosAndWindowSize) {
  Termios t;
  LONGS_EQUAL(0, ioctl(kTcgets, &t));
  CHECK(t.lflag & kICanon);
  CHECK(t.lflag & kEcho);
  CHECK(t.lflag & kISig);
  LONGS_EQUAL(3, t.cc[kVIntr]);
  LONGS_EQUAL(127, t.cc[kVErase]);
  LONGS_EQUAL(4, t.cc[kVEof]);
  Winsize ws;
  LONGS_EQUAL(0, ioctl(kTiocgwinsz, &ws));
  LONGS_EQUAL(24, ws.rows);
  LONGS_EQUAL(80, ws.cols);
  LONGS_EQUAL(0, ioctl_value(kTiocsctty, 0));
  Winsize big = {50, 132, 0, 0};
  LONGS_EQUAL(0, ioctl(kTiocswinsz, &big));
  LONGS_EQUAL(kSigWinch, FakeHooks::signals.back().sig);
  LONGS_EQUAL(0, ioctl(kTiocgwinsz, &ws));
  LONGS_EQUAL(132, ws.cols);
  LONGS_EQUAL(err(Errno::NoTty), ioctl_value(0x9999, 0));
  type("ab\ncd");
  int n = 0;
  LONGS_EQUAL(0, ioctl(kFionread, &n));
  LONGS_EQUAL(3, n);  // canonical: only the complete line
  LONGS_EQUAL(0, ioctl_value(kTcflsh, kTciFlush));
  LONGS_EQUAL(0, ioctl(kFionread, &n));
  LONGS_EQUAL(0, n);
  LONGS_EQUAL(err(Errno::Inval), ioctl_value(kTcflsh, 7));
}

TEST(FsTty, SessionsAndForegroundGroups) {
  int pgrp = 0;
  LONGS_EQUAL(err(Errno::NoTty), ioctl(kTiocgpgrp, &pgrp));  // not our terminal yet
  fs::Caller leader = w->c;
  w->c.pid = 11;  // not a session leader
  LONGS_EQUAL(err(Errno::Perm), ioctl_value(kTiocsctty, 0));
  w->c = leader;
  LONGS_EQUAL(0, ioctl_value(kTiocsctty, 0));
  LONGS_EQUAL(0, ioctl(kTiocgpgrp, &pgrp));
  LONGS_EQUAL(10, pgrp);
  int sid = 0;
  LONGS_EQUAL(0, ioctl(kTiocgsid, &sid));
  LONGS_EQUAL(10, sid);
  int job = 12;
  LONGS_EQUAL(0, ioctl(kTiocspgrp, &job));
  LONGS_EQUAL(12, tty->foreground_group());
  FakeHooks::group_check = static_cast<int>(Errno::Perm);
  LONGS_EQUAL(err(Errno::Perm), ioctl(kTiocspgrp, &job));
  FakeHooks::group_check = 0;
  int negative = -1;
  LONGS_EQUAL(err(Errno::Inval), ioctl(kTiocspgrp, &negative));
  // Another session may not take it, unless root says so with arg 1.
  w->c.pid = w->c.sid = w->c.pgid = 20;
  LONGS_EQUAL(err(Errno::NoTty), ioctl(kTiocgpgrp, &pgrp));
  w->c.cred.euid = 1000;
  LONGS_EQUAL(err(Errno::Perm), ioctl_value(kTiocsctty, 1));
  w->c.cred.euid = 0;
  LONGS_EQUAL(0, ioctl_value(kTiocsctty, 1));
  LONGS_EQUAL(20, tty->session());
  LONGS_EQUAL(0, ioctl_value(kTiocnotty, 0));
  LONGS_EQUAL(0, tty->session());
}

TEST(FsTty, BackgroundReadsStopTheGroup) {
  LONGS_EQUAL(0, ioctl_value(kTiocsctty, 0));
  int job = 99;
  LONGS_EQUAL(0, ioctl(kTiocspgrp, &job));  // another group in the foreground
  type("line\n");
  std::string out;
  LONGS_EQUAL(err(Errno::Intr), read(out, 100));
  LONGS_EQUAL(10, FakeHooks::signals.back().target);
  LONGS_EQUAL(kSigTtin, FakeHooks::signals.back().sig);
  FakeHooks::ttin_ignored = true;
  LONGS_EQUAL(err(Errno::Io), read(out, 100));
}

TEST(FsTty, DeviceNodes) {
  long tty_fd = w->open("/dev/tty", kORdWr);
  LONGS_EQUAL(err(Errno::NxIo), tty_fd);  // no controlling terminal yet
  long console = w->open("/dev/console", kORdWr);
  CHECK(console >= 0);
  LONGS_EQUAL(0, tty->session());  // /dev/console never becomes one by opening
  long serial = w->open("/dev/ttyS0", kORdWr | kONoCtty);
  CHECK(serial >= 0);
  LONGS_EQUAL(0, tty->session());
  long serial2 = w->open("/dev/ttyS0", kORdWr);
  CHECK(serial2 >= 0);
  LONGS_EQUAL(10, tty->session());  // a session leader opening a terminal gets it
  CHECK(w->open("/dev/tty", kORdWr) >= 0);
  LONGS_EQUAL(5, w->write(static_cast<int>(console), "hi!\n\n"));
  STRCMP_EQUAL("hi!\r\n\r\n", dev->output.c_str());
  type("typed\n");
  std::string out;
  LONGS_EQUAL(6, w->read(static_cast<int>(serial), out, 100));
  Termios t;
  LONGS_EQUAL(0, FsWorld::result(fs::do_ioctl(w->c, static_cast<int>(console), kTcgets,
                                              reinterpret_cast<uint64_t>(&t))));
  PollFd p = {static_cast<int>(console), kPollIn | kPollOut, 0};
  LONGS_EQUAL(1, FsWorld::result(fs::do_poll(w->c, &p, 1, 0)));
  LONGS_EQUAL(kPollOut, p.revents);
  LONGS_EQUAL(err(Errno::SPipe),
              FsWorld::result(fs::do_lseek(w->c, static_cast<int>(console), 0, kSeekSet)));
}
