// fs/devfs.cc - the memory devices, the terminal nodes and /dev's contents.
#include "fs/devfs.hh"

#include "fs/devices.hh"
#include "fs/random.hh"
#include "fs/vfs.hh"
#include "lib/string.hh"

namespace fs {
namespace {

// Fills the cursor with zeros or random bytes.
Result<size_t> fill(IoCursor& out, bool random) {
  char buf[256];
  if (!random) memset(buf, 0, sizeof buf);
  size_t done = 0;
  while (out.remaining() > 0) {
    size_t n = out.remaining() < sizeof buf ? out.remaining() : sizeof buf;
    if (random) random_bytes(buf, n);
    auto copied = out.copy_out(buf, n);
    if (copied.is_error()) return partial_or(done, copied.error());
    done += copied.value();
  }
  return done;
}

Result<size_t> read_eof(OpenFile&, const Caller&, IoCursor&, uint64_t*) { return size_t{0}; }
Result<size_t> read_zeros(OpenFile&, const Caller&, IoCursor& out, uint64_t*) {
  return fill(out, false);
}
Result<size_t> read_random(OpenFile&, const Caller&, IoCursor& out, uint64_t*) {
  return fill(out, true);
}
// Like Linux, a write to /dev/null or /dev/zero does not even look at the buffer.
Result<size_t> write_sink(OpenFile&, const Caller&, IoCursor& in, uint64_t*) {
  return in.remaining();
}
Result<size_t> write_full(OpenFile&, const Caller&, IoCursor&, uint64_t*) { return Errno::NoSpc; }
Result<size_t> write_random(OpenFile&, const Caller&, IoCursor& in, uint64_t*) {
  char buf[256];
  size_t done = 0;
  while (in.remaining() > 0) {
    auto got = in.copy_in(buf, sizeof buf);
    if (got.is_error()) return partial_or(done, got.error());
    random_mix(buf, got.value());
    done += got.value();
  }
  return done;
}

const FileOps kNullOps = {read_eof, write_sink, nullptr, nullptr, nullptr, true};
const FileOps kZeroOps = {read_zeros, write_sink, nullptr, nullptr, nullptr, true};
const FileOps kFullOps = {read_zeros, write_full, nullptr, nullptr, nullptr, true};
const FileOps kRandomOps = {read_random, write_random, nullptr, nullptr, nullptr, true};

const CharDevice kNull = {&kNullOps, nullptr, nullptr};
const CharDevice kZero = {&kZeroOps, nullptr, nullptr};
const CharDevice kFull = {&kFullOps, nullptr, nullptr};
const CharDevice kRandom = {&kRandomOps, nullptr, nullptr};

Tty* console_tty = nullptr;  // set at boot

// /dev/console and /dev/ttyS0: the console terminal itself.
Result<void> open_console(OpenFile& f, const Caller& c, uint32_t minor) {
  f.private_data = console_tty;
  console_tty->on_open(c, f.flags, minor != kConsoleMinor);
  return {};
}
// /dev/tty: the caller's controlling terminal.
Result<void> open_controlling(OpenFile& f, const Caller& c, uint32_t) {
  if (!console_tty || c.sid == 0 || console_tty->session() != c.sid) return Errno::NxIo;
  f.private_data = console_tty;
  return {};
}

const CharDevice kConsole = {&kTtyFileOps, open_console, nullptr};
const CharDevice kControlling = {&kTtyFileOps, open_controlling, nullptr};

constexpr uint32_t kSerialMajor = 4, kSerialMinor = 64;

struct Node {
  const char* name;
  uint32_t major, minor, perm;
};
constexpr Node kNodes[] = {
    {"null", kMemMajor, kNullMinor, 0666},       {"zero", kMemMajor, kZeroMinor, 0666},
    {"full", kMemMajor, kFullMinor, 0666},       {"random", kMemMajor, kRandomMinor, 0666},
    {"urandom", kMemMajor, kUrandomMinor, 0666}, {"tty", kTtyMajor, kTtyMinor, 0666},
    {"console", kTtyMajor, kConsoleMinor, 0600}, {"ttyS0", kSerialMajor, kSerialMinor, 0660},
};

}  // namespace

Result<void> register_memory_devices() {
  TRY(register_char_device(kMemMajor, kNullMinor, &kNull));
  TRY(register_char_device(kMemMajor, kZeroMinor, &kZero));
  TRY(register_char_device(kMemMajor, kFullMinor, &kFull));
  TRY(register_char_device(kMemMajor, kRandomMinor, &kRandom));
  TRY(register_char_device(kMemMajor, kUrandomMinor, &kRandom));
  return {};
}

Result<void> register_console_tty(Tty* tty) {
  console_tty = tty;
  TRY(register_char_device(kTtyMajor, kConsoleMinor, &kConsole));
  TRY(register_char_device(kSerialMajor, kSerialMinor, &kConsole));
  TRY(register_char_device(kTtyMajor, kTtyMinor, &kControlling));
  return {};
}

void unregister_devices() {
  for (const Node& n : kNodes) unregister_char_device(n.major, n.minor);
  console_tty = nullptr;
}

Result<void> populate_dev(const Caller& root, Dentry* dev) {
  Caller c = root;
  c.umask = 0;
  for (const Node& n : kNodes) {
    Ref<Dentry> d = TRY(create_in(c, dev, n.name, strlen(n.name), uapi::kSIfChr, n.perm,
                                  uapi::make_dev(n.major, n.minor), nullptr));
  }
  return {};
}

}  // namespace fs
