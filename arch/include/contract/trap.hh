// contract/trap.hh - what an architecture's trap code hands to the arch-independent kernel.
//
// An unexpected exception is first described by the arch (vector name, registers), then
// handed to trap_fatal(), which prints the symbolic backtrace and stops the machine with
// the failure status. Page faults will reach one arch-independent handler (src/mm) with
// the address, the access and who faulted.
#pragma once

#include <stdint.h>

namespace trap {

// [[noreturn]]: prints "backtrace:" with kernel symbol names from `fp` (a frame record,
// see contract::FrameRecord), then powers off with status 1. The arch prints its own
// register dump before calling this. `pc` is the faulting instruction.
[[noreturn]] void fatal(const char* what, uintptr_t pc, uintptr_t fp);

}  // namespace trap

namespace trap {

// A page fault, as the arch trap code sees it. mm::handle_page_fault() decides: a fault
// it can satisfy (demand paging, copy-on-write) returns Handled; otherwise the arch
// reports it (kernel) or the process layer signals the thread (user: SIGSEGV/SIGBUS).
enum class Access : uint8_t { Read, Write, Execute };

struct PageFault {
  uintptr_t address;  // the faulting virtual address (CR2 / FAR_EL1)
  uintptr_t pc;       // the faulting instruction
  Access access;
  bool user;          // the CPU was running user code
  bool present;       // a translation existed: a protection fault, not a missing page
};

enum class FaultResult : uint8_t { Handled, Unhandled };

}  // namespace trap
