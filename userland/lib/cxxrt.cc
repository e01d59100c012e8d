// cxxrt.cc - the little of the C++ runtime a SeaOS user program needs, over musl.
//
// User programs are C++20 without exceptions or RTTI and link no libstdc++ (see
// userland/include/libstdc++-musl). What the compiler and the header-only library then
// still call is small and lives here:
//   - operator new/delete in all their C++20 forms, over malloc/posix_memalign/free,
//     and std::nothrow.
//     Without exceptions there is nothing to throw, so running out of memory in a
//     throwing form is fatal; the nothrow forms return nullptr as the standard says;
//   - __cxa_guard_*: a function-local static is initialized by exactly one thread while
//     others wait (musl pthreads make threads real, so this must hold);
//   - __cxa_pure_virtual / __cxa_deleted_virtual and std::terminate: bugs, fatal;
//   - std::__throw_*: what header code (vector::at, string_view::substr, ...) calls
//     where it would throw; each prints the reason and aborts.
// __cxa_atexit and __cxa_finalize (static destructors) come from musl, __dso_handle from
// GCC's crtbegin. Every fatal path writes "<program>: <reason>" to stderr and aborts, so
// the process dies with SIGABRT, as an uncaught exception would end it.
#include <bits/functexcept.h>  // the exact declarations of std::__throw_*
#include <errno.h>
#include <sched.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <exception>
#include <new>

namespace {

[[noreturn]] void fatal(const char* what, const char* detail = "") {
  dprintf(2, "%s: %s%s%s\n", program_invocation_short_name, what, *detail ? ": " : "", detail);
  abort();
}

void* allocate(size_t size) { return malloc(size ? size : 1); }

void* allocate_aligned(size_t size, std::align_val_t alignment) {
  void* p = nullptr;
  // posix_memalign wants a power of two that is a multiple of sizeof(void*); an
  // align_val_t is a power of two above the default new alignment (16), so it is one.
  return posix_memalign(&p, static_cast<size_t>(alignment), size ? size : 1) == 0 ? p : nullptr;
}

void* allocate_or_die(void* p) {
  if (!p) fatal("out of memory in operator new");
  return p;
}

}  // namespace

// ---- operator new and delete ------------------------------------------------------------
// The tag object `new (std::nothrow) T` names; its home would be libsupc++.
const std::nothrow_t std::nothrow{};

void* operator new(size_t n) { return allocate_or_die(allocate(n)); }
void* operator new[](size_t n) { return allocate_or_die(allocate(n)); }
void* operator new(size_t n, const std::nothrow_t&) noexcept { return allocate(n); }
void* operator new[](size_t n, const std::nothrow_t&) noexcept { return allocate(n); }
void* operator new(size_t n, std::align_val_t a) { return allocate_or_die(allocate_aligned(n, a)); }
void* operator new[](size_t n, std::align_val_t a) {
  return allocate_or_die(allocate_aligned(n, a));
}
void* operator new(size_t n, std::align_val_t a, const std::nothrow_t&) noexcept {
  return allocate_aligned(n, a);
}
void* operator new[](size_t n, std::align_val_t a, const std::nothrow_t&) noexcept {
  return allocate_aligned(n, a);
}

// malloc and posix_memalign memory are both returned with free, whatever the size.
void operator delete(void* p) noexcept { free(p); }
void operator delete[](void* p) noexcept { free(p); }
void operator delete(void* p, size_t) noexcept { free(p); }
void operator delete[](void* p, size_t) noexcept { free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { free(p); }
void operator delete(void* p, std::align_val_t) noexcept { free(p); }
void operator delete[](void* p, std::align_val_t) noexcept { free(p); }
void operator delete(void* p, size_t, std::align_val_t) noexcept { free(p); }
void operator delete[](void* p, size_t, std::align_val_t) noexcept { free(p); }
void operator delete(void* p, std::align_val_t, const std::nothrow_t&) noexcept { free(p); }
void operator delete[](void* p, std::align_val_t, const std::nothrow_t&) noexcept { free(p); }

// ---- function-local statics ---------------------------------------------------------------
// The Itanium C++ ABI gives each guarded static a 64-bit guard; the compiler's inline
// fast path reads byte 0 ("initialized") and calls __cxa_guard_acquire only while it is
// 0. We use byte 1 as "a thread is initializing": the thread that sets it runs the
// constructor, the others yield until byte 0 becomes 1. A constructor that throws would
// call __cxa_guard_abort; without exceptions only a longjmp out of it could.
extern "C" int __cxa_guard_acquire(uint64_t* guard) {
  auto* initialized = reinterpret_cast<uint8_t*>(guard);
  auto* initializing = initialized + 1;
  for (;;) {
    if (__atomic_load_n(initialized, __ATOMIC_ACQUIRE)) return 0;
    uint8_t idle = 0;
    if (__atomic_compare_exchange_n(initializing, &idle, 1, false, __ATOMIC_ACQUIRE,
                                    __ATOMIC_RELAXED)) {
      // Another thread may have finished between our two reads: then it is done.
      if (!__atomic_load_n(initialized, __ATOMIC_ACQUIRE)) return 1;
      __atomic_store_n(initializing, 0, __ATOMIC_RELEASE);
      return 0;
    }
    sched_yield();
  }
}

// Publish "initialized" before clearing "initializing", so a waiter never sees both 0.
extern "C" void __cxa_guard_release(uint64_t* guard) {
  auto* initialized = reinterpret_cast<uint8_t*>(guard);
  __atomic_store_n(initialized, 1, __ATOMIC_RELEASE);
  __atomic_store_n(initialized + 1, 0, __ATOMIC_RELEASE);
}

extern "C" void __cxa_guard_abort(uint64_t* guard) {
  __atomic_store_n(reinterpret_cast<uint8_t*>(guard) + 1, 0, __ATOMIC_RELEASE);
}

// ---- bugs ----------------------------------------------------------------------------------
extern "C" void __cxa_pure_virtual() { fatal("pure virtual function called"); }
extern "C" void __cxa_deleted_virtual() { fatal("deleted virtual function called"); }

namespace std {

void terminate() noexcept { fatal("std::terminate called"); }

// ---- where header code would throw ---------------------------------------------------------
void __throw_bad_exception() { fatal("std::bad_exception"); }
void __throw_bad_alloc() { fatal("std::bad_alloc"); }
void __throw_bad_array_new_length() { fatal("std::bad_array_new_length"); }
void __throw_bad_cast() { fatal("std::bad_cast"); }
void __throw_bad_typeid() { fatal("std::bad_typeid"); }
void __throw_bad_function_call() { fatal("std::bad_function_call"); }
void __throw_logic_error(const char* s) { fatal("std::logic_error", s); }
void __throw_domain_error(const char* s) { fatal("std::domain_error", s); }
void __throw_invalid_argument(const char* s) { fatal("std::invalid_argument", s); }
void __throw_length_error(const char* s) { fatal("std::length_error", s); }
void __throw_out_of_range(const char* s) { fatal("std::out_of_range", s); }
void __throw_runtime_error(const char* s) { fatal("std::runtime_error", s); }
void __throw_range_error(const char* s) { fatal("std::range_error", s); }
void __throw_overflow_error(const char* s) { fatal("std::overflow_error", s); }
void __throw_underflow_error(const char* s) { fatal("std::underflow_error", s); }
void __throw_system_error(int e) { fatal("std::system_error", strerror(e)); }

// libstdc++ formats these messages with %s, %zu and %lu only, which printf knows.
void __throw_out_of_range_fmt(const char* format, ...) {
  char message[256];
  va_list args;
  va_start(args, format);
  vsnprintf(message, sizeof message, format, args);
  va_end(args);
  fatal("std::out_of_range", message);
}

}  // namespace std
