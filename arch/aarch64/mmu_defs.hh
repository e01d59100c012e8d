// arch/aarch64/mmu_defs.hh - register values and descriptor bits for the boot MMU.
//
// One place for the numbers that head.S (which turns the MMU on), direct_map.cc (which
// fits the boot direct map to the RAM the device tree reports) and the page-table code
// (pte.hh, user_table.cc, kernel_map.cc) must agree on. Plain #defines, because the
// assembler includes this file too.
//
// Translation regime: 4 KiB granule, 48-bit virtual addresses (T0SZ = T1SZ = 16), so a
// walk starts at level 0 and each level resolves 9 bits: L0 = 512 GiB per entry,
// L1 = 1 GiB, L2 = 2 MiB, L3 = 4 KiB. Boot only needs L1 (1 GiB) and L2 (2 MiB) blocks;
// the final map (page_table.cc) uses 2 MiB blocks and 4 KiB pages.
#pragma once

// A 64-bit constant in both languages (the assembler has no integer suffixes).
#ifdef __ASSEMBLY__
#define U64(x) x
#else
#define U64(x) x##ull
#endif
#define BIT(n) (U64(1) << (n))

// ---- descriptors (VMSAv8-64 stage 1, 4 KiB granule) -------------------------------------
#define DESC_BLOCK 0x1                      // L1/L2 block: bits[1:0] = 0b01
#define DESC_TABLE 0x3                      // next-level table: bits[1:0] = 0b11
#define DESC_PAGE 0x3                       // L3 page: bits[1:0] = 0b11 as well
#define DESC_TYPE_MASK 0x3
#define DESC_ADDR_MASK U64(0x0000fffffffff000)  // output address, bits 47:12
#define DESC_ATTR_INDEX(n) ((n) << 2)       // which MAIR_EL1 byte gives the memory type
#define DESC_SH_INNER (U64(3) << 8)         // inner shareable (ignored for Device memory)
#define DESC_AP_EL0 BIT(6)                  // AP[1]: EL0 may access
#define DESC_AP_RO BIT(7)                   // AP[2]: read-only (at every EL that may access)
#define DESC_AF BIT(10)                     // access flag preset: no access-flag faults
#define DESC_NG BIT(11)                     // not global: the TLB tags the entry with the ASID
#define DESC_PXN BIT(53)                    // never executable at EL1
#define DESC_UXN BIT(54)                    // never executable at EL0
// AP[2:1] = 0b00 (bits 7:6): read/write at EL1, no access from EL0. Left at zero below.

// MAIR_EL1 slots: 0 = Normal write-back read/write-allocate, 1 = Device-nGnRE,
// 2 = Normal non-cacheable, 3 = Device-nGnRnE.
#define MAIR_IDX_NORMAL 0
#define MAIR_IDX_DEVICE 1
#define MAIR_IDX_NORMAL_NC 2
#define MAIR_IDX_DEVICE_STRICT 3
#define MAIR_VALUE U64(0x4404ff)

// Kernel text and data (boot maps them together; the VM layer splits RX / RW+NX later).
#define BLOCK_KERNEL \
  (DESC_BLOCK | DESC_ATTR_INDEX(MAIR_IDX_NORMAL) | DESC_SH_INNER | DESC_AF | DESC_UXN)
// RAM in the direct map: data only, never executed.
#define BLOCK_RAM_DATA (BLOCK_KERNEL | DESC_PXN)
// MMIO in the direct map.
#define BLOCK_DEVICE \
  (DESC_BLOCK | DESC_ATTR_INDEX(MAIR_IDX_DEVICE) | DESC_AF | DESC_PXN | DESC_UXN)

#define L1_BLOCK_SHIFT 30                   // 1 GiB
#define L2_BLOCK_SHIFT 21                   // 2 MiB
#define L0_SHIFT 39                         // 512 GiB per level-0 entry
#define TABLE_ENTRIES 512

// ---- TCR_EL1 -----------------------------------------------------------------------------
// T0SZ = T1SZ = 16 (48-bit), both halves walked with inner/outer write-back
// write-allocate, inner-shareable tables, TG0 = 4 KiB (0b00), TG1 = 4 KiB (0b10).
// IPS (bits 34:32) is filled in at boot from ID_AA64MMFR0_EL1.PARange.
#define TCR_T0SZ_48 U64(16)
#define TCR_IRGN0_WBWA BIT(8)
#define TCR_ORGN0_WBWA BIT(10)
#define TCR_SH0_INNER (U64(3) << 12)
#define TCR_EPD0 BIT(7)                     // no walks through TTBR0: every low address faults
#define TCR_T1SZ_48 (16 << 16)
#define TCR_IRGN1_WBWA BIT(24)
#define TCR_ORGN1_WBWA BIT(26)
#define TCR_SH1_INNER (U64(3) << 28)
#define TCR_TG1_4K (U64(2) << 30)
#define TCR_IPS_SHIFT 32
#define TCR_AS BIT(36)                      // 16-bit ASIDs (when the CPU has them)
#define TCR_BOOT_VALUE                                                                    \
  (TCR_T0SZ_48 | TCR_IRGN0_WBWA | TCR_ORGN0_WBWA | TCR_SH0_INNER | TCR_T1SZ_48 |          \
   TCR_IRGN1_WBWA | TCR_ORGN1_WBWA | TCR_SH1_INNER | TCR_TG1_4K)

// ---- SCTLR_EL1 ---------------------------------------------------------------------------
// The bits that are RES1 in ARMv8.0 (11, 20, 22, 23, 28, 29); on later CPUs they select
// the v8.0 behaviour, which is what this kernel expects.
#define SCTLR_EL1_RES1 U64(0x30d00800)
#define SCTLR_M BIT(0)                      // MMU on
#define SCTLR_C BIT(2)                      // data cache on
#define SCTLR_SA BIT(3)                     // SP alignment check at EL1
#define SCTLR_SA0 BIT(4)                    // SP alignment check at EL0
#define SCTLR_I BIT(12)                     // instruction cache on
// What user programs may do without trapping, as on Linux: DC ZVA (memset), reading
// CTR_EL0 and cleaning caches to the point of unification (JITs, __clear_cache), WFE
// (spin-wait loops). WFI from EL0 still traps (the kernel skips it).
#define SCTLR_DZE BIT(14)
#define SCTLR_UCT BIT(15)
#define SCTLR_NTWE BIT(18)
#define SCTLR_UCI BIT(26)
#define SCTLR_EL1_MMU_OFF SCTLR_EL1_RES1
#define SCTLR_EL1_MMU_ON                                                                  \
  (SCTLR_EL1_RES1 | SCTLR_M | SCTLR_C | SCTLR_SA | SCTLR_SA0 | SCTLR_I | SCTLR_DZE |      \
   SCTLR_UCT | SCTLR_NTWE | SCTLR_UCI)

// ---- leaving EL2 -------------------------------------------------------------------------
#define HCR_EL2_RW BIT(31)                  // EL1 is AArch64; nothing else trapped
#define CNTHCTL_EL1PCTEN BIT(0)             // EL1/EL0 may read the physical counter
#define CNTHCTL_EL1PCEN BIT(1)              // ... and use the physical timer
#define CPTR_EL2_NO_FP_TRAP U64(0x33ff)     // RES1 bits; TFP = 0 so FP/SIMD is EL1's business
#define ICC_SRE_EL2_SRE_ENABLE 0x9          // GICv3: system-register interface, usable by EL1
#define SPSR_EL1H_MASKED 0x3c5              // return to EL1 using SP_EL1, D/A/I/F all masked

// MPIDR_EL1 affinity fields Aff3 (39:32) and Aff2..Aff0 (23:0).
#define MPIDR_AFFINITY_MASK U64(0xff00ffffff)
