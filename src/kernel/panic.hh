// kernel/panic.hh - stopping the kernel when one of its own invariants breaks.
//
// panic() is for kernel bugs only, never for bad user input (that is an error code).
// It prints the message and a symbolic backtrace, and powers off with the failure
// status so a test run learns the result at once.
#pragma once

#include <stdint.h>

[[noreturn]] void panic(const char* fmt, ...) __attribute__((format(printf, 1, 2)));

// Prints "backtrace:" and one line per frame record starting at `fp`.
void print_backtrace(uintptr_t pc, uintptr_t fp);

#define KASSERT(cond)                                                             \
  do {                                                                            \
    if (!(cond)) panic("assertion failed: %s at %s:%d", #cond, __FILE__, __LINE__); \
  } while (0)
