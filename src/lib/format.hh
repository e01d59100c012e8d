// lib/format.hh - printf-style formatting into a buffer or through a sink.
//
// The kernel's only formatter: printk, panic and the monitor use it, and the host unit
// tests check it against the C library's printf. Supported: %d %i %u %x %X %o %p %s %c
// %%, the length modifiers hh h l ll z t j, flags '-' '0' '+' ' ' '#', width and precision
// (also as '*'). Unknown conversions are printed literally so a bad format is visible.
#pragma once

#include <stdarg.h>
#include <stddef.h>

namespace ktl {

// A sink receives the formatted text in pieces.
using FormatSink = void (*)(void* ctx, const char* s, size_t n);

// Formats to `sink`; returns the number of characters produced.
size_t vformat(FormatSink sink, void* ctx, const char* fmt, va_list ap);

// snprintf semantics: writes at most size-1 characters and a NUL (when size > 0);
// returns the length the whole result would have had.
size_t vsnprint(char* buf, size_t size, const char* fmt, va_list ap);
size_t snprint(char* buf, size_t size, const char* fmt, ...) __attribute__((format(printf, 3, 4)));

}  // namespace ktl
