// arch/aarch64/el2.S - leaving the hypervisor level: from EL2 (or EL1) to EL1.
//
// QEMU enters the kernel at EL1, or at EL2 with `-M virt,virtualization=on` (and real
// machines usually enter at EL2). SeaOS is not a hypervisor, so it configures EL2 to
// stay out of the way and "returns" to EL1:
//   - HCR_EL2: EL1 is AArch64, no stage-2 translation, nothing trapped to EL2;
//   - CNTHCTL_EL2/CNTVOFF_EL2: EL1 may use the physical counter and timer, and the
//     virtual counter equals the physical one;
//   - CPTR_EL2/HSTR_EL2: FP/SIMD and system registers are not trapped to EL2;
//   - VPIDR/VMPIDR_EL2: EL1 reads of MIDR/MPIDR return the real values (MPIDR is how
//     the kernel recognises the boot CPU in the device tree);
//   - ICC_SRE_EL2: with a GICv3, EL1 may use the system-register CPU interface;
//   - SPSR/ELR_EL2: `eret` lands at EL1h, interrupts masked, at our return address.
// At EL1 only SCTLR_EL1 is put into a known state (MMU and caches off). Entry at EL3
// (secure firmware level) is not supported: boot_fail says so and stops.
//
// ID registers can overstate what is wired up: QEMU's a64fx model reports the GICv3
// system registers even on a GICv2 board, and touching them is then undefined. So EL2
// first gets a tiny vector table (el2_boot_vectors) that resumes after any instruction
// that traps at EL2, and returns at once from anything EL1 sends up (hvc): a probe that
// fails is skipped instead of looping in an empty vector table forever.
#include "mmu_defs.hh"

#define ICC_SRE_EL2 S3_4_C12_C9_5
#define ID_AA64PFR0_GIC_SHIFT 24

  .section .text.boot, "ax"
  .global boot_enter_el1
  .type boot_enter_el1, %function
boot_enter_el1:
  ldr x0, =SCTLR_EL1_MMU_OFF
  msr sctlr_el1, x0
  mrs x0, CurrentEL
  lsr x0, x0, #2
  cmp x0, #1
  b.eq 1f
  cmp x0, #2
  b.eq leave_el2
  adr x1, el3_message                  // EL3 (secure firmware level): not supported
  b boot_fail
1:isb
  ret
  .size boot_enter_el1, . - boot_enter_el1

el3_message:
  .asciz "SeaOS: entered at EL3, which is not supported (boot at EL2 or EL1); stopping\r\n"
  .balign 4

leave_el2:
  adr x0, el2_boot_vectors
  msr vbar_el2, x0
  isb
  ldr x0, =HCR_EL2_RW
  msr hcr_el2, x0
  mrs x0, cnthctl_el2
  orr x0, x0, #(CNTHCTL_EL1PCTEN | CNTHCTL_EL1PCEN)
  msr cnthctl_el2, x0
  msr cntvoff_el2, xzr
  ldr x0, =CPTR_EL2_NO_FP_TRAP
  msr cptr_el2, x0
  msr hstr_el2, xzr
  msr vttbr_el2, xzr
  mrs x0, midr_el1
  msr vpidr_el2, x0
  mrs x0, mpidr_el1
  msr vmpidr_el2, x0

  mrs x0, id_aa64pfr0_el1
  ubfx x0, x0, #ID_AA64PFR0_GIC_SHIFT, #4
  cbz x0, 2f                           // no GICv3 system registers on this CPU
  mrs x0, ICC_SRE_EL2
  mov x1, #ICC_SRE_EL2_SRE_ENABLE      // not encodable as a logical immediate
  orr x0, x0, x1
  msr ICC_SRE_EL2, x0
  isb
2:mov x0, #SPSR_EL1H_MASKED
  msr spsr_el2, x0
  msr elr_el2, x30
  eret

// 16 entries of 0x80 bytes: 0-7 are exceptions taken at EL2 itself (skip the trapping
// instruction, using x9, which boot code keeps free), 8-15 come from EL1 (return as if
// nothing happened; for hvc ELR_EL2 already points past it).
  .balign 0x800
el2_boot_vectors:
  .rept 8
  .balign 0x80
  mrs x9, elr_el2
  add x9, x9, #4
  msr elr_el2, x9
  eret
  .endr
  .rept 8
  .balign 0x80
  eret
  .endr

  .section .note.GNU-stack, "", %progbits
