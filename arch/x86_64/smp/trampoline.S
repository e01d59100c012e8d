// smp/trampoline.S - where a secondary CPU starts: real mode -> protected -> long mode.
//
// A CPU woken by a STARTUP IPI begins in 16-bit real mode at CS = vector << 8, IP = 0,
// so this code is copied (by smp/start.cc) to the fixed page kTrampolinePhys below
// 1 MiB, which the page allocator never hands out (mm keeps low memory). Every address
// in it is computed for that page (REL), so it contains no relocations. The steps:
//   16-bit: load a tiny GDT of its own, set CR0.PE, far jump into 32-bit code;
//   32-bit: CR4.PAE, CR3 = the temporary tables start.cc built below 4 GiB (an identity
//           2 MiB page for this code + the kernel half of the kernel's PML4), EFER.LME
//           and NXE (the kernel's entries use bit 63), CR0.PG|WP, far jump to 64-bit;
//   64-bit: take the stack, entry point, CPU index and the kernel's CR3 from the
//           parameter block and jump to x86_ap_entry(index, cr3) at its kernel address
//           with a zero return address and RBP (the backtrace's end).
// The boot CPU starts one CPU at a time, so a single parameter block is enough.
#define TRAMPOLINE_PHYS 0x8000
#define REL(x) (TRAMPOLINE_PHYS + (x) - trampoline_start)

  .section .rodata
  .balign 16
  .globl trampoline_start, trampoline_end, trampoline_params

  .code16
trampoline_start:
  cli
  cld
  movw %cs, %ax
  movw %ax, %ds
  lgdtl gdt_pointer - trampoline_start
  movl %cr0, %eax
  orl $1, %eax                        // PE
  movl %eax, %cr0
  ljmpl $0x08, $REL(protected_mode)

  .code32
protected_mode:
  movl $0x10, %eax
  movl %eax, %ds
  movl %eax, %es
  movl %eax, %ss
  movl %cr4, %eax
  orl $(1 << 5), %eax                 // PAE
  movl %eax, %cr4
  movl REL(trampoline_params), %eax   // params.temp_cr3 (below 1 MiB)
  movl %eax, %cr3
  movl $0xc0000080, %ecx              // EFER
  rdmsr
  orl $((1 << 8) | (1 << 11)), %eax   // LME, NXE
  wrmsr
  movl %cr0, %eax
  orl $0x80010001, %eax               // PG, WP, PE
  movl %eax, %cr0
  ljmpl $0x18, $REL(long_mode)

  .code64
long_mode:
  movl $0x10, %eax
  movl %eax, %ds
  movl %eax, %es
  movl %eax, %ss
  movq REL(trampoline_params) + 16, %rsp   // params.stack_top
  movq REL(trampoline_params) + 24, %rax   // params.entry
  movl REL(trampoline_params) + 32, %edi   // params.index
  movq REL(trampoline_params) + 8, %rsi    // params.kernel_cr3
  xorl %ebp, %ebp
  pushq $0
  jmp *%rax

  .balign 16
temporary_gdt:
  .quad 0
  .quad 0x00cf9a000000ffff            // 0x08 32-bit code
  .quad 0x00cf92000000ffff            // 0x10 data
  .quad 0x00af9a000000ffff            // 0x18 64-bit code
gdt_pointer:
  .word 4 * 8 - 1
  .long REL(temporary_gdt)

  .balign 8
trampoline_params:                    // smp/start.cc: struct TrampolineParams
  .quad 0, 0, 0, 0, 0
trampoline_end:
