// arch/aarch64/mm_entry.hh - the functions of src/mm that the trap code calls.
//
// mm::handle_page_fault comes from src/mm/fault.hh. mm::is_kernel_stack_guard is
// declared here until src/mm/kernel_stack.cc publishes it. entry_defaults.cc holds weak
// stand-ins for both (every fault unhandled, no stack guards) for trees without them.
#pragma once

#include <stdint.h>

#include <contract/trap.hh>

#include "mm/fault.hh"

namespace mm {

// True when `address` lies in the unmapped guard gap below a kernel stack.
bool is_kernel_stack_guard(uintptr_t address);

}  // namespace mm
