// mm/debug.cc - the bug-report hook of the allocators (see mm/debug.hh).
//
// The message is formatted into a stack buffer first, so the reporter needs no memory
// (it is usually reporting that memory is broken).
#include "mm/debug.hh"

#include <stdarg.h>

#include "lib/format.hh"

namespace mm {
namespace {

// Written at boot or by a test before any allocation; read-only afterwards.
BugReporter current_reporter = nullptr;

}  // namespace

BugReporter set_bug_reporter(BugReporter reporter) {
  BugReporter previous = current_reporter;
  current_reporter = reporter;
  return previous;
}

void report_bug(const char* fmt, ...) {
  char message[256];
  va_list ap;
  va_start(ap, fmt);
  ktl::vsnprint(message, sizeof message, fmt, ap);
  va_end(ap);
  if (!current_reporter) __builtin_trap();
  current_reporter(message);
}

}  // namespace mm
