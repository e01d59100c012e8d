// fs/boot.hh - bringing the file system up at boot, and the kernel's own caller.
//
// vfs_init makes the root ramfs, a /dev directory with a second ramfs (devfs) mounted on
// it holding the device nodes (fs/devfs.hh), registers the memory devices and prepares
// poll(). The initrd is then unpacked into the root (fs/unpack.hh) by the kernel's boot
// code, and the first process gets an FsContext at vfs_root(). Host tests run the same
// code over a fake page source.
#pragma once

#include <stddef.h>

#include "fs/dentry.hh"
#include "fs/file.hh"
#include "fs/page_source.hh"

namespace fs {

// Errors: NoMem, and any error of making /dev.
Result<void> vfs_init(const PageSource& pages, size_t max_pages);
// The root directory (borrowed; null before vfs_init).
Dentry* vfs_root();
Superblock* vfs_root_fs();
// Unmounts and frees everything vfs_init made (host tests; nothing may be open).
void vfs_shutdown();

// A Caller for the kernel's own work: root's credentials, umask 0, no descriptors.
Caller kernel_caller();

}  // namespace fs
