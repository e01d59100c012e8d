// trap/user_traps.hh - exceptions raised by user code.
#pragma once

#include <arch/trap_frame.hh>

namespace user_traps {

// Handles an exception (vector 0-31) taken in user mode: a page fault goes to the VM
// layer, the rest - and page faults it cannot resolve - become signals for the thread.
// Runs the work with interrupts on; returns with them off.
void handle(arch::TrapFrame& frame);

}  // namespace user_traps
