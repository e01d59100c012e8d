// arch/aarch64/user_traps.hh - synchronous exceptions from user mode (EL0).
#pragma once

#include <arch/trap_frame.hh>

namespace user_traps {

// Handles a synchronous exception from EL0 (vector 8): a system call, a page fault, or
// an exception that becomes a signal. Runs with interrupts enabled; returns with them
// disabled, ready for the return to user mode.
void handle_sync(arch::TrapFrame& frame);

}  // namespace user_traps
