// trap/trap_entry.S - the first instructions of every interrupt and exception.
//
// The CPU pushes SS, RSP, RFLAGS, CS, RIP and, for some exceptions, an error code, then
// jumps to the vector's IDT gate. Each vector has a tiny stub here that makes the
// frames uniform (pushing a zero error code where the CPU pushes none) and pushes its
// vector number; all stubs then share trap_common, which saves the general registers
// into a TrapFrame (trap_frame.hh) and calls trap_dispatch(frame). If that returns, the
// registers are restored and IRETQ resumes the interrupted code.
//
// Stack alignment: the CPU aligns RSP to 16 bytes before pushing its 5 words, and
// error code + vector + fault address + orig_rax + 15 registers are 19 more, so RSP is
// 16-byte aligned again at the call, as the ABI requires.
//
// Entries from user mode (CS with RPL 3) exchange the GS base with `swapgs` on the way
// in and out, so the kernel always finds its CpuLocal at %gs. They return through
// trap_return_to_user (context/context.S), after trap_dispatch has run the process
// layer's return hook and checked the frame.
//
// trap_common carries CFI describing the trap frame (a "signal frame" to DWARF): GDB
// stopped anywhere inside trap_dispatch unwinds through the frame into the interrupted
// function, instead of stopping at the assembly.

#include <arch/trap_frame.hh>

// Vectors for which the CPU pushes an error code: #DF #TS #NP #SS #GP #PF #AC #CP #VC #SX.
#define HAS_ERROR_CODE(v) \
  ((v) == 8 || ((v) >= 10 && (v) <= 14) || (v) == 17 || (v) == 21 || (v) == 29 || (v) == 30)

  .cfi_sections .debug_frame
  .text

// One stub per vector, 16 bytes apart (.balign), so stub n is at trap_stubs_start + 16n.
  .balign 16
  .global trap_stubs_start
trap_stubs_start:
.set .Lvector, 0
.rept 256
  .balign 16
  .if HAS_ERROR_CODE(.Lvector) == 0
  pushq $0
  .endif
  pushq $.Lvector
  jmp trap_common
  .set .Lvector, .Lvector + 1
.endr

// Saves the registers, calls trap_dispatch(frame), restores, returns from interrupt.
  .type trap_common, @function
trap_common:
  .cfi_startproc simple
  .cfi_signal_frame
  // At entry RSP points at the vector; the CFA is the top of the CPU's frame.
  .cfi_def_cfa rsp, 7 * 8
  .cfi_offset rip, -5 * 8
  .cfi_offset rsp, -2 * 8
  // From user mode (RPL 3 in the saved CS: 16 bytes up, past vector and error code)
  // GS base is still the user's: swap in this CPU's CpuLocal.
  testb $3, 24(%rsp)
  jz 1f
  swapgs
1:
  pushq $0              // fault address, filled below for a page fault
  .cfi_adjust_cfa_offset 8
  pushq $-1             // orig_rax: not a system call
  .cfi_adjust_cfa_offset 8
  pushq %rax
  .cfi_adjust_cfa_offset 8
  pushq %rbx
  .cfi_adjust_cfa_offset 8
  pushq %rcx
  .cfi_adjust_cfa_offset 8
  pushq %rdx
  .cfi_adjust_cfa_offset 8
  pushq %rsi
  .cfi_adjust_cfa_offset 8
  pushq %rdi
  .cfi_adjust_cfa_offset 8
  pushq %rbp
  .cfi_adjust_cfa_offset 8
  .cfi_rel_offset rbp, 0
  pushq %r8
  .cfi_adjust_cfa_offset 8
  pushq %r9
  .cfi_adjust_cfa_offset 8
  pushq %r10
  .cfi_adjust_cfa_offset 8
  pushq %r11
  .cfi_adjust_cfa_offset 8
  pushq %r12
  .cfi_adjust_cfa_offset 8
  pushq %r13
  .cfi_adjust_cfa_offset 8
  pushq %r14
  .cfi_adjust_cfa_offset 8
  pushq %r15
  .cfi_adjust_cfa_offset 8
  cld  // the ABI wants DF clear on function entry; the interrupted code may have set it
  // SMAP: the interrupted code may have left RFLAGS.AC set (user code can; so does an
  // open uaccess window). The handler must not inherit it; iretq restores it.
  testb $1, smap_enabled(%rip)
  jz 2f
  clac
2:
  // CR2 now, before the handler can enable interrupts and take another page fault.
  cmpq $14, TRAP_FRAME_VECTOR(%rsp)
  jne 3f
  movq %cr2, %rax
  movq %rax, TRAP_FRAME_FAULT_ADDRESS(%rsp)
3:
  mov %rsp, %rdi
  call trap_dispatch
  testb $3, TRAP_FRAME_CS(%rsp)
  jnz trap_return_to_user  // context/context.S: restore, swapgs, iretq
  popq %r15
  popq %r14
  popq %r13
  popq %r12
  popq %r11
  popq %r10
  popq %r9
  popq %r8
  popq %rbp
  popq %rdi
  popq %rsi
  popq %rdx
  popq %rcx
  popq %rbx
  popq %rax
  addq $(TRAP_FRAME_RIP - TRAP_FRAME_ORIG_RAX), %rsp  // orig_rax, address, vector, error
  iretq
  .cfi_endproc
  .size trap_common, . - trap_common

// The stubs' addresses, for the IDT (trap/idt.cc).
  .section .rodata
  .balign 8
  .global trap_stub_table
trap_stub_table:
.set .Lvector, 0
.rept 256
  .quad trap_stubs_start + .Lvector * 16
  .set .Lvector, .Lvector + 1
.endr

  .section .note.GNU-stack, "", @progbits
