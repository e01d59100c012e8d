// arch/aarch64/esr.hh - reading the exception syndrome (ESR_EL1) and building a
// trap::PageFault from it.
//
// ESR_EL1 (Arm ARM D17.2.37): exception class EC in bits 31:26, ISS in 24:0. For data
// and instruction aborts the ISS holds the fault status code (DFSC/IFSC, bits 5:0), WnR
// (bit 6: the access was a write), CM (bit 8: cache maintenance) and FnV (bit 10: FAR
// is not valid).
#pragma once

#include <stdint.h>

#include <arch/trap_frame.hh>
#include <contract/trap.hh>

namespace esr {

enum Class : uint64_t {
  kUnknown = 0x00,  // undefined instruction (and the semihosting probe)
  kWfx = 0x01,      // WFI/WFE trapped (from EL0, SCTLR.nTWI = 0)
  kFpAccess = 0x07,
  kIllegalState = 0x0e,
  kSvc64 = 0x15,
  kSysRegister = 0x18,          // MSR/MRS/SYS trapped
  kInstructionAbortLow = 0x20,  // from EL0
  kInstructionAbort = 0x21,     // from EL1
  kPcAlignment = 0x22,
  kDataAbortLow = 0x24,
  kDataAbort = 0x25,
  kSpAlignment = 0x26,
  kFpException = 0x2c,
  kBreakpointLow = 0x30,
  kSoftwareStepLow = 0x32,
  kWatchpointLow = 0x34,
  kBrk64 = 0x3c,
};

constexpr uint64_t exception_class(uint64_t esr) { return esr >> 26 & 0x3f; }
constexpr uint64_t fault_status(uint64_t esr) { return esr & 0x3f; }
constexpr bool is_abort(uint64_t esr) {
  uint64_t ec = exception_class(esr);
  return ec == kInstructionAbortLow || ec == kInstructionAbort || ec == kDataAbortLow ||
         ec == kDataAbort;
}
constexpr bool far_valid(uint64_t esr) { return !(esr & (1u << 10)); }

// Fault status codes 0b0000LL..0b0011LL: address size, translation, access flag and
// permission faults at level LL - the ones page tables cause and the VM may fix.
constexpr bool is_translation_fault_family(uint64_t esr) { return fault_status(esr) < 0x10; }
constexpr bool is_alignment_fault(uint64_t esr) { return fault_status(esr) == 0x21; }
// Access flag (PROT_NONE) and permission faults: a translation was there.
constexpr bool translation_present(uint64_t esr) {
  uint64_t kind = fault_status(esr) >> 2;
  return kind == 2 || kind == 3;
}

inline trap::PageFault page_fault(const arch::TrapFrame& frame, bool user) {
  uint64_t ec = exception_class(frame.esr);
  trap::Access access = trap::Access::Read;
  if (ec == kInstructionAbortLow || ec == kInstructionAbort)
    access = trap::Access::Execute;
  else if ((frame.esr & (1u << 6)) && !(frame.esr & (1u << 8)))
    access = trap::Access::Write;
  return trap::PageFault{frame.far, frame.elr, access, user, translation_present(frame.esr)};
}

}  // namespace esr
