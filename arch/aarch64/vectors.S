// arch/aarch64/vectors.S - the exception vector table (VBAR_EL1) and trap entry/exit.
//
// The table has 16 entries of 0x80 bytes, in four groups of four (synchronous, IRQ,
// FIQ, SError):
//    0- 3  from EL1 while using SP_EL0      8-11  from EL0, AArch64
//    4- 7  from EL1 while using SP_EL1     12-15  from EL0, AArch32
// Each entry makes room for a TrapFrame on the current (SP_EL1) stack, saves x0/x1 and
// jumps to trap_entry with its index in x0. trap_entry saves everything else, builds the
// frame record, calls trap_dispatch(TrapFrame*) (traps.cc) and, if that returns,
// restores the registers and returns with eret, so handlers may change the frame
// (for example to resume after the faulting instruction).
#include "trap_frame.hh"

  .cfi_sections .debug_frame

.macro vector_entry index
  .balign 0x80
  sub sp, sp, #TRAP_FRAME_SIZE
  stp x0, x1, [sp]
  mov x0, #\index
  b trap_entry
.endm

  .section .text.vectors, "ax"
  .balign 0x800
  .global exception_vectors
exception_vectors:
  .irp index, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
  vector_entry \index
  .endr

// x0 = vector index; x0/x1 already saved at [sp].
  .type trap_entry, %function
trap_entry:
  .cfi_startproc
  .cfi_signal_frame
  .cfi_undefined x30
  stp x2, x3, [sp, #16]
  stp x4, x5, [sp, #32]
  stp x6, x7, [sp, #48]
  stp x8, x9, [sp, #64]
  stp x10, x11, [sp, #80]
  stp x12, x13, [sp, #96]
  stp x14, x15, [sp, #112]
  stp x16, x17, [sp, #128]
  stp x18, x19, [sp, #144]
  stp x20, x21, [sp, #160]
  stp x22, x23, [sp, #176]
  stp x24, x25, [sp, #192]
  stp x26, x27, [sp, #208]
  stp x28, x29, [sp, #224]

  // The interrupted SP: SP_EL1 above this frame for vectors 4-7, SP_EL0 otherwise.
  add x1, sp, #TRAP_FRAME_SIZE
  mrs x2, sp_el0
  sub x3, x0, #4
  cmp x3, #4
  csel x1, x1, x2, lo
  stp x30, x1, [sp, #TRAP_FRAME_X30]
  mrs x1, elr_el1
  mrs x2, spsr_el1
  stp x1, x2, [sp, #TRAP_FRAME_ELR]
  mrs x2, esr_el1
  mrs x3, far_el1
  stp x2, x3, [sp, #TRAP_FRAME_ESR]
  str x0, [sp, #TRAP_FRAME_VECTOR]
  stp x29, x1, [sp, #TRAP_FRAME_RECORD]
  add x29, sp, #TRAP_FRAME_RECORD
  // From here GDB unwinds through the record: the "caller" is the interrupted code.
  .cfi_def_cfa x29, 16
  .cfi_offset x29, -16
  .cfi_offset x30, -8

  mov x0, sp
  bl trap_dispatch

  ldp x1, x2, [sp, #TRAP_FRAME_ELR]
  msr elr_el1, x1
  msr spsr_el1, x2
  ldp x0, x1, [sp]
  ldp x2, x3, [sp, #16]
  ldp x4, x5, [sp, #32]
  ldp x6, x7, [sp, #48]
  ldp x8, x9, [sp, #64]
  ldp x10, x11, [sp, #80]
  ldp x12, x13, [sp, #96]
  ldp x14, x15, [sp, #112]
  ldp x16, x17, [sp, #128]
  ldp x18, x19, [sp, #144]
  ldp x20, x21, [sp, #160]
  ldp x22, x23, [sp, #176]
  ldp x24, x25, [sp, #192]
  ldp x26, x27, [sp, #208]
  ldp x28, x29, [sp, #224]
  ldr x30, [sp, #TRAP_FRAME_X30]
  add sp, sp, #TRAP_FRAME_SIZE
  eret
  .cfi_endproc
  .size trap_entry, . - trap_entry

  .section .note.GNU-stack, "", %progbits
