// arch/aarch64/trap_report.hh - describing an exception the kernel cannot handle.
#pragma once

#include <arch/trap_frame.hh>

namespace trap_report {

// Prints the exception report (class, vector, ESR/FAR decoded, ELR with its symbol,
// SPSR, all registers) and hands over to trap::fatal, which prints the backtrace and
// powers off with the failure status. `headline`, when given, names what happened
// ("kernel stack overflow") above the exception class.
[[noreturn]] void fatal(const arch::TrapFrame& frame, const char* headline = nullptr);

}  // namespace trap_report
