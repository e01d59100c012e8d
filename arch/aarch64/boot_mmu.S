// arch/aarch64/boot_mmu.S - the boot page tables and turning the MMU on.
//
// Runs at physical addresses with the MMU off, before any C++ (compiled code would be
// fine at these addresses thanks to ADRP, but its data pointers hold link addresses).
// Three translations are built, all with big blocks so the tables stay tiny:
//
//   TTBR1 L0[256] -> direct map L1: phys 0..1 GiB as Device-nGnRE (QEMU virt's MMIO
//                    window), 1..65 GiB as normal RAM, at kDirectMapBase + phys.
//                    direct_map.cc trims this to the RAM the device tree reports.
//   TTBR1 L0[511] -> kernel L1 -> kernel L2: the image in 2 MiB blocks at its link
//                    address kKernelBase + phys, readable, writable, executable.
//   TTBR0          -> identity map of the 1 GiB around the image, so the instructions
//                    right after `msr sctlr_el1` still fetch; head.S drops it at once.
//
// With the MMU off, data accesses bypass the caches. The tables (all of .bss) are
// therefore invalidated from the data cache before they are written, so no dirty line
// can later overwrite them, and again afterwards, so the table walker (which uses the
// caches once TCR says write-back) never sees a stale line.
#include "mmu_defs.hh"

#define DIRECT_MAP_L0_INDEX 256  // (kDirectMapBase >> 39) & 511
#define DIRECT_MAP_BOOT_GIB 65   // the boot map covers physical 0..65 GiB

// Invalidates the data cache lines covering [start, end). Clobbers tmp1, tmp2.
.macro dcache_invalidate start, end, tmp1, tmp2
  mrs \tmp1, ctr_el0
  ubfx \tmp1, \tmp1, #16, #4           // DminLine: log2(words per line)
  mov \tmp2, #4
  lsl \tmp2, \tmp2, \tmp1              // bytes per line
  sub \tmp1, \tmp2, #1
  bic \tmp1, \start, \tmp1             // first line
9:dc ivac, \tmp1
  add \tmp1, \tmp1, \tmp2
  cmp \tmp1, \end
  b.lo 9b
  dsb sy
.endm

// Loads the physical address of `sym` (PC-relative: we run at physical addresses).
.macro phys_addr reg, sym
  adrp \reg, \sym
  add \reg, \reg, :lo12:\sym
.endm

  .section .text.boot, "ax"

// Zeroes .bss (16-byte aligned by linker.ld).
  .global boot_clear_bss
boot_clear_bss:
  phys_addr x0, __bss_start
  phys_addr x1, __bss_end
  dcache_invalidate x0, x1, x2, x3
1:stp xzr, xzr, [x0], #16
  cmp x0, x1
  b.lo 1b
  ret

  .global boot_build_page_tables
boot_build_page_tables:
  // TTBR1 level 0: the direct map and the kernel image.
  phys_addr x0, kernel_root_table
  phys_addr x1, boot_direct_map_l1
  orr x2, x1, #DESC_TABLE
  str x2, [x0, #(DIRECT_MAP_L0_INDEX * 8)]
  ldr x3, =_start                      // link address of the image
  ubfx x4, x3, #L0_SHIFT, #9
  phys_addr x1, boot_kernel_l1
  orr x2, x1, #DESC_TABLE
  str x2, [x0, x4, lsl #3]

  // Direct map: 1 GiB blocks.
  phys_addr x1, boot_direct_map_l1
  ldr x2, =BLOCK_DEVICE
  str x2, [x1]
  ldr x2, =BLOCK_RAM_DATA
  mov x3, #1
1:orr x4, x2, x3, lsl #L1_BLOCK_SHIFT
  str x4, [x1, x3, lsl #3]
  add x3, x3, #1
  cmp x3, #DIRECT_MAP_BOOT_GIB
  b.lo 1b

  // Kernel image: kernel L1 -> L2 table of 2 MiB blocks over [_start, __kernel_end).
  ldr x3, =_start
  ubfx x4, x3, #L1_BLOCK_SHIFT, #9
  phys_addr x1, boot_kernel_l1
  phys_addr x2, boot_kernel_l2
  orr x5, x2, #DESC_TABLE
  str x5, [x1, x4, lsl #3]
  phys_addr x5, _start                 // 2 MiB aligned (linker.ld asserts it)
  phys_addr x6, __kernel_end
  ldr x7, =BLOCK_KERNEL
2:ubfx x4, x3, #L2_BLOCK_SHIFT, #9
  orr x8, x7, x5
  str x8, [x2, x4, lsl #3]
  add x3, x3, #(1 << L2_BLOCK_SHIFT)
  add x5, x5, #(1 << L2_BLOCK_SHIFT)
  cmp x5, x6
  b.lo 2b

  // TTBR0 identity map: the 1 GiB block holding the image.
  phys_addr x5, _start
  phys_addr x1, boot_identity_l0
  phys_addr x2, boot_identity_l1
  ubfx x4, x5, #L0_SHIFT, #9
  orr x6, x2, #DESC_TABLE
  str x6, [x1, x4, lsl #3]
  ubfx x4, x5, #L1_BLOCK_SHIFT, #9
  and x6, x5, #~((1 << L1_BLOCK_SHIFT) - 1)
  orr x6, x6, x7
  str x6, [x2, x4, lsl #3]

  phys_addr x0, __bss_start
  phys_addr x1, __bss_end
  dcache_invalidate x0, x1, x2, x3
  ret

// MAIR, TCR (with the physical address size this CPU supports, at most 48 bits), the
// two table bases, then SCTLR.M. Returns to a physical address, which the identity map
// keeps valid.
  .global boot_enable_mmu
boot_enable_mmu:
  ldr x0, =MAIR_VALUE
  msr mair_el1, x0
  ldr x0, =TCR_BOOT_VALUE
  mrs x1, id_aa64mmfr0_el1
  ubfx x1, x1, #0, #4                  // PARange
  mov x2, #5                           // 48 bits: the most a 4 KiB granule can use here
  cmp x1, x2
  csel x1, x2, x1, hi
  bfi x0, x1, #TCR_IPS_SHIFT, #3
  msr tcr_el1, x0
  phys_addr x0, boot_identity_l0
  msr ttbr0_el1, x0
  phys_addr x0, kernel_root_table
  msr ttbr1_el1, x0
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
  ret

// The tables. kernel_root_table (TTBR1) and the direct map stay in use after boot.
  .section .bss.page_tables, "aw", %nobits
  .balign 4096
  .global kernel_root_table, boot_direct_map_l1
  .global boot_identity_l0             // secondary CPUs turn their MMU on through it too
kernel_root_table:  .skip 4096
boot_direct_map_l1: .skip 4096
boot_kernel_l1:     .skip 4096
boot_kernel_l2:     .skip 4096
boot_identity_l0:   .skip 4096
boot_identity_l1:   .skip 4096

  .section .note.GNU-stack, "", %progbits
