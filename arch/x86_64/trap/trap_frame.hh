// trap/trap_frame.hh - the registers of an interrupted context, as trap_entry.S saves them.
//
// Read from the lowest address up: the general registers the entry code pushes (RAX
// first, so R15 ends lowest), the vector and error code (a zero when the CPU pushes
// none), then the five words the CPU itself pushes. trap_entry.S and this struct must
// agree; the static_asserts pin the offsets the assembly uses.
#pragma once

#include <stddef.h>
#include <stdint.h>

namespace trap {

struct TrapFrame {
  uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
  uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
  uint64_t vector;
  uint64_t error_code;
  // Pushed by the CPU.
  uint64_t rip, cs, rflags, rsp, ss;
};

static_assert(offsetof(TrapFrame, rbp) == 8 * 8);
static_assert(offsetof(TrapFrame, vector) == 15 * 8);
static_assert(offsetof(TrapFrame, rip) == 17 * 8);
static_assert(sizeof(TrapFrame) == 22 * 8);

// Called by trap_entry.S for every vector with the saved frame, on the interrupted
// stack (or the IST stack). Returning resumes the frame.
extern "C" void trap_dispatch(TrapFrame* frame);

// The vector's entry stubs (trap_entry.S): 256 addresses, one per vector.
extern "C" const uint64_t trap_stub_table[256];

}  // namespace trap
