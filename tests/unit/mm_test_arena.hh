// tests/unit/mm_test_arena.hh - fake RAM and a fake machine for the mm host tests.
//
// The allocators reach memory only through a direct-map offset (virtual = physical +
// offset), so the tests hand them a malloc'd arena posing as RAM at kPhysBase. The arena
// is aligned to the largest buddy block, so physical and virtual alignment agree.
// Bug reports (double free, ...) are recorded instead of panicking; every test group
// installs the recorder and checks in teardown that nothing unexpected was reported.
#pragma once

#include <stdlib.h>
#include <string.h>

#include <contract/boot.hh>

#include "mm/boot_memory.hh"
#include "mm/debug.hh"
#include "mm/heap.hh"
#include "mm/page_allocator.hh"

namespace mm_test {

inline constexpr mm::PhysAddr kPhysBase = 0x40000000;  // where the fake RAM "is"
inline constexpr size_t kArenaAlign = mm::kPageSize << mm::kMaxOrder;

class Arena {
 public:
  explicit Arena(size_t bytes) : bytes_(bytes), memory_(aligned_alloc(kArenaAlign, bytes)) {
    memset(memory_, 0xee, bytes);  // "uninitialised RAM"
  }
  ~Arena() { free(memory_); }
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;

  uintptr_t direct_map_offset() const { return reinterpret_cast<uintptr_t>(memory_) - kPhysBase; }
  size_t bytes() const { return bytes_; }
  size_t pages() const { return bytes_ / mm::kPageSize; }

 private:
  size_t bytes_;
  void* memory_;
};

// Bug reports land here (mm::set_bug_reporter) instead of in panic().
struct Bugs {
  static inline int count = 0;
  static inline char last[256] = {};
  static void record(const char* message) {
    ++count;
    strncpy(last, message, sizeof last - 1);
  }
  static void install() {
    count = 0;
    last[0] = '\0';
    mm::set_bug_reporter(record);
  }
  // True when exactly one report arrived and it contains `text`; forgets it.
  static bool take_one_containing(const char* text) {
    bool ok = count == 1 && strstr(last, text) != nullptr;
    count = 0;
    last[0] = '\0';
    return ok;
  }
};

// A whole small machine: RAM at kPhysBase with a 16 KiB "kernel" at its start, set up the
// way mm::init does it, with a page allocator and a heap on top.
struct Machine {
  static constexpr uint64_t kKernelBytes = 16 * 1024;

  explicit Machine(size_t bytes) : arena(bytes) {
    boot::Info* info = new boot::Info();
    info->mem[0] = boot::MemRange{kPhysBase, bytes, boot::MemKind::Usable};
    info->mem_count = 1;
    info->kernel_phys_start = kPhysBase;
    info->kernel_phys_end = kPhysBase + kKernelBytes;
    setup_ok = mm::plan_boot_memory(*info, plan).is_ok();
    delete info;
    if (setup_ok) mm::install_boot_memory(plan, arena.direct_map_offset(), pages.buddy_for_boot());
  }

  Arena arena;
  mm::BootMemoryPlan plan;
  bool setup_ok = false;
  mm::PageAllocator<mm::NoLock> pages;
  mm::Heap<mm::NoLock> heap{pages};
};

}  // namespace mm_test
