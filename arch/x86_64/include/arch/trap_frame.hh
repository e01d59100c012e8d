// arch/trap_frame.hh (x86_64) - the registers saved on every entry to the kernel.
//
// Shared by the assembly (offsets as #defines) and C++ (the struct, checked against the
// offsets). Read from the lowest address up: the general registers the entry code
// pushes (RAX first, so R15 ends lowest), RAX once more as it was at a system call
// (orig_rax, for restarting the call after RAX took the result), the fault address
// (CR2 of a page fault), the vector and the error code (0 when the CPU pushes none),
// then the five words the CPU pushes for an interrupt: RIP, CS, RFLAGS, RSP, SS.
//
// An interrupt or exception from user mode and a `syscall` build the same frame at the
// top of the thread's kernel stack (trap/trap_entry.S, trap/syscall_entry.S), so it
// holds all of the user's registers: this is contract/context.hh's arch::TrapFrame,
// which the process layer reads and changes through arch::SyscallAbi. Entries from the
// kernel build it wherever the kernel stack was (or on an IST stack).
#pragma once

#define TRAP_FRAME_R11 32
#define TRAP_FRAME_RBP 64
#define TRAP_FRAME_RCX 96
#define TRAP_FRAME_RAX 112
#define TRAP_FRAME_ORIG_RAX 120
#define TRAP_FRAME_FAULT_ADDRESS 128
#define TRAP_FRAME_VECTOR 136
#define TRAP_FRAME_ERROR_CODE 144
#define TRAP_FRAME_RIP 152
#define TRAP_FRAME_CS 160
#define TRAP_FRAME_RFLAGS 168
#define TRAP_FRAME_RSP 176
#define TRAP_FRAME_SS 184
#define TRAP_FRAME_SIZE 192

// The `vector` of a frame built by the syscall instruction's entry (not a real vector).
#define TRAP_VECTOR_SYSCALL 256

#ifndef __ASSEMBLY__
#include <stddef.h>
#include <stdint.h>

namespace arch {

struct TrapFrame {
  uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
  uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
  uint64_t orig_rax;       // RAX at a system call's entry; ~0 for any other entry
  uint64_t fault_address;  // CR2 for a page fault, else 0
  uint64_t vector;         // 0..255, or TRAP_VECTOR_SYSCALL
  uint64_t error_code;
  // The interrupt frame (the syscall entry stores the same five words).
  uint64_t rip, cs, rflags, rsp, ss;
};

static_assert(offsetof(TrapFrame, r11) == TRAP_FRAME_R11);
static_assert(offsetof(TrapFrame, rbp) == TRAP_FRAME_RBP);
static_assert(offsetof(TrapFrame, rcx) == TRAP_FRAME_RCX);
static_assert(offsetof(TrapFrame, rax) == TRAP_FRAME_RAX);
static_assert(offsetof(TrapFrame, orig_rax) == TRAP_FRAME_ORIG_RAX);
static_assert(offsetof(TrapFrame, fault_address) == TRAP_FRAME_FAULT_ADDRESS);
static_assert(offsetof(TrapFrame, vector) == TRAP_FRAME_VECTOR);
static_assert(offsetof(TrapFrame, error_code) == TRAP_FRAME_ERROR_CODE);
static_assert(offsetof(TrapFrame, rip) == TRAP_FRAME_RIP);
static_assert(offsetof(TrapFrame, cs) == TRAP_FRAME_CS);
static_assert(offsetof(TrapFrame, rflags) == TRAP_FRAME_RFLAGS);
static_assert(offsetof(TrapFrame, rsp) == TRAP_FRAME_RSP);
static_assert(offsetof(TrapFrame, ss) == TRAP_FRAME_SS);
static_assert(sizeof(TrapFrame) == TRAP_FRAME_SIZE && TRAP_FRAME_SIZE % 16 == 0);

inline constexpr uint64_t kTrapVectorSyscall = TRAP_VECTOR_SYSCALL;

// True when the frame was saved from user mode (ring 3).
inline bool from_user(const TrapFrame& f) { return (f.cs & 3) == 3; }

}  // namespace arch
#endif
