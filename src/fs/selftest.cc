// fs/selftest.cc - `test=vfs`: the file system in the running kernel (kernel only).
//
// The host unit tests check the logic; this checks it on the real page allocator, heap
// and locks of both architectures: a file of several pages written and read back, a
// sparse file, directories, rename, a pipe, /dev/zero and /dev/null, and finally that
// every page the test used has come back to the allocator.
#include "fs/boot.hh"
#include "fs/fd_table.hh"
#include "fs/kernel_boot.hh"
#include "fs/syscalls.hh"
#include "lib/printk.hh"
#include "lib/string.hh"
#include "mm/mm.hh"

namespace fs {
namespace {

bool check(bool ok, const char* what) {
  if (!ok) printk("vfs selftest: %s failed\n", what);
  return ok;
}

long rw(const Caller& c, int fd, void* buf, size_t n, bool write) {
  IoSegment seg;
  IoCursor io = IoCursor::kernel(buf, n, seg);
  auto r = write ? do_write(c, fd, io) : do_read(c, fd, io);
  return r.is_ok() ? r.value() : -static_cast<long>(r.error());
}

// Runs the checks with a descriptor table and cwd of its own.
bool exercise(Caller& c) {
  static char page[3 * 4096 + 100], back[sizeof page];
  for (size_t i = 0; i < sizeof page; ++i) page[i] = static_cast<char>(i * 7 + 3);
  bool ok = check(do_mkdirat(c, uapi::kAtFdCwd, "/selftest", 0755).is_ok(), "mkdir");
  auto fd = do_openat(c, uapi::kAtFdCwd, "/selftest/file", uapi::kORdWr | uapi::kOCreat, 0644);
  ok = ok && check(fd.is_ok(), "open O_CREAT");
  if (!ok) return false;
  int f = static_cast<int>(fd.value());
  ok &= check(rw(c, f, page, sizeof page, true) == sizeof page, "write 3 pages");
  ok &= check(do_lseek(c, f, 0, uapi::kSeekSet).is_ok(), "lseek");
  ok &= check(rw(c, f, back, sizeof back, false) == sizeof back, "read back");
  ok &= check(memcmp(page, back, sizeof page) == 0, "data intact");
  ok &= check(do_ftruncate(c, f, 1 << 20).is_ok(), "sparse extend");
  ok &= check(do_fstat(c, f).value().size == 1 << 20, "size");
  ok &=
      check(do_renameat2(c, uapi::kAtFdCwd, "/selftest/file", uapi::kAtFdCwd, "/selftest/moved", 0)
                .is_ok(),
            "rename");
  ok &= check(do_unlinkat(c, uapi::kAtFdCwd, "/selftest/moved", 0).is_ok(), "unlink");
  ok &= check(do_close(c, f).is_ok(), "close");
  ok &= check(do_unlinkat(c, uapi::kAtFdCwd, "/selftest", uapi::kAtRemoveDir).is_ok(), "rmdir");
  int p[2];
  ok &= check(do_pipe2(c, p, 0).is_ok(), "pipe2");
  ok &= check(rw(c, p[1], page, 5000, true) == 5000, "pipe write");
  ok &= check(rw(c, p[0], back, sizeof back, false) == 5000, "pipe read");
  ok &= check(memcmp(page, back, 5000) == 0, "pipe data");
  do_close(c, p[1]).release_value();
  ok &= check(rw(c, p[0], back, 10, false) == 0, "pipe EOF");
  do_close(c, p[0]).release_value();
  auto zero = do_openat(c, uapi::kAtFdCwd, "/dev/zero", uapi::kORdOnly, 0);
  ok &= check(zero.is_ok() && rw(c, static_cast<int>(zero.value()), back, 100, false) == 100 &&
                  back[0] == 0 && back[99] == 0,
              "/dev/zero");
  auto null = do_openat(c, uapi::kAtFdCwd, "/dev/null", uapi::kOWrOnly, 0);
  ok &= check(null.is_ok() && rw(c, static_cast<int>(null.value()), page, 10, true) == 10,
              "/dev/null");
  return ok;
}

}  // namespace

bool selftest() {
  if (!vfs_root()) {
    printk("vfs selftest: the file system was not booted (fs::boot_filesystems)\n");
    return false;
  }
  mm::heap_trim();
  size_t before = mm::free_pages();
  FdTable* files = FdTable::create().value_or(nullptr);
  FsContext* ctx = fs_context_new(vfs_root()).value_or(nullptr);
  if (!files || !ctx) return false;
  Caller c = kernel_caller();
  c.files = files;
  c.fs = ctx;
  bool ok = exercise(c);
  files->put();
  ctx->put();
  mm::heap_trim();
  size_t after = mm::free_pages();
  printk("vfs selftest: free pages %zu before, %zu after\n", before, after);
  return ok && check(before == after, "every page returned");
}

}  // namespace fs
