// fs/poll.cc - poll, ppoll and pselect6: waiting for any of several files.
//
// Each file says what it is ready for now (FileOps::poll: readable, writable, hung up,
// in error). A poller scans its descriptors; if nothing is ready and it may wait, it
// sleeps on the one poll channel until *some* file anywhere changes state - every
// WaitChannel::wake_all bumps a generation counter and wakes the channel - and scans
// again. That trades precision (every poller rescans on every event) for a very small
// mechanism; epoll (the IPC issue) will register per-file waiters instead.
// Terminals on a polled console get no input interrupt, so while a terminal is among
// the descriptors the sleep is cut to 10 ms and the scan polls the device.
#include <new>

#include "fs/fd_table.hh"
#include "fs/syscalls.hh"
#include "fs/tty.hh"
#include "lib/string.hh"

namespace fs {
namespace {

WaitChannel poll_waiters;             // made by poll_init
ktl::Atomic<uint64_t> generation{0};  // bumped by every wake-up
constexpr uint64_t kPolledDeviceNs = 10'000'000;
constexpr uint32_t kAlways = uapi::kPollErr | uapi::kPollHup | uapi::kPollNval;

// One scan: fills revents, returns how many descriptors have events. *polled_tty is set
// when a descriptor is a terminal (see the file comment).
long scan(const Caller& c, uapi::PollFd* fds, size_t nfds, bool* polled_tty) {
  long ready = 0;
  for (size_t i = 0; i < nfds; ++i) {
    uapi::PollFd& p = fds[i];
    p.revents = 0;
    if (p.fd < 0) continue;
    auto f = c.files->get(p.fd);
    uint32_t mask;
    if (f.is_error()) {
      mask = uapi::kPollNval;
    } else {
      OpenFile& file = *f.value();
      if (file.ops == &kTtyFileOps) *polled_tty = true;
      mask = file.ops->poll
                 ? file.ops->poll(file)
                 : uapi::kPollIn | uapi::kPollOut | uapi::kPollRdNorm | uapi::kPollWrNorm;
    }
    p.revents = static_cast<int16_t>(mask & (static_cast<uint16_t>(p.events) | kAlways));
    if (p.revents) ++ready;
  }
  return ready;
}

}  // namespace

Result<void> poll_init() { return poll_waiters.init("poll"); }

void poll_notify(WaitChannel* woken) {
  generation.fetch_add(1);
  if (woken != &poll_waiters) poll_waiters.wake_all();
}

Result<long> do_poll(const Caller& c, uapi::PollFd* fds, size_t nfds, int64_t timeout_ns) {
  if (nfds > c.nofile_limit) return Errno::Inval;
  uint64_t deadline = 0;
  if (timeout_ns > 0) deadline = hooks().monotonic_ns() + static_cast<uint64_t>(timeout_ns);
  for (;;) {
    uint64_t seen = generation.load();
    bool polled_tty = false;
    long ready = scan(c, fds, nfds, &polled_tty);
    if (ready || timeout_ns == 0) return ready;
    uint64_t now = hooks().monotonic_ns();
    if (deadline && now >= deadline) return 0;
    uint64_t until = deadline;
    if (polled_tty && (!until || now + kPolledDeviceNs < until)) until = now + kPolledDeviceNs;
    auto changed = [seen] { return generation.load() != seen; };
    auto r = poll_waiters.wait_until(changed, until);
    if (r.is_error() && r.error() != Errno::TimedOut) return r.error();
  }
}

Result<long> do_select(const Caller& c, int nfds, uapi::FdSet* read, uapi::FdSet* write,
                       uapi::FdSet* except, int64_t timeout_ns) {
  if (nfds < 0 || nfds > uapi::kFdSetSize) return Errno::Inval;
  uapi::FdSet* sets[3] = {read, write, except};
  uapi::FdSet in[3] = {};
  for (int k = 0; k < 3; ++k)
    if (sets[k]) in[k] = *sets[k];
  auto is_set = [](const uapi::FdSet& s, int fd) { return (s.bits[fd / 64] >> (fd % 64)) & 1; };
  // select's sets become one poll array over the descriptors named in any set.
  uapi::PollFd* fds = new (std::nothrow) uapi::PollFd[nfds > 0 ? nfds : 1];
  if (!fds) return Errno::NoMem;
  size_t n = 0;
  for (int fd = 0; fd < nfds; ++fd) {
    int16_t events = 0;
    if (is_set(in[0], fd)) events |= uapi::kPollIn;
    if (is_set(in[1], fd)) events |= uapi::kPollOut;
    if (is_set(in[2], fd)) events |= uapi::kPollPri;
    if (events) fds[n++] = {fd, events, 0};
  }
  auto r = do_poll(c, fds, n, timeout_ns);
  uapi::FdSet out[3] = {};
  long count = 0;
  // What each set reports: readable (or hung up / in error), writable, exceptional.
  const int16_t kMeans[3] = {uapi::kPollIn | uapi::kPollHup | uapi::kPollErr,
                             uapi::kPollOut | uapi::kPollErr, uapi::kPollPri};
  for (size_t i = 0; i < n && r.is_ok(); ++i) {
    if (fds[i].revents & uapi::kPollNval) r = Errno::BadF;
    for (int k = 0; k < 3 && r.is_ok(); ++k) {
      int fd = fds[i].fd;
      if (is_set(in[k], fd) && (fds[i].revents & kMeans[k])) {
        out[k].bits[fd / 64] |= uint64_t{1} << (fd % 64);
        ++count;
      }
    }
  }
  delete[] fds;
  if (r.is_error()) return r.error();
  for (int k = 0; k < 3; ++k)
    if (sets[k]) *sets[k] = out[k];
  return count;
}

}  // namespace fs
