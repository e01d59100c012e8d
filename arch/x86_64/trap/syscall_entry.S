// trap/syscall_entry.S - the `syscall` instruction's way into the kernel and back.
//
// `syscall` is not an interrupt: the CPU pushes nothing and does not switch stacks. It
// saves RIP in RCX and RFLAGS in R11, masks RFLAGS with MSR FMASK (interrupts off, AC,
// DF, TF clear), loads CS/SS from MSR STAR and jumps to MSR LSTAR - here - still on the
// user's stack with the user's GS base. So the entry first does `swapgs` to reach this
// CPU's CpuLocal, parks the user RSP there, loads the thread's kernel stack (set by
// Context::set_kernel_stack) and builds the same TrapFrame an interrupt from user mode
// would have: the five words the CPU would have pushed, vector TRAP_VECTOR_SYSCALL,
// RAX twice (orig_rax keeps the number) and all general registers.
//
// The way out prefers `sysretq` (it loads RIP from RCX and RFLAGS from R11, no memory
// reads), which is only right when the frame still says what `syscall` left: the C side
// (trap/syscall.cc) checks RCX == RIP, R11 == RFLAGS and a RIP well inside the user
// half - sysret to a non-canonical RCX would fault in ring 0 on the user's stack, the
// classic sysret hole. Anything else (execve, a signal, rt_sigreturn changed the frame)
// leaves through iretq like an interrupt (trap_return_to_user, context/context.S).

#include <arch/cpu_local.hh>
#include <arch/trap_frame.hh>

#define USER_CODE 0x2b
#define USER_DATA 0x23

  .cfi_sections .debug_frame
  .text
  .global syscall_entry
  .type syscall_entry, @function
syscall_entry:
  .cfi_startproc simple
  .cfi_signal_frame
  .cfi_def_cfa rsp, 0
  .cfi_undefined rip       // until the frame is complete there is nothing to unwind to
  swapgs
  movq %rsp, %gs:CPU_LOCAL_USER_RSP
  movq %gs:CPU_LOCAL_KERNEL_STACK, %rsp
  pushq $USER_DATA
  pushq %gs:CPU_LOCAL_USER_RSP
  pushq %r11            // RFLAGS
  pushq $USER_CODE
  pushq %rcx            // RIP
  pushq $0              // error code
  pushq $TRAP_VECTOR_SYSCALL
  pushq $0              // fault address
  pushq %rax            // orig_rax
  pushq %rax
  pushq %rbx
  pushq %rcx
  pushq %rdx
  pushq %rsi
  pushq %rdi
  pushq %rbp
  pushq %r8
  pushq %r9
  pushq %r10
  pushq %r11
  pushq %r12
  pushq %r13
  pushq %r14
  pushq %r15
  // The frame is complete: GDB's `bt` in the kernel now continues into the user code.
  .cfi_def_cfa rsp, TRAP_FRAME_SIZE
  .cfi_offset rip, TRAP_FRAME_RIP - TRAP_FRAME_SIZE
  .cfi_offset rsp, TRAP_FRAME_RSP - TRAP_FRAME_SIZE
  .cfi_offset rbp, TRAP_FRAME_RBP - TRAP_FRAME_SIZE
  xorl %ebp, %ebp       // the kernel's frame-record chain starts here
  movq %rsp, %rdi
  call syscall_dispatch // returns with interrupts off; true: sysretq may be used
  .cfi_def_cfa rsp, 0
  .cfi_undefined rip
  testb %al, %al
  jz trap_return_to_user
  popq %r15
  popq %r14
  popq %r13
  popq %r12
  popq %r11             // == the frame's RFLAGS (checked)
  popq %r10
  popq %r9
  popq %r8
  popq %rbp
  popq %rdi
  popq %rsi
  popq %rdx
  popq %rcx             // == the frame's RIP (checked)
  popq %rbx
  popq %rax
  movq (TRAP_FRAME_RSP - TRAP_FRAME_ORIG_RAX)(%rsp), %rsp
  swapgs
  sysretq
  .cfi_endproc
  .size syscall_entry, . - syscall_entry

  .section .note.GNU-stack, "", @progbits
