// context/context.S - switching kernel threads, starting one, and entering user mode.
//
// context_switch(save, load) is called like any function, so the caller has already
// saved the registers the ABI lets a callee clobber; only the callee-saved ones (RBX,
// RBP, R12-R15), the stack pointer and the place to resume need keeping. They go into
// *save (arch::ThreadContext: rbx rbp r12 r13 r14 r15 rsp rip), and the same set is
// loaded from *load; the jump through load->rip either returns from that thread's own
// context_switch call or, for a new thread, starts context_thread_start.
//
// context_enter_user(frame) loads every register from a TrapFrame and leaves for ring 3
// with iretq; it never returns. The stack it abandons is whatever held the frame: the
// next entry from user mode starts afresh at TSS.RSP0 / the syscall stack.

#include <arch/trap_frame.hh>

  .cfi_sections .debug_frame
  .text

  .global context_switch
  .type context_switch, @function
context_switch:
  .cfi_startproc
  movq (%rsp), %rax        // our return address: where `save` resumes
  leaq 8(%rsp), %rcx       // the stack pointer after that return
  movq %rbx, 0(%rdi)
  movq %rbp, 8(%rdi)
  movq %r12, 16(%rdi)
  movq %r13, 24(%rdi)
  movq %r14, 32(%rdi)
  movq %r15, 40(%rdi)
  movq %rcx, 48(%rdi)
  movq %rax, 56(%rdi)
  movq 0(%rsi), %rbx
  movq 8(%rsi), %rbp
  movq 16(%rsi), %r12
  movq 24(%rsi), %r13
  movq 32(%rsi), %r14
  movq 40(%rsi), %r15
  movq 48(%rsi), %rsp
  jmpq *56(%rsi)
  .cfi_endproc
  .size context_switch, . - context_switch

// A new kernel thread's first instructions (Context::init_kernel_thread): R12 = entry,
// R13 = arg, RBP = 0 and RSP 16-byte aligned at the top of its stack. The outermost
// frame: RBP = 0 ends the kernel's backtrace and "RIP undefined" ends GDB's.
  .global context_thread_start
  .type context_thread_start, @function
context_thread_start:
  .cfi_startproc
  .cfi_undefined rip
  movq %r13, %rdi
  callq *%r12
  callq context_thread_returned  // [[noreturn]]: panics
  ud2
  .cfi_endproc
  .size context_thread_start, . - context_thread_start

// context_enter_user(frame): RDI = a TrapFrame whose CS/SS/RFLAGS/RIP are already
// checked (Context::return_to_user). Interrupts are off.
  .global context_enter_user
  .type context_enter_user, @function
context_enter_user:
  movq %rdi, %rsp
  .global trap_return_to_user
trap_return_to_user:     // also the end of trap_common for frames from user mode
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
  swapgs                 // GS base back to the user's; ours waits in KERNEL_GS_BASE
  iretq
  .size context_enter_user, . - context_enter_user

  .section .note.GNU-stack, "", @progbits
