// lib/string.hh - the few C string and memory functions the kernel needs.
//
// The compiler may emit calls to memcpy/memset/memmove/memcmp on its own (struct copies,
// zero-initialisation), so these have C linkage and the standard names. Everything else
// is in namespace ktl with names that do not collide with a host libc in unit tests.
#pragma once

#include <stddef.h>

extern "C" {
void* memcpy(void* dst, const void* src, size_t n);
void* memmove(void* dst, const void* src, size_t n);
void* memset(void* dst, int c, size_t n);
int memcmp(const void* a, const void* b, size_t n);
size_t strlen(const char* s);
}

namespace ktl {

int str_compare(const char* a, const char* b);
int str_ncompare(const char* a, const char* b, size_t n);
size_t str_nlength(const char* s, size_t max);
// Copies at most size-1 bytes and always terminates (when size > 0). Returns strlen(src).
size_t str_copy(char* dst, const char* src, size_t size);
bool starts_with(const char* s, const char* prefix);

}  // namespace ktl
