// kernel/cxxrt.cc - the small C++ runtime a freestanding kernel needs.
//
// Global constructors are called from kernel_main through the .init_array bounds the
// arch linker script exports. There are no global destructors (the kernel never
// returns), so __cxa_atexit only records nothing, and a pure virtual call is a bug.
#include "kernel/cxxrt.hh"

#include "kernel/panic.hh"

extern "C" {
using Constructor = void (*)();
extern Constructor __init_array_start[];
extern Constructor __init_array_end[];

void* __dso_handle = nullptr;
int __cxa_atexit(void (*)(void*), void*, void*) { return 0; }
void __cxa_pure_virtual() { panic("pure virtual function called"); }
}

namespace cxxrt {

void run_constructors() {
  for (Constructor* c = __init_array_start; c != __init_array_end; ++c) (*c)();
}

}  // namespace cxxrt
