// kernel/cxxrt.hh - starting the C++ runtime.
#pragma once

namespace cxxrt {

// Runs every global constructor once, in link order. Called first thing in kernel_main.
void run_constructors();

}  // namespace cxxrt
