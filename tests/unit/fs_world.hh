// tests/unit/fs_world.hh - a whole file system world for the fs host tests.
//
// FsWorld brings up what the kernel brings up at boot (vfs_init: root ramfs, /dev with
// its nodes, the memory devices) over FakePages, a page source of malloc'd pages that can
// be told to run out, and installs FakeHooks: a clock the test moves, a recorder of
// signals, and waits that never sleep - a wait that is not satisfied runs the test's
// `on_block` callback once (to play "another thread") and fails with EINTR if the
// condition still does not hold. Each test gets a fresh world; the teardown closes every
// descriptor and frees everything, so CppUTest's leak checker sees any lost reference.
#pragma once

#include <stdlib.h>
#include <string.h>

#include <functional>
#include <string>
#include <vector>

// After the standard headers: CppUTest's leak checker redefines `new`.
#include <CppUTest/TestHarness.h>

#include "fs/boot.hh"
#include "fs/fd_table.hh"
#include "fs/hooks.hh"
#include "fs/syscalls.hh"
#include "fs/vfs.hh"

namespace fstest {

using ktl::Errno;

struct FakePages {
  static inline size_t allocated = 0;
  static inline size_t limit = ~size_t{0};
  static ktl::Result<uint64_t> alloc_zeroed() {
    if (allocated >= limit) return Errno::NoMem;
    void* p = aligned_alloc(4096, 4096);
    memset(p, 0, 4096);
    ++allocated;
    return reinterpret_cast<uint64_t>(p);
  }
  static void free_page(uint64_t phys) {
    --allocated;
    ::free(reinterpret_cast<void*>(phys));
  }
  static void* address(uint64_t phys) { return reinterpret_cast<void*>(phys); }
  static inline const fs::PageSource source = {alloc_zeroed, free_page, address};
};

struct Signal {
  int target;  // pgid for group signals, 0 for the current thread
  int sig;
};

struct FakeHooks {
  static inline uint64_t clock_ns = 1'000'000'000;
  static inline std::vector<Signal> signals;
  static inline std::function<void()> on_block;
  static inline int blocks = 0;  // waits that were not already satisfied
  static inline int timeouts = 0;
  static inline int group_check = 0;  // 0: ok, else the errno check_group_in_session gives
  static inline bool ttin_ignored = false;

  static void* queue_new(const char*) { return &clock_ns; }
  static void queue_delete(void*) {}
  static ktl::Result<void> wait(void*, bool (*ready)(void*), void* ctx, uint64_t deadline) {
    if (ready(ctx)) return {};
    ++blocks;
    if (on_block) {
      auto fn = on_block;
      on_block = nullptr;
      fn();
      if (ready(ctx)) return {};
    }
    if (deadline && ++timeouts < 100) {  // then a "signal": a polled wait ends somehow
      if (clock_ns < deadline) clock_ns = deadline;
      return Errno::TimedOut;
    }
    return Errno::Intr;
  }
  static void wake_all(void*) {}
  static void signal_current(int sig) { signals.push_back({0, sig}); }
  static void signal_group(int pgid, int sig) { signals.push_back({pgid, sig}); }
  static ktl::Result<void> check_group(int, int) {
    if (group_check) return static_cast<Errno>(group_check);
    return {};
  }
  static bool ignored(int) { return ttin_ignored; }
  static uint64_t monotonic() { return clock_ns; }
  static uapi::Timespec realtime() {
    return {static_cast<int64_t>(clock_ns / 1'000'000'000),
            static_cast<int64_t>(clock_ns % 1'000'000'000)};
  }
  static inline const fs::ProcessHooks table = {queue_new,      queue_delete, wait,        wake_all,
                                                signal_current, signal_group, check_group, ignored,
                                                monotonic,      realtime,     Errno::Intr};

  static void reset() {
    clock_ns = 1'000'000'000;
    signals.clear();
    on_block = nullptr;
    blocks = 0;
    timeouts = 0;
    group_check = 0;
    ttin_ignored = false;
  }
};

// Root (or any user) with a descriptor table and a cwd at "/".
struct FsWorld {
  fs::Caller c;
  fs::FdTable* files = nullptr;
  fs::FsContext* ctx = nullptr;

  explicit FsWorld(size_t max_pages = 1024) {
    FakeHooks::reset();
    fs::install_hooks(&FakeHooks::table);
    FakePages::limit = ~size_t{0};
    CHECK_TRUE(fs::vfs_init(FakePages::source, max_pages).is_ok());
    files = fs::FdTable::create().value();
    ctx = fs::fs_context_new(fs::vfs_root()).value();
    c.files = files;
    c.fs = ctx;
    c.umask = 022;
    c.pid = c.pgid = c.sid = 1;
  }
  ~FsWorld() {
    files->put();
    ctx->put();
    fs::vfs_shutdown();
    fs::install_hooks(nullptr);
    std::vector<Signal>().swap(FakeHooks::signals);  // the leak checker counts capacity
    FakeHooks::on_block = nullptr;
    LONGS_EQUAL(0, FakePages::allocated);
  }

  // The same process with other credentials.
  fs::Caller as(uint32_t uid, uint32_t gid) const {
    fs::Caller other = c;
    other.cred = {uid, gid, uid, gid};
    return other;
  }

  // Shorthands over the system call functions, for kernel buffers.
  long open(const char* path, uint32_t flags, uint32_t mode = 0644) {
    return open(c, path, flags, mode);
  }
  long open(const fs::Caller& who, const char* path, uint32_t flags, uint32_t mode = 0644) {
    auto r = fs::do_openat(who, uapi::kAtFdCwd, path, flags, mode);
    return r.is_ok() ? r.value() : -static_cast<long>(r.error());
  }
  long write(int fd, const std::string& s) { return write(c, fd, s); }
  long write(const fs::Caller& who, int fd, const std::string& s) {
    fs::IoSegment seg;
    auto io = fs::IoCursor::kernel(const_cast<char*>(s.data()), s.size(), seg);
    auto r = fs::do_write(who, fd, io);
    return r.is_ok() ? r.value() : -static_cast<long>(r.error());
  }
  long read(int fd, std::string& out, size_t n) { return read(c, fd, out, n); }
  long read(const fs::Caller& who, int fd, std::string& out, size_t n) {
    out.assign(n, '\0');
    fs::IoSegment seg;
    auto io = fs::IoCursor::kernel(out.data(), n, seg);
    auto r = fs::do_read(who, fd, io);
    if (r.is_error()) {
      out.clear();
      return -static_cast<long>(r.error());
    }
    out.resize(static_cast<size_t>(r.value()));
    return r.value();
  }
  std::string slurp(const char* path) {
    long fd = open(path, uapi::kORdOnly);
    if (fd < 0) return "<error " + std::to_string(-fd) + ">";
    std::string all, chunk;
    while (read(static_cast<int>(fd), chunk, 1000) > 0) all += chunk;
    close(static_cast<int>(fd));
    return all;
  }
  void put_file(const char* path, const std::string& data, uint32_t mode = 0644) {
    long fd = open(path, uapi::kOWrOnly | uapi::kOCreat | uapi::kOTrunc, mode);
    CHECK_TRUE(fd >= 0);
    LONGS_EQUAL(static_cast<long>(data.size()), write(static_cast<int>(fd), data));
    close(static_cast<int>(fd));
  }
  long close(int fd) {
    auto r = fs::do_close(c, fd);
    return r.is_ok() ? 0 : -static_cast<long>(r.error());
  }
  long mkdir(const char* path, uint32_t mode = 0755) { return mkdir(c, path, mode); }
  long mkdir(const fs::Caller& who, const char* path, uint32_t mode = 0755) {
    return result(fs::do_mkdirat(who, uapi::kAtFdCwd, path, mode));
  }
  long symlink(const char* target, const char* path) {
    return result(fs::do_symlinkat(c, target, uapi::kAtFdCwd, path));
  }
  long unlink(const char* path) { return result(fs::do_unlinkat(c, uapi::kAtFdCwd, path, 0)); }
  long rmdir(const char* path) {
    return result(fs::do_unlinkat(c, uapi::kAtFdCwd, path, uapi::kAtRemoveDir));
  }
  long rename(const char* a, const char* b, uint32_t flags = 0) {
    return result(fs::do_renameat2(c, uapi::kAtFdCwd, a, uapi::kAtFdCwd, b, flags));
  }
  long link(const char* a, const char* b, uint32_t flags = 0) {
    return result(fs::do_linkat(c, uapi::kAtFdCwd, a, uapi::kAtFdCwd, b, flags));
  }
  fs::Kstat stat(const char* path, bool follow = true) {
    auto r = fs::do_fstatat(c, uapi::kAtFdCwd, path, follow ? 0 : uapi::kAtSymlinkNoFollow);
    CHECK_TRUE(r.is_ok());
    return r.value();
  }
  long stat_error(const char* path, bool follow = true) {
    auto r = fs::do_fstatat(c, uapi::kAtFdCwd, path, follow ? 0 : uapi::kAtSymlinkNoFollow);
    return r.is_ok() ? 0 : -static_cast<long>(r.error());
  }
  static long result(const ktl::Result<long>& r) {
    return r.is_ok() ? r.value() : -static_cast<long>(r.error());
  }
};

// -ENOENT etc. as a long, for LONGS_EQUAL against the helpers above.
constexpr long err(Errno e) { return -static_cast<long>(e); }

}  // namespace fstest
