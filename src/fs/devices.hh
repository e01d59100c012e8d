// fs/devices.hh - character devices: from a device number to the code behind it.
//
// A device node (/dev/null, /dev/console...) is an inode of type S_IFCHR holding a
// device number, (major, minor). Opening it asks this registry which driver owns that
// number; the driver's FileOps become the open file's, and its open() may refuse or
// pick per-open state (the tty chooses which terminal /dev/tty means). The numbers are
// Linux's (Documentation/admin-guide/devices.txt), so an initrd made on Linux, with its
// own /dev nodes, works here unchanged.
//
// Locking: drivers register at boot, before any open; the table is read-only after.
#pragma once

#include <stdint.h>

#include "fs/file.hh"

namespace fs {

struct CharDevice {
  const FileOps* ops;
  // Optional: called on each open after the OpenFile is made (its private_data is
  // the driver's to set). Errors: NxIo, Perm...
  Result<void> (*open)(OpenFile& f, const Caller& c, uint32_t minor);
  void* data;  // the driver's (the Tty of a terminal)
};

// Registers `dev` for (major, minor). Errors: Busy (taken), NoSpc (table full).
Result<void> register_char_device(uint32_t major, uint32_t minor, const CharDevice* dev);
void unregister_char_device(uint32_t major, uint32_t minor);
// The driver for st_rdev `rdev`, or nullptr.
const CharDevice* find_char_device(uint64_t rdev);

// Well-known numbers.
inline constexpr uint32_t kMemMajor = 1, kNullMinor = 3, kZeroMinor = 5, kFullMinor = 7,
                          kRandomMinor = 8, kUrandomMinor = 9;
inline constexpr uint32_t kTtyMajor = 5, kTtyMinor = 0, kConsoleMinor = 1;

}  // namespace fs
