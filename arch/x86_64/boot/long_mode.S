// boot/long_mode.S - from GRUB's 32-bit protected mode to 64-bit long mode.
//
// GRUB enters boot_entry32 with paging off, flat 4 GiB segments, EAX = the Multiboot2
// magic and EBX = the physical address of the Multiboot2 information. This code runs at
// its physical address (section .boot, linker.ld) and may touch the rest of the kernel
// only through physical addresses, PHYS(symbol) = symbol - KERNEL_BASE.
//
// Steps: check the magic and that the CPU has long mode and NX (we refuse to boot
// otherwise, with a message on the screen and COM1); zero .bss; build the boot page
// tables; enable PAE, EFER.LME + EFER.NXE, paging and write protection; load a 64-bit
// GDT and far-jump into 64-bit code, which jumps on to the higher half (higher_half.S).
//
// The boot page tables (all 2 MiB pages, in .bss so C++ can edit them later):
//   PML4[0]   -> pdpt_low     identity map of 0..4 GiB, only for the switch: the
//                             instructions right after `mov cr0` run at low addresses.
//                             Removed before kernel_main (boot/page_tables.cc).
//   PML4[256] -> pdpt_low     the same 4 GiB as the direct map at 0xffff800000000000,
//                             non-executable (NX set in the PML4 entry covers it all).
//   PML4[511] -> pdpt_kernel  [510] 0..1 GiB, [511] 1..2 GiB at 0xffffffff80000000: the
//                             kernel image at kKernelBase + phys.
// The three mappings share the four page directories (boot_pd), 7 pages in total.

#define KERNEL_BASE 0xffffffff80000000
#define PHYS(sym) ((sym) - KERNEL_BASE)

#define MB2_BOOTLOADER_MAGIC 0x36d76289
#define PTE_PRESENT 0x1
#define PTE_WRITE 0x2
#define PTE_HUGE 0x80
#define PTE_NX_HIGH 0x80000000  // bit 63, in the entry's high 32 bits
#define CR0_PE (1 << 0)
#define CR0_WP (1 << 16)
#define CR0_PG (1 << 31)
#define CR4_PAE (1 << 5)
#define MSR_EFER 0xc0000080
#define EFER_LME (1 << 8)
#define EFER_NXE (1 << 11)
#define CPUID_EXT_LONG_MODE 29  // CPUID 0x80000001 EDX bits
#define CPUID_EXT_NX 20
#define BOOT_CODE64 0x08
#define BOOT_DATA 0x10

  .section .boot.text, "ax"
  .code32
  .global boot_entry32
  .type boot_entry32, @function
boot_entry32:
  cli
  cld
  cmp $MB2_BOOTLOADER_MAGIC, %eax
  jne .Lno_multiboot
  mov %ebx, %ebp  // Multiboot2 information, physical; handed on in EBP
  mov $PHYS(boot_stack_top), %esp

  // Long mode and NX are both in CPUID leaf 0x80000001, if that leaf exists.
  mov $0x80000000, %eax
  cpuid
  cmp $0x80000001, %eax
  jb .Lno_long_mode
  mov $0x80000001, %eax
  cpuid
  bt $CPUID_EXT_LONG_MODE, %edx
  jnc .Lno_long_mode
  bt $CPUID_EXT_NX, %edx
  jnc .Lno_nx

  // Zero .bss ourselves rather than trust every loader to do it (it holds the tables).
  mov $PHYS(__bss_start), %edi
  mov $PHYS(__bss_end), %ecx
  sub %edi, %ecx
  shr $2, %ecx
  xor %eax, %eax
  rep stosl

  // Four page directories: 2048 entries of 2 MiB cover physical 0..4 GiB.
  mov $PHYS(boot_pd), %edi
  mov $(PTE_PRESENT | PTE_WRITE | PTE_HUGE), %eax
  mov $2048, %ecx
1:
  mov %eax, (%edi)
  add $0x200000, %eax
  add $8, %edi
  loop 1b

  // pdpt_low[0..3] -> the four directories.
  mov $PHYS(boot_pdpt_low), %edi
  mov $(PHYS(boot_pd) + PTE_PRESENT + PTE_WRITE), %eax
  mov $4, %ecx
1:
  mov %eax, (%edi)
  add $4096, %eax
  add $8, %edi
  loop 1b

  // pdpt_kernel[510..511] -> the first two directories (the low 2 GiB).
  movl $(PHYS(boot_pd) + PTE_PRESENT + PTE_WRITE), PHYS(boot_pdpt_kernel) + 510 * 8
  movl $(PHYS(boot_pd) + 4096 + PTE_PRESENT + PTE_WRITE), PHYS(boot_pdpt_kernel) + 511 * 8

  // The PML4: identity, direct map (NX), kernel image.
  movl $(PHYS(boot_pdpt_low) + PTE_PRESENT + PTE_WRITE), PHYS(boot_pml4)
  movl $(PHYS(boot_pdpt_low) + PTE_PRESENT + PTE_WRITE), PHYS(boot_pml4) + 256 * 8
  movl $PTE_NX_HIGH, PHYS(boot_pml4) + 256 * 8 + 4
  movl $(PHYS(boot_pdpt_kernel) + PTE_PRESENT + PTE_WRITE), PHYS(boot_pml4) + 511 * 8

  // Paging on, in long mode: PAE, CR3, EFER.LME (+NXE, before any NX bit is used), PG.
  lgdt .Lboot_gdt_pointer
  mov %cr4, %eax
  or $CR4_PAE, %eax
  mov %eax, %cr4
  mov $PHYS(boot_pml4), %eax
  mov %eax, %cr3
  mov $MSR_EFER, %ecx
  rdmsr
  or $(EFER_LME | EFER_NXE), %eax
  wrmsr
  mov %cr0, %eax
  or $(CR0_PE | CR0_WP | CR0_PG), %eax
  mov %eax, %cr0
  // Now in compatibility mode; loading a 64-bit code segment enters 64-bit mode.
  ljmp $BOOT_CODE64, $boot_entry64_low

.Lno_multiboot:
  mov $.Lmsg_no_multiboot, %esi
  jmp boot_fail32
.Lno_long_mode:
  mov $.Lmsg_no_long_mode, %esi
  jmp boot_fail32
.Lno_nx:
  mov $.Lmsg_no_nx, %esi
  jmp boot_fail32
  .size boot_entry32, . - boot_entry32

// Prints the NUL-terminated message at ESI on the VGA text screen (white on red) and
// on COM1, then halts for good. Uses no stack: it may run before ESP is set.
  .type boot_fail32, @function
boot_fail32:
  mov $0xb8000, %edi
1:
  movb (%esi), %bl
  test %bl, %bl
  jz 3f
  inc %esi
  mov %bl, %al
  mov $0x4f, %ah
  stosw
  mov $0x3fd, %dx  // COM1 line status: wait for an empty transmitter
2:
  inb %dx, %al
  test $0x20, %al
  jz 2b
  mov $0x3f8, %dx
  mov %bl, %al
  outb %al, %dx
  jmp 1b
3:
  cli
  hlt
  jmp 3b
  .size boot_fail32, . - boot_fail32

  .code64
// First 64-bit instructions, still at a low address (identity map). The upper halves of
// the registers are undefined after the mode switch, hence the 32-bit moves.
  .type boot_entry64_low, @function
boot_entry64_low:
  mov $BOOT_DATA, %eax
  mov %eax, %ds
  mov %eax, %es
  mov %eax, %ss
  xor %eax, %eax
  mov %eax, %fs
  mov %eax, %gs
  mov %ebp, %edi  // first argument of x86_boot_main: the Multiboot2 information
  movabs $boot_entry64, %rax
  jmp *%rax
  .size boot_entry64_low, . - boot_entry64_low

  .section .boot.rodata, "a"
.Lmsg_no_multiboot:
  .asciz "SeaOS: not started by a Multiboot2 loader; halted."
.Lmsg_no_long_mode:
  .asciz "SeaOS: this CPU has no 64-bit long mode; halted."
.Lmsg_no_nx:
  .asciz "SeaOS: this CPU has no NX (no-execute) bit; halted."

// The GDT for the switch: null, 64-bit code (L=1), data. Accessed bits preset so the
// CPU never writes here. Replaced by the real GDT (cpu/gdt.cc) before kernel_main.
  .balign 8
.Lboot_gdt:
  .quad 0
  .quad 0x00af9b000000ffff
  .quad 0x00cf93000000ffff
.Lboot_gdt_end:
.Lboot_gdt_pointer:
  .short .Lboot_gdt_end - .Lboot_gdt - 1
  .long .Lboot_gdt

  .section .bss
  .balign 4096
  .global boot_pml4, boot_pdpt_low, boot_pdpt_kernel, boot_pd
boot_pml4:
  .skip 4096
boot_pdpt_low:
  .skip 4096
boot_pdpt_kernel:
  .skip 4096
boot_pd:
  .skip 4 * 4096

  .section .note.GNU-stack, "", @progbits
