// kernel/cmdline.hh - reading the kernel command line.
//
// The command line is words separated by spaces: `key=value` options and bare flags,
// e.g. "loglevel=3 test=fault poweroff". Everything after `init=` belongs to the first
// program and is returned whole by get("init").
#pragma once

#include <stddef.h>

namespace cmdline {

// Copies the value of `key` into out (NUL-terminated, truncated to size-1) and returns
// true; false when the key is absent. A bare flag has the value "".
bool get(const char* cmdline, const char* key, char* out, size_t size);

// True when `flag` appears as a bare word or as `flag=...`.
bool has(const char* cmdline, const char* flag);

}  // namespace cmdline
