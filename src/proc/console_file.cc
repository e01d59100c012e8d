// proc/console_file.cc - fds 0-2 of the first process: the serial console as a file.
//
// Writes copy the user's bytes through a small kernel buffer to arch::Console, holding
// a lock so that two programs' lines do not interleave mid-chunk. Reads poll the port
// (there is no UART interrupt yet), sleeping a tick between polls, and return what has
// arrived, at least one byte, ending at a newline: enough for `read` to work and for a
// shell to come later, when the tty (the files issue) replaces all of this with line
// editing, echo and job control. TIOCGWINSZ answers ENOTTY, so libc treats the console
// as a plain stream.
#include <arch/console.hh>
#include <arch/context.hh>
#include <new>

#include "proc/fd_table.hh"
#include "proc/restart.hh"
#include "proc/wait_queue.hh"
#include "syscalls/uaccess.hh"
#include "uapi/misc.hh"

namespace proc {
namespace {

constexpr size_t kChunk = 256;
constexpr uint64_t kPollNs = 10'000'000;
ktl::SpinLock console_lock{"console writes"};

ktl::Result<size_t> console_write(File*, uint64_t buf, size_t n) {
  char chunk[kChunk];
  size_t done = 0;
  while (done < n) {
    size_t len = n - done < kChunk ? n - done : kChunk;
    auto copied = uaccess::copy_from_user(chunk, buf + done, len);
    if (copied.is_error()) {
      if (done) break;  // a short write, as Linux reports it
      return copied.error();
    }
    ktl::SpinGuard guard(console_lock);
    arch::Console::write(chunk, len);
    done += len;
  }
  return done;
}

ktl::Result<size_t> console_read(File*, uint64_t buf, size_t n) {
  if (n == 0) return size_t{0};
  char chunk[kChunk];
  size_t got = 0;
  while (got == 0) {
    for (int c; got < n && got < kChunk && (c = arch::Console::poll_char()) >= 0;) {
      chunk[got++] = c == '\r' ? '\n' : static_cast<char>(c);
      if (chunk[got - 1] == '\n') break;
    }
    if (got) break;
    if (sleep_until(arch::Timer::now_ns() + kPollNs, true) == WakeReason::Signal)
      return kRestartSys;
  }
  TRY(uaccess::copy_to_user(buf, chunk, got));
  return got;
}

ktl::Result<long> console_ioctl(File*, unsigned long, uint64_t) { return ktl::Errno::NoTty; }

constexpr FileOps kConsoleOps = {console_read, console_write, console_ioctl};

}  // namespace

ktl::Result<File*> console_file() {
  File* f = new (std::nothrow) File;
  if (!f) return ktl::Errno::NoMem;
  f->ops = &kConsoleOps;
  f->flags = uapi::kORdWr;
  return f;
}

}  // namespace proc
