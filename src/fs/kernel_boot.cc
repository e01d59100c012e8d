// fs/kernel_boot.cc - boot_filesystems: ramfs root, /dev, console terminal, initrd.
//
// ramfs may use three quarters of the pages free at boot, so a full file system leaves
// the kernel room to run (and to report ENOSPC). The initrd is unpacked through
// initrd::Archive::for_each; until the archive reader has it, the kernel says so and
// boots with an empty root (programs still load from the initrd directly).
#include "fs/kernel_boot.hh"

#include <arch/context.hh>
#include <arch/layout.hh>

#include "fs/boot.hh"
#include "fs/console_tty.hh"
#include "fs/initrd.hh"
#include "fs/kernel_hooks.hh"
#include "fs/page_source.hh"
#include "fs/random.hh"
#include "fs/unpack.hh"
#include "lib/printk.hh"
#include "mm/mm.hh"

namespace fs {
namespace {

template <class A>
concept WalkableArchive = requires(const A& a) {
  a.for_each([](const auto&) { return ktl::Result<void>(); });
};

// Unpacks the boot initrd when the reader can walk it; returns whether it could.
template <class A>
ktl::Result<bool> unpack_initrd(const A& archive) {
  if constexpr (WalkableArchive<A>) {
    TRY(unpack_archive(archive, vfs_root()));
    return true;
  } else {
    (void)archive;
    return false;
  }
}

uint64_t timer_entropy() { return arch::Timer::now_ns() ^ arch::Timer::boot_realtime_ns(); }

}  // namespace

ktl::Result<void> boot_filesystems(const boot::Info& info) {
  random_set_entropy_source(timer_entropy);
  install_kernel_hooks();
  size_t budget = mm::free_pages() / 4 * 3;
  TRY(vfs_init(kernel_page_source(), budget));
  TRY(console_tty_init());
  bool unpacked = false;
  if (info.initrd_size) {
    initrd::Archive archive(arch::phys_to_ptr<void>(info.initrd_phys), info.initrd_size);
    unpacked = TRY(unpack_initrd(archive));
  }
  printk("vfs: ramfs root (up to %zu MiB), /dev, console terminal; initrd %s\n", budget >> 8,
         !info.initrd_size ? "absent"
         : unpacked        ? "unpacked"
                           : "not unpacked "
                             "(initrd::Archive::for_each missing)");
  return {};
}

}  // namespace fs
