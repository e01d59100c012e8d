// arch/aarch64/head.S - the first instructions: from the boot loader to C++.
//
// QEMU (or any Linux-style boot loader) loads the `Image` at RAM base + text_offset and
// jumps to its first byte with the MMU off, x0 = physical address of the device tree,
// at EL2 or EL1. The header below is the arm64 Image header that makes loaders treat
// SeaOS like Linux. From there:
//
//   1. park any CPU whose MPIDR affinity is not 0 (only the boot CPU should arrive;
//      secondaries are started later through PSCI CPU_ON at an entry of their own);
//   2. check we were loaded where we were linked (the kernel is not relocatable);
//   3. leave EL2 for EL1 if needed (el2.S);
//   4. clear .bss, build the boot page tables and turn the MMU on (boot_mmu.S);
//   5. jump from the physical addresses to the link addresses (kKernelBase + phys),
//      take the boot stack, drop the identity map, install the exception vectors
//      and unmask SError (asynchronous aborts), leaving IRQ and FIQ masked;
//   6. call arch_boot_main(dtb_phys, entry_el) in boot.cc, which never returns.
//
// Until step 5 everything runs at physical addresses, so only PC-relative addressing
// (adr/adrp) may be used to reach the image; `ldr =symbol` gives link addresses.
#include "mmu_defs.hh"

#define KERNEL_BASE 0xffffffff80000000
#define IMAGE_TEXT_OFFSET 0x200000  // from a 2 MiB-aligned RAM base: QEMU virt -> 0x40200000
#define IMAGE_FLAGS 0x2             // little-endian, 4 KiB pages, placed near RAM base
#define EARLY_UART_PHYS 0x09000000  // QEMU virt PL011, only for boot_fail's messages

  .cfi_sections .debug_frame          // CFI for GDB only; the kernel has no unwinder

  .section .text.head, "ax"
  .global _start
_start:                                // the arm64 Image header (Linux booting.rst)
  b primary_entry                      // code0: executed by the loader's jump
  .long 0                              // code1
  .quad IMAGE_TEXT_OFFSET              // text_offset
  .quad __kernel_image_size            // image_size, including .bss (from linker.ld)
  .quad IMAGE_FLAGS                    // flags
  .quad 0, 0, 0                        // res2..res4
  .ascii "ARM\x64"                     // magic
  .long 0                              // res5 (PE/COFF offset: none)

  .section .text.boot, "ax"
primary_entry:
  msr daifset, #0xf
  mov x19, x0                          // device tree (physical), kept for C++
  mrs x20, CurrentEL
  lsr x20, x20, #2                     // exception level we were entered at, for the banner

  mrs x1, mpidr_el1
  ldr x2, =MPIDR_AFFINITY_MASK
  and x1, x1, x2
  cbnz x1, boot_park_cpu

  adr x1, _start
  ldr x2, =_start - KERNEL_BASE
  cmp x1, x2
  adr x1, wrong_address_message
  b.ne boot_fail

  bl boot_enter_el1                    // el2.S: returns at EL1 (or stops at EL3)
  bl boot_clear_bss                    // boot_mmu.S: the page tables live in .bss
  bl boot_build_page_tables
  bl boot_enable_mmu                   // still running at physical addresses after this
  ldr x0, =boot_high_entry
  br x0

// Now at link addresses. x29 = x30 = 0 end the frame-record chain, and the CFI says the
// return address is undefined, so both the kernel's backtrace and GDB stop here.
  .text
  .type boot_high_entry, %function
boot_high_entry:
  .cfi_startproc
  .cfi_undefined x30
  adrp x0, boot_stack_top
  add x0, x0, :lo12:boot_stack_top
  mov sp, x0
  mov x29, xzr
  mov x30, xzr

  // The identity map was only needed to survive turning the MMU on. Disabling TTBR0
  // walks makes every low address fault, so a null-ish pointer is caught (test=fault).
  mrs x0, tcr_el1
  orr x0, x0, #TCR_EPD0
  msr tcr_el1, x0
  msr ttbr0_el1, xzr
  isb
  tlbi vmalle1
  dsb nsh
  isb

  adrp x0, exception_vectors
  add x0, x0, :lo12:exception_vectors
  msr vbar_el1, x0
  isb
  msr daifclr, #4                      // SErrors may be reported now; IRQ/FIQ stay masked

  mov x0, x19
  mov x1, x20
  bl arch_boot_main                    // boot.cc; never returns
  b boot_park_cpu
  .cfi_endproc
  .size boot_high_entry, . - boot_high_entry

// A secondary CPU, started by PSCI CPU_ON (smp.cc) at this physical address with the MMU
// off, x0 = physical address of its BootMailbox: { TTBR1 root, TCR_EL1, stack top, index }.
// Same steps as the boot CPU minus the ones done once: leave EL2, turn the MMU on with
// the kernel's final TTBR1 and the boot identity map (boot_mmu.S, still intact in .bss)
// in TTBR0, jump high, drop the identity map, take the stack and the vectors, and call
// arch_secondary_main(index).
  .section .text.boot, "ax"
  .global secondary_entry
  .type secondary_entry, %function
secondary_entry:
  msr daifset, #0xf
  mov x19, x0                          // the mailbox (physical; MMU off: read uncached)
  bl boot_enter_el1                    // el2.S: keeps x19
  ldr x0, =MAIR_VALUE
  msr mair_el1, x0
  ldr x0, [x19, #8]                    // the boot CPU's TCR (IPS, ASID size)...
  bic x0, x0, #TCR_EPD0                // ...with TTBR0 walks on for the identity map
  msr tcr_el1, x0
  adrp x0, boot_identity_l0
  add x0, x0, :lo12:boot_identity_l0
  msr ttbr0_el1, x0
  ldr x0, [x19]                        // the kernel's final root table
  msr ttbr1_el1, x0
  ldr x20, [x19, #16]                  // stack top (virtual)
  ldr x21, [x19, #24]                  // CPU index
  isb
  tlbi vmalle1
  dsb nsh
  isb
  ldr x0, =SCTLR_EL1_MMU_ON
  msr sctlr_el1, x0
  isb
  ic iallu
  dsb nsh
  isb
  ldr x0, =secondary_high_entry
  br x0
  .size secondary_entry, . - secondary_entry

  .text
  .type secondary_high_entry, %function
secondary_high_entry:
  .cfi_startproc
  .cfi_undefined x30
  mov sp, x20
  mov x29, xzr
  mov x30, xzr
  mrs x0, tcr_el1
  orr x0, x0, #TCR_EPD0
  msr tcr_el1, x0
  msr ttbr0_el1, xzr
  isb
  tlbi vmalle1
  dsb nsh
  isb
  adrp x0, exception_vectors
  add x0, x0, :lo12:exception_vectors
  msr vbar_el1, x0
  isb
  msr daifclr, #4
  mov x0, x21
  bl arch_secondary_main               // smp.cc; never returns
  b boot_park_cpu
  .cfi_endproc
  .size secondary_high_entry, . - secondary_high_entry

// A CPU with nothing to do: wait forever without spinning hard.
  .section .text.boot, "ax"
  .global boot_park_cpu
  .type boot_park_cpu, %function
boot_park_cpu:
  wfe
  b boot_park_cpu
  .size boot_park_cpu, . - boot_park_cpu

// A boot that cannot go on (x1 = message): say so on QEMU virt's UART (MMU off, so at
// its physical address; the device tree is not read yet) and stop this CPU.
  .global boot_fail
boot_fail:
  mov x2, #EARLY_UART_PHYS
1:ldrb w3, [x1], #1
  cbz w3, boot_park_cpu
2:ldr w4, [x2, #0x18]                  // UARTFR
  tbnz w4, #5, 2b                      // TXFF: transmit FIFO full
  str w3, [x2]                         // UARTDR
  b 1b
wrong_address_message:                 // a boot loader ignored the header's text_offset
  .asciz "SeaOS: Image not loaded at RAM base + 2 MiB (text_offset); stopping\r\n"
  .balign 4

// The boot stack, with a page below it that the final kernel map leaves unmapped
// (kernel_map.cc): kernel_main overflowing its stack faults there and is reported.
  .section .bss.boot_stack, "aw", %nobits
  .balign 4096
  .global boot_stack_guard, boot_stack, boot_stack_top
boot_stack_guard:
  .skip 4096
boot_stack:
  .skip 16384
boot_stack_top:

  .section .note.GNU-stack, "", %progbits
