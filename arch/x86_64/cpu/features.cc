// cpu/features.cc - turning on the CPU features the kernel relies on.
//
//   CR0.WP     read-only pages are read-only for the kernel too (W^X means something)
//   CR0.NE     x87 errors as exception #MF (user programs get SIGFPE), not an old IRQ
//   CR0.MP     with EM clear and TS clear: x87/SSE instructions run, never trap (#NM)
//   CR0.AM     user programs may ask for alignment checks (RFLAGS.AC -> #AC -> SIGBUS)
//   CR4.OSFXSR, OSXMMEXCPT  the kernel saves SSE state (FXSAVE), so user programs may
//              use SSE; SIMD exceptions arrive as #XM
//   CR4.SMEP   the kernel never executes a user page (a classic exploit path)
//   CR4.SMAP   the kernel never touches a user page outside UserAccess::copy, which
//              brackets its access with stac/clac (trap/uaccess.S)
//   EFER.NXE   page-table bit 63 means no-execute (long_mode.S already set it)
// SMEP and SMAP only when CPUID leaf 7 says the CPU has them (-cpu max does); the trap
// entry and the copy routine test `smap_enabled` before using stac/clac. CR4.PGE (global
// pages) follows in mmu_init, when the kernel's global mappings exist.
#include "features.hh"

#include "regs.hh"
#include "x86.hh"

extern "C" {
bool smap_enabled = false;  // written once by the boot CPU, before interrupts are on
}

namespace cpu_features {
namespace {

constexpr uint32_t kCpuid7EbxSmep = 1u << 7;
constexpr uint32_t kCpuid7EbxSmap = 1u << 20;

}  // namespace

void init_cpu() {
  uint64_t cr0 = x86::read_cr0();
  cr0 |= x86::kCr0Wp | x86::kCr0Ne | x86::kCr0Mp | x86::kCr0Am;
  cr0 &= ~(x86::kCr0Em | x86::kCr0Ts);
  x86::write_cr0(cr0);

  uint32_t leaf7_ebx = x86::cpuid(0).eax >= 7 ? x86::cpuid(7, 0).ebx : 0;
  uint64_t cr4 = x86::read_cr4() | x86::kCr4Osfxsr | x86::kCr4Osxmmexcpt;
  if (leaf7_ebx & kCpuid7EbxSmep) cr4 |= x86::kCr4Smep;
  if (leaf7_ebx & kCpuid7EbxSmap) cr4 |= x86::kCr4Smap;
  x86::write_cr4(cr4);
  smap_enabled = leaf7_ebx & kCpuid7EbxSmap;

  x86::wrmsr(x86::kMsrEfer, x86::rdmsr(x86::kMsrEfer) | x86::kEferNxe);
}

}  // namespace cpu_features
