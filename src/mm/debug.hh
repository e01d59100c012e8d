// mm/debug.hh - how the allocators check themselves and report a broken invariant.
//
// Allocator bugs are the worst kind: a double free or a write after free corrupts memory
// that some unrelated code uses much later, and the crash points nowhere near the cause.
// So debug builds (SEAOS_DEBUG, on by default for now) pay to catch them where they
// happen: freed slab objects are filled with a poison byte and tagged, a second free of
// the same object or a write into a freed one is reported at once, naming the cache and
// the address, and page frees are checked against the page's state.
//
// The report goes through a hook instead of calling panic() directly: the kernel installs
// one that panics (mm/physical.cc), the host unit tests install one that records the
// message so a test can check that a double free *is* reported. When the hook returns
// (tests only), the allocator leaves the bad request alone and carries on.
#pragma once

#include <stdint.h>

#ifndef SEAOS_DEBUG
#define SEAOS_DEBUG 1
#endif

namespace mm {

inline constexpr bool kDebug = SEAOS_DEBUG != 0;

// Every byte of a freed slab object past its two link words (debug builds).
inline constexpr uint8_t kFreePoison = 0x6b;
// Second word of every free slab object (debug builds): "this object is free".
inline constexpr uint64_t kFreeObjectTag = 0x5ea05f4eef4eef00ull;

// Receives one formatted line describing the broken invariant.
using BugReporter = void (*)(const char* message);

// Installs `reporter` and returns the previous one. Not locked: set once at boot (or by a
// test) before anything can report.
BugReporter set_bug_reporter(BugReporter reporter);

// Formats the message and hands it to the installed reporter; with none installed, traps.
void report_bug(const char* fmt, ...) __attribute__((format(printf, 1, 2)));

}  // namespace mm
