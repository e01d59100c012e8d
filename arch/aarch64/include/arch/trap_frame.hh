// arch/trap_frame.hh (aarch64) - the registers vectors.S saves on every exception.
//
// Shared by the assembly (offsets as #defines) and C++ (the struct, checked against the
// offsets). For an entry from user mode the frame sits at the top of the thread's
// kernel stack and holds all of the user's registers: it is contract/context.hh's
// arch::TrapFrame, which the process layer reads and changes through arch::SyscallAbi.
// The frame ends with a frame record {interrupted x29, ELR} that x29 points to while the
// handler runs, so a backtrace taken inside a handler continues into the interrupted
// code as if it had called the handler.
#pragma once

#define TRAP_FRAME_X30 240
#define TRAP_FRAME_SP 248
#define TRAP_FRAME_ELR 256
#define TRAP_FRAME_SPSR 264
#define TRAP_FRAME_ESR 272
#define TRAP_FRAME_FAR 280
#define TRAP_FRAME_ORIG_X0 288
#define TRAP_FRAME_VECTOR 296
#define TRAP_FRAME_RECORD 304
#define TRAP_FRAME_SIZE 320

#ifndef __ASSEMBLY__
#include <stddef.h>
#include <stdint.h>

#include <contract/cpu.hh>

namespace arch {

struct TrapFrame {
  uint64_t x[31];    // x0..x30 at the time of the exception
  uint64_t sp;       // the interrupted stack pointer: SP_EL0 (the user's) for entries
                     // from EL0, SP_EL1 for entries from the kernel
  uint64_t elr;      // where the exception happened (or the instruction after, for svc)
  uint64_t spsr;     // the interrupted PSTATE (mode, DAIF, condition flags)
  uint64_t esr;      // syndrome: exception class and details (synchronous, SError)
  uint64_t far;      // faulting virtual address (aborts, alignment)
  uint64_t orig_x0;  // x0 at a system call's entry, before the result replaced it
  uint64_t vector;   // 0..15: the entry of the vector table taken (see vectors.S)
  contract::FrameRecord record;
};

static_assert(offsetof(TrapFrame, x) + 30 * 8 == TRAP_FRAME_X30);
static_assert(offsetof(TrapFrame, sp) == TRAP_FRAME_SP);
static_assert(offsetof(TrapFrame, elr) == TRAP_FRAME_ELR);
static_assert(offsetof(TrapFrame, spsr) == TRAP_FRAME_SPSR);
static_assert(offsetof(TrapFrame, esr) == TRAP_FRAME_ESR);
static_assert(offsetof(TrapFrame, far) == TRAP_FRAME_FAR);
static_assert(offsetof(TrapFrame, orig_x0) == TRAP_FRAME_ORIG_X0);
static_assert(offsetof(TrapFrame, vector) == TRAP_FRAME_VECTOR);
static_assert(offsetof(TrapFrame, record) == TRAP_FRAME_RECORD);
static_assert(sizeof(TrapFrame) == TRAP_FRAME_SIZE && TRAP_FRAME_SIZE % 16 == 0);

}  // namespace arch
#endif
