// trap/kernel_faults.hh - exceptions raised by kernel code.
#pragma once

#include <arch/trap_frame.hh>

namespace kernel_faults {

// Handles an exception taken in kernel mode (and NMI, double fault, machine check from
// anywhere). Returns when the fault was resolved: a user page faulted in for the kernel,
// or a fault inside UserAccess::copy sent to its fixup. Everything else is a kernel bug:
// the exception report, a line saying what it looks like (stack overflow, write to
// read-only kernel memory, ...), the backtrace, and power-off with the failure status.
void handle(arch::TrapFrame& frame);

}  // namespace kernel_faults
