// fs/devfs.hh - /dev: the device nodes and the simple devices behind them.
//
// devfs is a ramfs instance mounted on /dev whose nodes are made at boot: the memory
// devices (null, zero, full, random, urandom), the console terminal (console, ttyS0)
// and /dev/tty, which means "my controlling terminal". Each node is an ordinary
// character-device inode; opening it goes through the device table (fs/devices.hh), so
// nodes that an initrd brings along work just the same.
//
//   /dev/null     reads end of file, writes vanish
//   /dev/zero     reads zeros, writes vanish
//   /dev/full     reads zeros, writes fail with ENOSPC
//   /dev/random, /dev/urandom  the ChaCha20 generator (fs/random.hh); writes mix in
//   /dev/console  the console terminal; never becomes a controlling terminal on open
//   /dev/ttyS0    the same terminal under its serial name; may become one
//   /dev/tty      the caller's controlling terminal, ENXIO when it has none
#pragma once

#include "fs/dentry.hh"
#include "fs/file.hh"
#include "fs/tty.hh"

namespace fs {

// Registers the memory devices' drivers (once, at boot). Errors: Busy, NoSpc.
Result<void> register_memory_devices();
// Registers `tty` as the console: (5,1) /dev/console, (4,64) /dev/ttyS0, and makes
// /dev/tty (5,0) work for sessions it controls. Errors: Busy, NoSpc.
Result<void> register_console_tty(Tty* tty);
// Undoes both (tests).
void unregister_devices();

// Creates the nodes listed above in directory `dev`. Errors: as vfs_mknod.
Result<void> populate_dev(const Caller& root, Dentry* dev);

}  // namespace fs
