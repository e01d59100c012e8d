// Host tests of descriptors: lowest free, dup/dup2/dup3, fcntl, close-on-exec, limits.
#include "fs_world.hh"
#include "uapi/termios.hh"

using fstest::err;
using fstest::FsWorld;
using ktl::Errno;
using namespace uapi;

TEST_GROUP(FsFd) {
  FsWorld* w = nullptr;
  void setup() override {
    w = new FsWorld;
    w->put_file("/f", "0123456789");
  }
  void teardown() override { delete w; }
  long call(ktl::Result<long> r) { return FsWorld::result(r); }
};

TEST(FsFd, LowestFreeNumber) {
  LONGS_EQUAL(0, w->open("/f", kORdOnly));
  LONGS_EQUAL(1, w->open("/f", kORdOnly));
  LONGS_EQUAL(2, w->open("/f", kORdOnly));
  LONGS_EQUAL(0, w->close(1));
  LONGS_EQUAL(1, w->open("/f", kORdOnly));
  LONGS_EQUAL(err(Errno::BadF), w->close(7));
  LONGS_EQUAL(err(Errno::BadF), w->close(-1));
  LONGS_EQUAL(0, w->close(1));
  LONGS_EQUAL(err(Errno::BadF), w->close(1));
}

TEST(FsFd, DupSharesThePosition) {
  int fd = static_cast<int>(w->open("/f", kORdOnly));
  long copy = call(fs::do_dup(w->c, fd));
  LONGS_EQUAL(1, copy);
  std::string out;
  LONGS_EQUAL(3, w->read(fd, out, 3));
  LONGS_EQUAL(3, w->read(static_cast<int>(copy), out, 3));
  STRCMP_EQUAL("345", out.c_str());
  LONGS_EQUAL(err(Errno::BadF), call(fs::do_dup(w->c, 9)));
  // A second open has its own position.
  int other = static_cast<int>(w->open("/f", kORdOnly));
  LONGS_EQUAL(3, w->read(other, out, 3));
  STRCMP_EQUAL("012", out.c_str());
}

TEST(FsFd, Dup2AndDup3) {
  int fd = static_cast<int>(w->open("/f", kORdOnly));
  int other = static_cast<int>(w->open("/f", kORdWr));
  LONGS_EQUAL(5, call(fs::do_dup2(w->c, fd, 5)));
  LONGS_EQUAL(other, call(fs::do_dup2(w->c, other, other)));  // checks, returns, no change
  LONGS_EQUAL(err(Errno::BadF), call(fs::do_dup2(w->c, 9, 9)));
  LONGS_EQUAL(err(Errno::Inval), call(fs::do_dup3(w->c, other, other, 0)));
  LONGS_EQUAL(err(Errno::Inval), call(fs::do_dup3(w->c, other, 6, kONonBlock)));
  LONGS_EQUAL(other, call(fs::do_dup2(w->c, fd, other)));  // replaces the RDWR file
  LONGS_EQUAL(err(Errno::BadF), w->write(other, "x"));
  LONGS_EQUAL(7, call(fs::do_dup3(w->c, fd, 7, kOCloexec)));
  LONGS_EQUAL(kFdCloexec, call(fs::do_fcntl(w->c, 7, kFGetFd, 0)));
  LONGS_EQUAL(0, call(fs::do_fcntl(w->c, 5, kFGetFd, 0)));
  LONGS_EQUAL(err(Errno::BadF), call(fs::do_dup2(w->c, fd, 1024)));  // RLIMIT_NOFILE
  LONGS_EQUAL(err(Errno::BadF), call(fs::do_dup2(w->c, fd, -1)));
  LONGS_EQUAL(4, w->files->open_count());
}

TEST(FsFd, Fcntl) {
  int fd = static_cast<int>(w->open("/f", kORdWr | kOAppend | kOCloexec));
  LONGS_EQUAL(kORdWr | kOAppend | kOLargeFile, call(fs::do_fcntl(w->c, fd, kFGetFl, 0)));
  LONGS_EQUAL(kFdCloexec, call(fs::do_fcntl(w->c, fd, kFGetFd, 0)));
  LONGS_EQUAL(0, call(fs::do_fcntl(w->c, fd, kFSetFl, kONonBlock | kORdOnly | kOTrunc)));
  LONGS_EQUAL(kORdWr | kONonBlock | kOLargeFile, call(fs::do_fcntl(w->c, fd, kFGetFl, 0)));
  LONGS_EQUAL(0, call(fs::do_fcntl(w->c, fd, kFSetFd, 0)));
  LONGS_EQUAL(0, call(fs::do_fcntl(w->c, fd, kFGetFd, 0)));
  LONGS_EQUAL(10, call(fs::do_fcntl(w->c, fd, kFDupFd, 10)));
  LONGS_EQUAL(11, call(fs::do_fcntl(w->c, fd, kFDupFdCloexec, 10)));
  LONGS_EQUAL(kFdCloexec, call(fs::do_fcntl(w->c, 11, kFGetFd, 0)));
  LONGS_EQUAL(err(Errno::Inval), call(fs::do_fcntl(w->c, fd, kFDupFd, 1024)));
  LONGS_EQUAL(err(Errno::Inval), call(fs::do_fcntl(w->c, fd, 9999, 0)));
  LONGS_EQUAL(err(Errno::BadF), call(fs::do_fcntl(w->c, 42, kFGetFd, 0)));
  LONGS_EQUAL(err(Errno::BadF), call(fs::do_fcntl(w->c, fd, kFGetPipeSz, 0)));
  // The status flags belong to the open file: the dup sees O_NONBLOCK too.
  LONGS_EQUAL(kORdWr | kONonBlock | kOLargeFile, call(fs::do_fcntl(w->c, 10, kFGetFl, 0)));
}

TEST(FsFd, CloseOnExec) {
  int keep = static_cast<int>(w->open("/f", kORdOnly));
  int drop = static_cast<int>(w->open("/f", kORdOnly | kOCloexec));
  w->files->close_on_exec();
  LONGS_EQUAL(0, call(fs::do_fcntl(w->c, keep, kFGetFd, 0)));
  LONGS_EQUAL(err(Errno::BadF), call(fs::do_fcntl(w->c, drop, kFGetFd, 0)));
}

TEST(FsFd, RlimitNofile) {
  w->c.nofile_limit = 4;
  for (int i = 0; i < 4; ++i) LONGS_EQUAL(i, w->open("/f", kORdOnly));
  LONGS_EQUAL(err(Errno::MFile), w->open("/f", kORdOnly));
  LONGS_EQUAL(err(Errno::MFile), w->open("/new", kOWrOnly | kOCreat));
  LONGS_EQUAL(err(Errno::NoEnt), w->stat_error("/new"));  // nothing made before EMFILE
  LONGS_EQUAL(err(Errno::MFile), call(fs::do_dup(w->c, 0)));
  int fds[2];
  LONGS_EQUAL(err(Errno::MFile), call(fs::do_pipe2(w->c, fds, 0)));
  w->close(3);
  LONGS_EQUAL(err(Errno::MFile), call(fs::do_pipe2(w->c, fds, 0)));  // needs two
  LONGS_EQUAL(3, w->files->open_count());
}

TEST(FsFd, TablesGrowAndCopy) {
  w->c.nofile_limit = 5000;
  int fd = static_cast<int>(w->open("/f", kORdOnly));
  LONGS_EQUAL(4000, call(fs::do_dup2(w->c, fd, 4000)));
  fs::FdTable* child = w->files->copy().value();
  fs::Caller kid = w->c;
  kid.files = child;
  std::string out;
  LONGS_EQUAL(2, w->read(kid, 4000, out, 2));  // shared open file: shared position
  LONGS_EQUAL(2, w->read(fd, out, 2));
  STRCMP_EQUAL("23", out.c_str());
  child->put();
  LONGS_EQUAL(2, w->files->open_count());
}

TEST(FsFd, IoctlBasics) {
  int fd = static_cast<int>(w->open("/f", kORdOnly));
  int n = -1;
  LONGS_EQUAL(0, call(fs::do_ioctl(w->c, fd, kFionread, reinterpret_cast<uint64_t>(&n))));
  LONGS_EQUAL(10, n);
  int on = 1;
  LONGS_EQUAL(0, call(fs::do_ioctl(w->c, fd, kFionbio, reinterpret_cast<uint64_t>(&on))));
  CHECK(call(fs::do_fcntl(w->c, fd, kFGetFl, 0)) & kONonBlock);
  LONGS_EQUAL(err(Errno::NoTty), call(fs::do_ioctl(w->c, fd, kTcgets, 0)));
  LONGS_EQUAL(err(Errno::BadF), call(fs::do_ioctl(w->c, 77, kTcgets, 0)));
}
