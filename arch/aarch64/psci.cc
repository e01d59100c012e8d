// arch/aarch64/psci.cc - the hvc/smc call itself.
//
// SMC Calling Convention: function id in w0, arguments in x1..x3, result in x0; the
// callee may change x0..x17, so the asm lists x4..x17 as clobbered.
#include "psci.hh"

namespace psci {
namespace {

arch::PsciConduit conduit = arch::PsciConduit::None;

}  // namespace

void set_conduit(arch::PsciConduit c) { conduit = c; }

int64_t call(uint32_t function, uint64_t arg1, uint64_t arg2, uint64_t arg3) {
  register uint64_t x0 __asm__("x0") = function;
  register uint64_t x1 __asm__("x1") = arg1;
  register uint64_t x2 __asm__("x2") = arg2;
  register uint64_t x3 __asm__("x3") = arg3;
#define SEAOS_SMCCC_CLOBBERS                                                              \
  "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11", "x12", "x13", "x14", "x15", "x16", "x17", \
      "memory"
  switch (conduit) {
    case arch::PsciConduit::Hvc:
      __asm__ volatile("hvc #0" : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3) : : SEAOS_SMCCC_CLOBBERS);
      break;
    case arch::PsciConduit::Smc:
      __asm__ volatile("smc #0" : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3) : : SEAOS_SMCCC_CLOBBERS);
      break;
    case arch::PsciConduit::None: return kNotSupported;
  }
#undef SEAOS_SMCCC_CLOBBERS
  return static_cast<int64_t>(x0);
}

void system_off() { call(kSystemOff); }

}  // namespace psci
