// arch/aarch64/vectors.S - the exception vector table (VBAR_EL1), trap entry and exit.
//
// The table has 16 entries of 0x80 bytes, in four groups of four (synchronous, IRQ,
// FIQ, SError):
//    0- 3  from EL1 while using SP_EL0      8-11  from EL0, AArch64
//    4- 7  from EL1 while using SP_EL1     12-15  from EL0, AArch32
// Each entry makes room for a TrapFrame on the SP_EL1 stack, saves x0/x1 and jumps to
// trap_entry with its index in x0. trap_entry saves everything else, builds the frame
// record, calls trap_dispatch(TrapFrame*) (traps.cc) and, when that returns, restores
// the (maybe changed) frame and returns with eret. An entry from EL0 finds SP_EL1 at the
// top of the thread's kernel stack (where the last return to EL0 left it), so its frame
// is the thread's user register set.
//
// SP_EL0 holds the user's stack pointer while EL0 runs. The kernel always runs on
// SP_EL1, so once an entry from EL0 has saved SP_EL0 into the frame, SP_EL0 is free:
// vector 4 borrows it as a scratch register, and every exit reloads it from the frame.
//
// Kernel stack overflow: a kernel stack ends at an unmapped guard page. When a function
// runs into it, the data abort enters vector 4 with SP in the guard, and pushing a frame
// there would fault again, forever. So vector 4 first asks the MMU (`at s1e1w`) whether
// the frame's lowest byte is writable; if not, el1_bad_stack moves to a dedicated
// overflow stack and reports (traps.cc: trap_stack_overflow). An IRQ or SError that
// finds SP in the guard faults on its first store and lands in vector 4 the same way.
#include <arch/trap_frame.hh>

  .cfi_sections .debug_frame

.macro vector_entry index
  .balign 0x80
  sub sp, sp, #TRAP_FRAME_SIZE
  stp x0, x1, [sp]
  mov x0, #\index
  b trap_entry
.endm

// Synchronous exception from EL1: check the stack before trusting it.
.macro vector_el1_sync
  .balign 0x80
  msr sp_el0, x0                       // scratch (see above)
  mov x0, sp
  sub x0, x0, #TRAP_FRAME_SIZE
  at s1e1w, x0                         // would a write to the frame's bottom translate?
  isb
  mrs x0, par_el1
  tbnz x0, #0, el1_bad_stack           // PAR_EL1.F: no (translation/permission fault)
  mrs x0, sp_el0
  sub sp, sp, #TRAP_FRAME_SIZE
  stp x0, x1, [sp]
  mov x0, #4
  b trap_entry
.endm

.macro save_x2_to_x29
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
.endm

// x0 = vector index; x0..x30 and the interrupted SP saved. Saves the exception
// registers, orig_x0 and the vector, and makes x29 point at the frame record.
.macro save_exception_state
  mrs x1, elr_el1
  mrs x2, spsr_el1
  stp x1, x2, [sp, #TRAP_FRAME_ELR]
  mrs x2, esr_el1
  mrs x3, far_el1
  stp x2, x3, [sp, #TRAP_FRAME_ESR]
  ldr x3, [sp]
  stp x3, x0, [sp, #TRAP_FRAME_ORIG_X0]
  stp x29, x1, [sp, #TRAP_FRAME_RECORD]
  add x29, sp, #TRAP_FRAME_RECORD
.endm

// Loads every register from the frame at \base (not sp) and erets. SP must already be
// where the next exception should find it; interrupts are masked.
.macro restore_and_eret base
  ldp x0, x1, [\base, #TRAP_FRAME_ELR]
  msr elr_el1, x0
  msr spsr_el1, x1
  ldr x0, [\base, #TRAP_FRAME_SP]
  msr sp_el0, x0                       // the user's SP; harmless scratch for EL1 returns
  ldp x0, x1, [\base]
  ldp x2, x3, [\base, #16]
  ldp x4, x5, [\base, #32]
  ldp x6, x7, [\base, #48]
  ldp x8, x9, [\base, #64]
  ldp x10, x11, [\base, #80]
  ldp x12, x13, [\base, #96]
  ldp x14, x15, [\base, #112]
  ldp x16, x17, [\base, #128]
  ldp x18, x19, [\base, #144]
  ldp x20, x21, [\base, #160]
  ldp x22, x23, [\base, #176]
  ldp x24, x25, [\base, #192]
  ldp x26, x27, [\base, #208]
  ldp x28, x29, [\base, #224]
  ldr x30, [\base, #TRAP_FRAME_X30]
  eret
.endm

  .section .text.vectors, "ax"
  .balign 0x800
  .global exception_vectors
exception_vectors:
  .irp index, 0, 1, 2, 3
  vector_entry \index
  .endr
  vector_el1_sync
  .irp index, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
  vector_entry \index
  .endr

// x0 = vector index; x0/x1 already saved at [sp].
  .type trap_entry, %function
trap_entry:
  .cfi_startproc
  .cfi_signal_frame
  .cfi_undefined x30
  save_x2_to_x29
  // The interrupted SP: SP_EL1 above this frame for vectors 4-7, SP_EL0 otherwise.
  add x1, sp, #TRAP_FRAME_SIZE
  mrs x2, sp_el0
  sub x3, x0, #4
  cmp x3, #4
  csel x1, x1, x2, lo
  stp x30, x1, [sp, #TRAP_FRAME_X30]
  save_exception_state
  // From here GDB unwinds through the record: the "caller" is the interrupted code.
  .cfi_def_cfa x29, 16
  .cfi_offset x29, -16
  .cfi_offset x30, -8

  mov x0, sp
  bl trap_dispatch
  msr daifset, #3                      // no interrupt between restoring ELR and eret
  add x30, sp, #0
  add sp, sp, #TRAP_FRAME_SIZE
  restore_and_eret x30
  .cfi_endproc
  .size trap_entry, . - trap_entry

// SP_EL0 = the interrupted x0, SP = the stack pointer that cannot take a frame. This
// CPU will not resume, so TPIDRRO_EL0 may be clobbered as a second scratch register.
// The first CPU here claims the overflow stack by storing its bad SP into
// overflow_stack_owner (through SP, the only free base register); another CPU that
// overflows meanwhile waits until the first one has powered the machine off.
  .type el1_bad_stack, %function
el1_bad_stack:
  msr tpidrro_el0, x1
  mov x1, sp
  adrp x0, overflow_stack_owner
  add x0, x0, :lo12:overflow_stack_owner
  mov sp, x0
1:ldaxr x0, [sp]
  cbnz x0, 2f
  stxr w0, x1, [sp]
  cbnz w0, 1b
  adrp x0, overflow_stack_top
  add x0, x0, :lo12:overflow_stack_top
  mov sp, x0
  sub sp, sp, #TRAP_FRAME_SIZE
  save_x2_to_x29
  mrs x0, sp_el0
  mrs x1, tpidrro_el0
  stp x0, x1, [sp]
  stp x30, x0, [sp, #TRAP_FRAME_X30]   // x0 is a placeholder: the bad SP goes here
  adrp x1, overflow_stack_owner
  ldr x1, [x1, :lo12:overflow_stack_owner]
  str x1, [sp, #TRAP_FRAME_SP]
  mov x0, #4
  save_exception_state
  mov x0, sp
  bl trap_stack_overflow               // traps.cc; does not return
2:wfe
  b 2b
  .size el1_bad_stack, . - el1_bad_stack

// void context_enter_user(const TrapFrame* frame, uintptr_t stack_top)
// The first return to EL0 of a thread (Context::return_to_user): SP_EL1 := stack_top,
// then the frame's registers, then eret. The frame may lie just below stack_top: it is
// read after SP has moved above it, which is safe with interrupts masked.
  .text
  .global context_enter_user
  .type context_enter_user, %function
context_enter_user:
  msr daifset, #3
  mov sp, x1
  mov x30, x0
  restore_and_eret x30
  .size context_enter_user, . - context_enter_user

  .section .bss.overflow_stack, "aw", %nobits
  .balign 16
overflow_stack_owner:                  // 0, or the bad SP of the CPU using the stack
  .skip 16
overflow_stack:
  .skip 8192
overflow_stack_top:

  .section .note.GNU-stack, "", %progbits
