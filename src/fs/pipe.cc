// fs/pipe.cc - the pipe ring buffer, its blocking ends, and pipe2.
#include "fs/pipe.hh"

#include <new>

#include "lib/string.hh"
#include "uapi/poll.hh"
#include "uapi/signal.hh"
#include "uapi/termios.hh"

namespace fs {

struct Pipe {
  Lock lock{"pipe"};
  char* ring = nullptr;  // lock
  size_t capacity = 0;   // lock
  size_t head = 0;       // lock: index of the oldest byte
  size_t count = 0;      // lock: bytes held
  int readers = 0;       // lock: open read ends
  int writers = 0;       // lock: open write ends
  WaitChannel waiters;   // readers and writers both sleep here

  size_t space() const { return capacity - count; }
  // Copies n bytes out of / into the ring (lock held; n fits).
  void take(char* dst, size_t n) {
    size_t first = capacity - head < n ? capacity - head : n;
    memcpy(dst, ring + head, first);
    memcpy(dst + first, ring, n - first);
    head = (head + n) % capacity;
    count -= n;
  }
  void put(const char* src, size_t n) {
    size_t tail = (head + count) % capacity;
    size_t first = capacity - tail < n ? capacity - tail : n;
    memcpy(ring + tail, src, first);
    memcpy(ring, src + first, n - first);
    count += n;
  }
};

namespace {

Pipe* pipe_of(OpenFile& f) { return static_cast<Pipe*>(f.private_data); }

// LAB 9 pipes: BEGIN
bool nonblocking(OpenFile& f) { return f.status_flags() & uapi::kONonBlock; }

// Reads what the pipe holds, waiting (unless O_NONBLOCK) while it is empty and a writer
// exists. Bytes are taken out under the lock and copied to the caller after it.
Result<size_t> pipe_read(OpenFile& f, const Caller&, IoCursor& out, uint64_t*) {
  Pipe* p = pipe_of(f);
  if (out.remaining() == 0) return size_t{0};
  Bounce bounce;
  if (!bounce.ok()) return Errno::NoMem;
  size_t done = 0;
  for (;;) {
    size_t n = 0;
    {
      Guard g(p->lock);
      if (p->count > 0) {
        n = p->count < out.remaining() ? p->count : out.remaining();
        if (n > Bounce::kSize) n = Bounce::kSize;
        p->take(bounce.data(), n);
      } else if (done > 0 || p->writers == 0) {
        return done;
      }
    }
    if (n == 0) {
      if (nonblocking(f)) return Errno::Again;
      auto ready = [p] {
        Guard g(p->lock);
        return p->count > 0 || p->writers == 0;
      };
      TRY(p->waiters.wait_until(ready));
      continue;
    }
    p->waiters.wake_all();  // room for writers
    auto copied = out.copy_out(bounce.data(), n);
    if (copied.is_error()) return partial_or(done, copied.error());
    done += copied.value();
    if (out.remaining() == 0) return done;
  }
}

// Writes everything (waiting for room unless O_NONBLOCK); a write of at most PIPE_BUF
// bytes goes in whole or not at all.
Result<size_t> pipe_write(OpenFile& f, const Caller&, IoCursor& in, uint64_t*) {
  Pipe* p = pipe_of(f);
  size_t total = in.remaining();
  if (total == 0) return size_t{0};
  bool atomic = total <= uapi::kPipeBuf;
  Bounce bounce;
  if (!bounce.ok()) return Errno::NoMem;
  size_t done = 0;
  while (in.remaining() > 0) {
    auto got = in.copy_in(bounce.data(), Bounce::kSize);
    if (got.is_error()) return partial_or(done, got.error());
    size_t chunk = got.value(), put = 0;
    while (put < chunk) {
      size_t need = atomic ? chunk - put : 1;
      bool no_readers = false, wrote = false;
      {
        Guard g(p->lock);
        if (p->readers == 0) {
          no_readers = true;
        } else if (p->space() >= need) {
          size_t n = p->space() < chunk - put ? p->space() : chunk - put;
          p->put(bounce.data() + put, n);
          put += n;
          wrote = true;
        }
      }
      if (no_readers) {
        hooks().signal_current(uapi::kSigPipe);
        return partial_or(done + put, Errno::Pipe);
      }
      if (wrote) {
        p->waiters.wake_all();
        continue;
      }
      if (nonblocking(f)) return partial_or(done + put, Errno::Again);
      auto ready = [p, need] {
        Guard g(p->lock);
        return p->readers == 0 || p->space() >= need;
      };
      if (auto r = p->waiters.wait_until(ready); r.is_error())
        return partial_or(done + put, r.error());
    }
    done += put;
  }
  return done;
}
// LAB 9: STUB
// Result<size_t> pipe_read(OpenFile&, const Caller&, IoCursor&, uint64_t*) {
//   return Errno::NoSys;  // lab 9: read from the ring, wait while empty, EOF
// }
// Result<size_t> pipe_write(OpenFile&, const Caller&, IoCursor&, uint64_t*) {
//   return Errno::NoSys;  // lab 9: write to the ring, PIPE_BUF atomicity, EPIPE
// }
// LAB 9: END

Result<long> pipe_ioctl(OpenFile& f, const Caller& c, unsigned long cmd, uint64_t arg) {
  if (cmd != uapi::kFionread) return Errno::NoTty;
  int n;
  {
    Guard g(pipe_of(f)->lock);
    n = static_cast<int>(pipe_of(f)->count);
  }
  TRY(c.memory->copy_to(arg, &n, sizeof n));
  return 0;
}

uint32_t pipe_poll(OpenFile& f) {
  Pipe* p = pipe_of(f);
  Guard g(p->lock);
  uint32_t mask = 0;
  if (f.readable()) {
    if (p->count > 0) mask |= uapi::kPollIn | uapi::kPollRdNorm;
    if (p->writers == 0) mask |= uapi::kPollHup;
  }
  if (f.writable()) {
    if (p->space() >= uapi::kPipeBuf || p->space() == p->capacity)
      mask |= uapi::kPollOut | uapi::kPollWrNorm;
    if (p->readers == 0) mask |= uapi::kPollErr;
  }
  return mask;
}

void pipe_release(OpenFile& f) {
  Pipe* p = pipe_of(f);
  bool last;
  {
    Guard g(p->lock);
    if (f.readable()) --p->readers;
    if (f.writable()) --p->writers;
    last = p->readers == 0 && p->writers == 0;
  }
  if (!last) {
    p->waiters.wake_all();  // EOF for readers, EPIPE for writers
    return;
  }
  delete[] p->ring;
  delete p;
}

const FileOps kPipeOps = {pipe_read, pipe_write, pipe_ioctl, pipe_poll, pipe_release, false};

// Pipe inodes belong to no directory: a small anonymous file system that only counts.
Result<Inode*> pipefs_alloc(Superblock& sb, uint32_t type) {
  Inode* inode = new (std::nothrow) Inode;
  if (!inode) return Errno::NoMem;
  inode->sb = &sb;
  inode->ino = sb.next_ino.fetch_add(1);
  inode->type = type;
  return inode;
}
void pipefs_free(Inode* inode) { delete inode; }
void pipefs_statfs(Superblock& sb, uapi::Statfs& out) {
  out = {};
  out.type = sb.magic;
  out.bsize = 4096;
  out.namelen = uapi::kNameMax;
}
const SuperOps kPipefsOps = {pipefs_alloc, pipefs_free, pipefs_statfs};
Superblock pipefs = {&kPipefsOps, uapi::make_dev(0, 0xfe), uapi::kPipefsMagic};

size_t round_to_pages(uint64_t size) {
  size_t s = 4096;
  while (s < size && s < (size_t{1} << 30)) s <<= 1;
  return s;
}

}  // namespace

bool is_pipe(const OpenFile& f) { return f.ops == &kPipeOps; }

Result<void> pipe_create(const Caller& c, uint32_t flags, Ref<OpenFile>& read_end,
                         Ref<OpenFile>& write_end) {
  if (flags & ~(uapi::kONonBlock | uapi::kOCloexec)) return Errno::Inval;
  Pipe* p = new (std::nothrow) Pipe;
  char* ring = new (std::nothrow) char[kPipeDefaultSize];
  auto inode = pipefs_alloc(pipefs, uapi::kSIfIfo);
  if (!p || !ring || inode.is_error() || p->waiters.init("pipe").is_error()) {
    delete p;
    delete[] ring;
    if (inode.is_ok()) delete inode.value();
    return Errno::NoMem;
  }
  Ref<Inode> node = Ref<Inode>::adopt(inode.value());
  node->perm = 0600;
  node->uid = c.cred.euid;
  node->gid = c.cred.egid;
  node->nlink = 1;
  node->atime = node->mtime = node->ctime = now();
  p->ring = ring;
  p->capacity = kPipeDefaultSize;
  uint32_t status = flags & uapi::kONonBlock;
  auto r = open_file_new(&kPipeOps, nullptr, node.get(), uapi::kORdOnly | status, p);
  if (r.is_error()) {
    delete[] ring;
    delete p;
    return r.error();
  }
  p->readers = 1;
  auto w = open_file_new(&kPipeOps, nullptr, node.get(), uapi::kOWrOnly | status, p);
  if (w.is_error()) return w.error();  // dropping the read end frees the pipe
  p->writers = 1;
  read_end = r.release_value();
  write_end = w.release_value();
  return {};
}

Result<long> pipe_get_size(OpenFile& f) {
  if (!is_pipe(f)) return Errno::BadF;
  Guard g(pipe_of(f)->lock);
  return static_cast<long>(pipe_of(f)->capacity);
}

Result<long> pipe_set_size(const Caller& c, OpenFile& f, uint64_t size) {
  if (!is_pipe(f)) return Errno::BadF;
  if (size > (uint64_t{1} << 31)) return Errno::Inval;
  size_t want = round_to_pages(size);
  if (want > kPipeMaxSizeUser && c.cred.euid != 0) return Errno::Perm;
  char* ring = new (std::nothrow) char[want];
  if (!ring) return Errno::NoMem;
  Pipe* p = pipe_of(f);
  char* old;
  {
    Guard g(p->lock);
    if (p->count > want) {
      old = ring;
    } else {
      size_t n = p->count;
      p->take(ring, n);  // linearise into the new ring
      old = p->ring;
      p->ring = ring;
      p->capacity = want;
      p->head = 0;
      p->count = n;
    }
  }
  delete[] old;
  if (old == ring) return Errno::Busy;
  p->waiters.wake_all();
  return static_cast<long>(want);
}

}  // namespace fs
