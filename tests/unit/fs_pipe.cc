// Host tests of pipes: EOF, EPIPE+SIGPIPE, blocking and non-blocking ends, PIPE_BUF
// atomicity, capacity, FIONREAD, poll. "Blocking" is played by FakeHooks::on_block.
#include "fs_world.hh"
#include "uapi/signal.hh"
#include "uapi/termios.hh"

using fstest::err;
using fstest::FakeHooks;
using fstest::FsWorld;
using ktl::Errno;
using namespace uapi;

TEST_GROUP(FsPipe) {
  FsWorld* w = nullptr;
  int rd = -1, wr = -1;
  void setup() override {
    w = new FsWorld;
    int fds[2];
    LONGS_EQUAL(0, FsWorld::result(fs::do_pipe2(w->c, fds, 0)));
    rd = fds[0];
    wr = fds[1];
  }
  void teardown() override { delete w; }
  long call(ktl::Result<long> r) { return FsWorld::result(r); }
};

TEST(FsPipe, BytesComeOutInOrderThenEof) {
  LONGS_EQUAL(0, rd);
  LONGS_EQUAL(1, wr);
  LONGS_EQUAL(5, w->write(wr, "hello"));
  LONGS_EQUAL(6, w->write(wr, " world"));
  std::string out;
  LONGS_EQUAL(3, w->read(rd, out, 3));
  STRCMP_EQUAL("hel", out.c_str());
  LONGS_EQUAL(8, w->read(rd, out, 100));  // what is there, without waiting for more
  STRCMP_EQUAL("lo world", out.c_str());
  w->close(wr);
  LONGS_EQUAL(0, w->read(rd, out, 100));  // no writer left: end of file
  LONGS_EQUAL(0, w->read(rd, out, 100));
}

TEST(FsPipe, EndsHaveTheirModes) {
  std::string out;
  LONGS_EQUAL(err(Errno::BadF), w->write(rd, "x"));
  LONGS_EQUAL(err(Errno::BadF), w->read(wr, out, 1));
  LONGS_EQUAL(kORdOnly, call(fs::do_fcntl(w->c, rd, kFGetFl, 0)));
  LONGS_EQUAL(kOWrOnly, call(fs::do_fcntl(w->c, wr, kFGetFl, 0)));
  LONGS_EQUAL(err(Errno::SPipe), call(fs::do_lseek(w->c, rd, 0, kSeekCur)));
  char buf[4];
  fs::IoSegment seg;
  auto io = fs::IoCursor::kernel(buf, 4, seg);
  LONGS_EQUAL(err(Errno::SPipe), call(fs::do_pread(w->c, rd, io, 0)));
  fs::Kstat st = fs::do_fstat(w->c, rd).value();
  LONGS_EQUAL(kSIfIfo | 0600, st.mode);
  CHECK_EQUAL(st.ino, fs::do_fstat(w->c, wr).value().ino);
  int bad[2];
  LONGS_EQUAL(err(Errno::Inval), call(fs::do_pipe2(w->c, bad, kOAppend)));
}

TEST(FsPipe, WritingWithoutReadersIsEpipeAndSigpipe) {
  w->close(rd);
  LONGS_EQUAL(err(Errno::Pipe), w->write(wr, "x"));
  LONGS_EQUAL(1, FakeHooks::signals.size());
  LONGS_EQUAL(0, FakeHooks::signals[0].target);  // the writing thread
  LONGS_EQUAL(kSigPipe, FakeHooks::signals[0].sig);
  LONGS_EQUAL(0, w->write(wr, ""));  // an empty write never fails
}

TEST(FsPipe, ReadersWaitForWriters) {
  std::string out;
  FakeHooks::on_block = [&] { LONGS_EQUAL(2, w->write(wr, "hi")); };
  LONGS_EQUAL(2, w->read(rd, out, 10));
  LONGS_EQUAL(1, FakeHooks::blocks);
  STRCMP_EQUAL("hi", out.c_str());
  FakeHooks::on_block = [&] { w->close(wr); };  // the last writer goes: EOF wakes us
  LONGS_EQUAL(0, w->read(rd, out, 10));
}

TEST(FsPipe, AWaitInterruptedBySignalReturnsItsError) {
  std::string out;
  LONGS_EQUAL(err(Errno::Intr), w->read(rd, out, 10));  // FakeHooks: nobody came
  LONGS_EQUAL(0, call(fs::do_fcntl(w->c, rd, kFSetFl, kONonBlock)));
  LONGS_EQUAL(err(Errno::Again), w->read(rd, out, 10));
}

TEST(FsPipe, FullPipesBlockOrSayEagain) {
  std::string big(65536, 'a');
  LONGS_EQUAL(65536, w->write(wr, big));
  int n = 0;
  LONGS_EQUAL(0, call(fs::do_ioctl(w->c, rd, kFionread, reinterpret_cast<uint64_t>(&n))));
  LONGS_EQUAL(65536, n);
  // Blocking: the writer waits until a reader makes room.
  std::string out;
  FakeHooks::on_block = [&] { LONGS_EQUAL(100, w->read(rd, out, 100)); };
  LONGS_EQUAL(10, w->write(wr, std::string(10, 'b')));
  // A non-blocking write of more than PIPE_BUF writes what fits.
  LONGS_EQUAL(0, call(fs::do_fcntl(w->c, wr, kFSetFl, kONonBlock)));
  LONGS_EQUAL(90, w->write(wr, std::string(5000, 'c')));
  LONGS_EQUAL(err(Errno::Again), w->write(wr, "d"));
  // Small writes are atomic: with 10 bytes free, 20 bytes go nowhere.
  LONGS_EQUAL(10, w->read(rd, out, 10));
  LONGS_EQUAL(err(Errno::Again), w->write(wr, std::string(20, 'e')));
  LONGS_EQUAL(10, w->write(wr, std::string(10, 'f')));
}

TEST(FsPipe, AtomicWritesWaitForRoomForAllOfThem) {
  LONGS_EQUAL(65536 - 100, w->write(wr, std::string(65536 - 100, 'a')));
  std::string out;
  int woken = 0;
  // 100 bytes are free; a 4000-byte write must wait until 4000 are, then go in whole.
  FakeHooks::on_block = [&] {
    ++woken;
    LONGS_EQUAL(4000, w->read(rd, out, 4000));
  };
  LONGS_EQUAL(4000, w->write(wr, std::string(4000, 'z')));
  LONGS_EQUAL(1, woken);
  int n = 0;
  fs::do_ioctl(w->c, rd, kFionread, reinterpret_cast<uint64_t>(&n)).value();
  LONGS_EQUAL(65536 - 100, n);
}

TEST(FsPipe, Capacity) {
  LONGS_EQUAL(65536, call(fs::do_fcntl(w->c, rd, kFGetPipeSz, 0)));
  LONGS_EQUAL(8192, call(fs::do_fcntl(w->c, wr, kFSetPipeSz, 5000)));
  LONGS_EQUAL(4096, call(fs::do_fcntl(w->c, wr, kFSetPipeSz, 1)));
  LONGS_EQUAL(5, w->write(wr, "12345"));
  LONGS_EQUAL(8192, call(fs::do_fcntl(w->c, wr, kFSetPipeSz, 8192)));
  std::string out;
  LONGS_EQUAL(5, w->read(rd, out, 10));
  STRCMP_EQUAL("12345", out.c_str());
  LONGS_EQUAL(err(Errno::Perm), call(fs::do_fcntl(w->as(1000, 1000), wr, kFSetPipeSz, 2 << 20)));
  LONGS_EQUAL(4 << 20, call(fs::do_fcntl(w->c, wr, kFSetPipeSz, 4 << 20)));  // root may
  LONGS_EQUAL(8000, w->write(wr, std::string(8000, 'x')));
  LONGS_EQUAL(err(Errno::Busy), call(fs::do_fcntl(w->c, wr, kFSetPipeSz, 4096)));
}

TEST(FsPipe, Poll) {
  PollFd fds[3] = {{rd, kPollIn, 0}, {wr, kPollOut, 0}, {42, kPollIn, 0}};
  LONGS_EQUAL(2, call(fs::do_poll(w->c, fds, 3, 0)));
  LONGS_EQUAL(0, fds[0].revents);
  LONGS_EQUAL(kPollOut, fds[1].revents);
  LONGS_EQUAL(kPollNval, fds[2].revents);
  LONGS_EQUAL(1, w->write(wr, "x"));
  LONGS_EQUAL(2, call(fs::do_poll(w->c, fds, 2, 0)));
  LONGS_EQUAL(kPollIn, fds[0].revents);
  w->close(wr);
  PollFd hup = {rd, kPollIn, 0};
  LONGS_EQUAL(1, call(fs::do_poll(w->c, &hup, 1, 0)));
  LONGS_EQUAL(kPollIn | kPollHup, hup.revents);
  // A timeout with nothing ready returns 0 when the clock passes the deadline.
  std::string out;
  LONGS_EQUAL(1, w->read(rd, out, 1));
  int fds2[2];
  LONGS_EQUAL(0, call(fs::do_pipe2(w->c, fds2, kOCloexec | kONonBlock)));
  LONGS_EQUAL(kFdCloexec, call(fs::do_fcntl(w->c, fds2[0], kFGetFd, 0)));
  PollFd quiet = {fds2[0], kPollIn, 0};
  LONGS_EQUAL(0, call(fs::do_poll(w->c, &quiet, 1, 5'000'000)));
  // select: the same through fd sets.
  FdSet r{}, wset{};
  r.bits[0] = uint64_t{1} << fds2[0];
  wset.bits[0] = uint64_t{1} << fds2[1];
  LONGS_EQUAL(1, call(fs::do_select(w->c, 64, &r, &wset, nullptr, 0)));
  LONGS_EQUAL(0, r.bits[0]);
  LONGS_EQUAL(uint64_t{1} << fds2[1], wset.bits[0]);
  FdSet badset{};
  badset.bits[0] = uint64_t{1} << 40;
  LONGS_EQUAL(err(Errno::BadF), call(fs::do_select(w->c, 64, &badset, nullptr, nullptr, 0)));
  LONGS_EQUAL(err(Errno::Inval), call(fs::do_select(w->c, 2000, nullptr, nullptr, nullptr, 0)));
}
