// trap/exception_report.hh - describing a trap for a human.
#pragma once

#include "trap_frame.hh"

namespace trap {

// The vector's name, e.g. "page fault", and its mnemonic, e.g. "#PF" ("" for none).
const char* vector_name(uint64_t vector);
const char* vector_mnemonic(uint64_t vector);

// Prints the exception report: vector, error code (decoded), RIP with its kernel symbol,
// the fault address for a page fault (CR2 for a double fault), every general register
// and CS/SS/RFLAGS/CR3.
void print_exception_report(const TrapFrame& frame);

}  // namespace trap
