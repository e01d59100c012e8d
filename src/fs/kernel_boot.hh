// fs/kernel_boot.hh - the file system at boot, in the kernel (kernel only).
//
// boot_filesystems() is called once by kernel_main after mm::init: it seeds the random
// generator from the timer, installs the process hooks (fs/kernel_hooks.hh), builds the
// root ramfs and /dev over the kernel's page allocator (fs/boot.hh), puts the terminal
// on the console (fs/console_tty.hh) and unpacks the initrd into the root. selftest()
// is `test=vfs`: files, directories, pipes and devices through the system call
// functions, checking that every page comes back.
#pragma once

#include <contract/boot.hh>

#include "lib/result.hh"

namespace fs {

ktl::Result<void> boot_filesystems(const boot::Info& info);
bool selftest();

}  // namespace fs
