// cpu/regs.hh - names for the bits of the control registers, EFER, RFLAGS and the MSRs
// SeaOS programs (Intel SDM vol. 3A, 2.5 and 2.2.1; vol. 4 for the MSR numbers).
//
// Internal to arch/x86_64. Kept in one place so a reader can look a bit up once, and
// so the assembly-free C++ that sets them reads as words.
#pragma once

#include <stdint.h>

namespace x86 {

// CR0
inline constexpr uint64_t kCr0Mp = 1ull << 1;   // monitor coprocessor: WAIT honours TS
inline constexpr uint64_t kCr0Em = 1ull << 2;   // emulate x87: must be 0 for SSE
inline constexpr uint64_t kCr0Ts = 1ull << 3;   // task switched: the next FP use traps (#NM)
inline constexpr uint64_t kCr0Ne = 1ull << 5;   // x87 errors as #MF, not the old IRQ 13
inline constexpr uint64_t kCr0Wp = 1ull << 16;  // read-only pages bind the kernel too
inline constexpr uint64_t kCr0Am = 1ull << 18;  // RFLAGS.AC enables user alignment checks

// CR4
inline constexpr uint64_t kCr4Pge = 1ull << 7;         // global pages survive CR3 writes
inline constexpr uint64_t kCr4Osfxsr = 1ull << 9;      // the OS saves SSE state: FXSAVE/SSE on
inline constexpr uint64_t kCr4Osxmmexcpt = 1ull << 10; // SIMD FP exceptions raise #XM
inline constexpr uint64_t kCr4Smep = 1ull << 20;       // the kernel may not run user pages
inline constexpr uint64_t kCr4Smap = 1ull << 21;       // ... nor touch them outside stac/clac

// RFLAGS
inline constexpr uint64_t kRflagsReserved1 = 1ull << 1;  // always reads as 1
inline constexpr uint64_t kRflagsTf = 1ull << 8;
inline constexpr uint64_t kRflagsIf = 1ull << 9;
inline constexpr uint64_t kRflagsDf = 1ull << 10;
inline constexpr uint64_t kRflagsIopl = 3ull << 12;
inline constexpr uint64_t kRflagsNt = 1ull << 14;
inline constexpr uint64_t kRflagsRf = 1ull << 16;
inline constexpr uint64_t kRflagsVm = 1ull << 17;
inline constexpr uint64_t kRflagsAc = 1ull << 18;
inline constexpr uint64_t kRflagsVif = 1ull << 19;
inline constexpr uint64_t kRflagsVip = 1ull << 20;
inline constexpr uint64_t kRflagsId = 1ull << 21;

// MSRs
inline constexpr uint32_t kMsrApicBase = 0x1b;
inline constexpr uint32_t kMsrEfer = 0xc0000080;
inline constexpr uint32_t kMsrStar = 0xc0000081;
inline constexpr uint32_t kMsrLstar = 0xc0000082;
inline constexpr uint32_t kMsrFmask = 0xc0000084;
inline constexpr uint32_t kMsrFsBase = 0xc0000100;
inline constexpr uint32_t kMsrGsBase = 0xc0000101;
inline constexpr uint32_t kMsrKernelGsBase = 0xc0000102;

// EFER
inline constexpr uint64_t kEferSce = 1ull << 0;   // SYSCALL/SYSRET enabled
inline constexpr uint64_t kEferNxe = 1ull << 11;  // bit 63 of page entries means no-execute

}  // namespace x86
