// fs/devices.cc - the character device table.
#include "fs/devices.hh"

namespace fs {
namespace {

struct Entry {
  uint32_t major, minor;
  const CharDevice* dev;  // null: free
};
constexpr int kMaxDevices = 32;
Entry table[kMaxDevices];  // written at boot only

}  // namespace

Result<void> register_char_device(uint32_t major, uint32_t minor, const CharDevice* dev) {
  Entry* free_slot = nullptr;
  for (Entry& e : table) {
    if (e.dev && e.major == major && e.minor == minor) return Errno::Busy;
    if (!e.dev && !free_slot) free_slot = &e;
  }
  if (!free_slot) return Errno::NoSpc;
  *free_slot = {major, minor, dev};
  return {};
}

void unregister_char_device(uint32_t major, uint32_t minor) {
  for (Entry& e : table)
    if (e.dev && e.major == major && e.minor == minor) e.dev = nullptr;
}

const CharDevice* find_char_device(uint64_t rdev) {
  uint32_t major = uapi::dev_major(rdev), minor = uapi::dev_minor(rdev);
  for (const Entry& e : table)
    if (e.dev && e.major == major && e.minor == minor) return e.dev;
  return nullptr;
}

}  // namespace fs
