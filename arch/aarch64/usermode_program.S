// arch/aarch64/usermode_program.S - the user program of test=usermode.
//
// Copied into a user page at 0x400000 (selftest_usermode.cc); position-independent.
//   1. svc with x8 = 0x7fff (no such system call) and x0 = 0x1111; the test's handler
//      restarts it once, then returns -ENOSYS in x0;
//   2. reads TPIDR_EL0 into x2 and copies x0 into d1 (FP/SIMD works at EL0);
//   3. waits until the kernel's tick handler sets the word at 0x401000 (an interrupt
//      taken from EL0, returning through the return-to-user hook);
//   4. writes x0 to address 0: a data abort, SIGSEGV, the end of the program.
  .section .rodata.usermode_program, "a"
  .balign 4
  .global usermode_program, usermode_program_end
usermode_program:
  movz x8, #0x7fff
  movz x0, #0x1111
  svc #0
  mrs x2, tpidr_el0
  fmov d1, x0
  movz x5, #0x40, lsl #16
  add x5, x5, #0x1, lsl #12
1:ldr x4, [x5]
  cbz x4, 1b
  movz x3, #0
  str x0, [x3]
  b .
usermode_program_end:

  .section .note.GNU-stack, "", %progbits
