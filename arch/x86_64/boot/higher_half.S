// boot/higher_half.S - the first instructions at the kernel's link address.
//
// long_mode.S jumps here with RDI = the Multiboot2 information's physical address. We
// switch to the boot stack (in .bss, so at a kernel address) and call C++.
//
// This is the outermost frame of the boot CPU, and says so twice: RBP = 0 ends the
// frame-pointer walk of the kernel's own backtrace (contract::FrameRecord), and the
// CFI rule "RIP undefined" tells GDB there is no caller, so `bt` from kernel_main ends
// here cleanly instead of unwinding into garbage.

#define BOOT_STACK_SIZE (16 * 1024)

  .cfi_sections .debug_frame
  .text
  .global boot_entry64
  .type boot_entry64, @function
boot_entry64:
  .cfi_startproc
  .cfi_undefined rip
  movabs $boot_stack_top, %rsp
  xor %ebp, %ebp
  call x86_boot_main  // [[noreturn]]
1:
  cli
  hlt
  jmp 1b
  .cfi_endproc
  .size boot_entry64, . - boot_entry64

// The boot stack sits on top of a page that mmu_init leaves unmapped (mm/kernel_map.cc),
// so running off its end faults at once instead of overwriting the .bss below.
  .section .bss
  .balign 4096
  .global boot_stack_guard, boot_stack_bottom, boot_stack_top
boot_stack_guard:
  .skip 4096
boot_stack_bottom:
  .skip BOOT_STACK_SIZE
boot_stack_top:

  .section .note.GNU-stack, "", @progbits
