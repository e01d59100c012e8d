// arch/aarch64/traps.cc - where every exception lands: trap_dispatch(TrapFrame*).
//
// vectors.S saves the registers and calls trap_dispatch; when it returns, the (maybe
// changed) frame is restored and execution resumes at frame->elr. At this stage of the
// kernel nothing is expected to trap except the semihosting probe (power.cc), so every
// other exception is reported and stops the machine. Interrupts, system calls and page
// faults will be routed from here as those layers arrive.
#include "semihosting.hh"
#include "trap_frame.hh"
#include "trap_report.hh"

namespace {

constexpr uint64_t kEsrClassShift = 26;
constexpr uint64_t kClassUnknown = 0x00;  // "unknown reason": undefined instructions

bool is_synchronous(const arch::TrapFrame& frame) { return frame.vector % 4 == 0; }

}  // namespace

extern "C" void trap_dispatch(arch::TrapFrame* frame) {
  uint64_t exception_class = frame->esr >> kEsrClassShift & 0x3f;
  if (is_synchronous(*frame) && exception_class == kClassUnknown &&
      semihosting::recover_from_trap(frame->elr)) {
    frame->x[0] = static_cast<uint64_t>(-1);  // the call "returns" failure
    frame->elr += 4;                          // past the hlt
    return;
  }
  trap_report::fatal(*frame);
}
