// arch/aarch64/context.S - switching kernel threads, starting one, the FP/SIMD registers.
//
// void context_switch(ThreadContext* save, const ThreadContext* load)
// A switch happens inside this call, so only what the procedure-call standard says a
// callee must preserve is saved: x19-x28, the frame pointer x29, the return address x30
// and SP. Everything else the caller has already given up. The "return" goes to the
// x30 of `load`: into the middle of its own earlier context_switch call, or, for a new
// thread, to context_thread_start.
//
// FP/SIMD registers are not switched here (see Context::fpu_save): the kernel never
// uses them, so a switch between kernel threads leaves them alone.

#define TC_X19 0
#define TC_FP 80
#define TC_SP 96

  .cfi_sections .debug_frame
  .text
  .global context_switch
  .type context_switch, %function
context_switch:
  stp x19, x20, [x0, #TC_X19]
  stp x21, x22, [x0, #TC_X19 + 16]
  stp x23, x24, [x0, #TC_X19 + 32]
  stp x25, x26, [x0, #TC_X19 + 48]
  stp x27, x28, [x0, #TC_X19 + 64]
  stp x29, x30, [x0, #TC_FP]
  mov x2, sp
  str x2, [x0, #TC_SP]
  ldp x19, x20, [x1, #TC_X19]
  ldp x21, x22, [x1, #TC_X19 + 16]
  ldp x23, x24, [x1, #TC_X19 + 32]
  ldp x25, x26, [x1, #TC_X19 + 48]
  ldp x27, x28, [x1, #TC_X19 + 64]
  ldp x29, x30, [x1, #TC_FP]
  ldr x2, [x1, #TC_SP]
  mov sp, x2
  ret
  .size context_switch, . - context_switch

// First code of a new kernel thread (Context::init_kernel_thread): x19 = entry,
// x20 = arg. x29 = 0 ends the frame-record chain, so backtraces stop here.
  .global context_thread_start
  .type context_thread_start, %function
context_thread_start:
  .cfi_startproc
  .cfi_undefined x30
  mov x29, xzr
  mov x0, x20
  blr x19
  bl context_thread_returned           // context.cc: panics
  .cfi_endproc
  .size context_thread_start, . - context_thread_start

// void context_fpu_save(FpuState*) / context_fpu_restore(const FpuState*)
// Q0-Q31 at offsets 0..511, then FPSR and FPCR as 32-bit words.
  .global context_fpu_save
  .type context_fpu_save, %function
context_fpu_save:
  stp q0, q1, [x0, #0]
  stp q2, q3, [x0, #32]
  stp q4, q5, [x0, #64]
  stp q6, q7, [x0, #96]
  stp q8, q9, [x0, #128]
  stp q10, q11, [x0, #160]
  stp q12, q13, [x0, #192]
  stp q14, q15, [x0, #224]
  stp q16, q17, [x0, #256]
  stp q18, q19, [x0, #288]
  stp q20, q21, [x0, #320]
  stp q22, q23, [x0, #352]
  stp q24, q25, [x0, #384]
  stp q26, q27, [x0, #416]
  stp q28, q29, [x0, #448]
  stp q30, q31, [x0, #480]
  mrs x1, fpsr
  mrs x2, fpcr
  str w1, [x0, #512]
  str w2, [x0, #516]
  ret
  .size context_fpu_save, . - context_fpu_save

  .global context_fpu_restore
  .type context_fpu_restore, %function
context_fpu_restore:
  ldp q0, q1, [x0, #0]
  ldp q2, q3, [x0, #32]
  ldp q4, q5, [x0, #64]
  ldp q6, q7, [x0, #96]
  ldp q8, q9, [x0, #128]
  ldp q10, q11, [x0, #160]
  ldp q12, q13, [x0, #192]
  ldp q14, q15, [x0, #224]
  ldp q16, q17, [x0, #256]
  ldp q18, q19, [x0, #288]
  ldp q20, q21, [x0, #320]
  ldp q22, q23, [x0, #352]
  ldp q24, q25, [x0, #384]
  ldp q26, q27, [x0, #416]
  ldp q28, q29, [x0, #448]
  ldp q30, q31, [x0, #480]
  ldr w1, [x0, #512]
  ldr w2, [x0, #516]
  msr fpsr, x1
  msr fpcr, x2
  ret
  .size context_fpu_restore, . - context_fpu_restore

  .section .note.GNU-stack, "", %progbits
