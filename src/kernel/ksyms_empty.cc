// kernel/ksyms_empty.cc - the empty symbol table of the first link.
//
// Weak, and in a file of their own so the compiler cannot fold the zero count into
// ksyms.cc: the second link's generated table (section .ksyms) overrides them.
#include "kernel/ksyms.hh"

extern "C" {
__attribute__((weak)) extern const ksyms::Entry __ksyms_entries[1] = {};
__attribute__((weak)) extern const uint64_t __ksyms_count = 0;
__attribute__((weak)) extern const char __ksyms_names[1] = {};
}
