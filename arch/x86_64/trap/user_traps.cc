// trap/user_traps.cc - what a user program's exceptions become.
//
// Linux's choices on x86_64 (arch/x86/kernel/traps.c), so a program sees what it would
// see there (signal, si_code, si_addr):
//
//   #DE  divide error               SIGFPE  FPE_INTDIV   at the instruction
//   #DB  debug (single step)        SIGTRAP TRAP_TRACE   at the instruction
//   #BP  int3                       SIGTRAP SI_KERNEL    (RIP is past the int3)
//   #OF #BR (not in 64-bit mode)    SIGSEGV SI_KERNEL
//   #UD  invalid opcode             SIGILL  ILL_ILLOPN   at the instruction
//   #NM  device not available       SIGSEGV SI_KERNEL    (CR0.TS is never set)
//   #NP #SS segment/stack fault     SIGBUS  SI_KERNEL
//   #GP  general protection         SIGSEGV SI_KERNEL    address 0: a privileged
//                                                        instruction, a bad selector,
//                                                        a non-canonical address
//   #PF  page fault                 mm::handle_page_fault(user); if Unhandled:
//                                   SIGSEGV SEGV_MAPERR (nothing mapped) or SEGV_ACCERR
//                                   (mapped, access not allowed), at CR2
//   #MF  x87 error, #XM SIMD error  SIGFPE  the first flag raised (FPE_FLTINV ...)
//   #AC  alignment check            SIGBUS  BUS_ADRALN
//   anything else                   SIGSEGV SI_KERNEL
//
// The process layer turns each into a signal with kernel_entry::user_exception. The
// kernel serves the program with interrupts on, as it was interrupted in user mode
// anyway; the trap entry runs with them off, so they are enabled here and turned off
// again before the frame is restored.
#include "user_traps.hh"

#include <arch/cpu.hh>
#include <contract/layout.hh>

#include "user_hooks.hh"

namespace user_traps {
namespace {

// Linux signal numbers and si_code values (asm-generic/signal.h, siginfo.h).
constexpr int kSigIll = 4, kSigTrap = 5, kSigBus = 7, kSigFpe = 8, kSigSegv = 11;
constexpr int kSiKernel = 0x80;
constexpr int kIllIllOpn = 2;
constexpr int kTrapTrace = 2;
constexpr int kBusAdrAln = 1;
constexpr int kSegvMapErr = 1, kSegvAccErr = 2;
constexpr int kFpeIntDiv = 1, kFpeFltDiv = 3, kFpeFltOvf = 4, kFpeFltUnd = 5, kFpeFltRes = 6;
constexpr int kFpeFltInv = 7;

enum Vector : uint64_t {
  kDivide = 0, kDebug = 1, kBreakpoint = 3, kInvalidOpcode = 6, kSegmentNotPresent = 11,
  kStackFault = 12, kGeneralProtection = 13, kPageFault = 14, kX87 = 16, kAlignment = 17,
  kSimd = 19,
};

// Page-fault error code bits (SDM 4.7).
constexpr uint64_t kPfPresent = 1, kPfWrite = 2, kPfFetch = 16;

void page_fault(arch::TrapFrame& frame) {
  trap::PageFault fault{};
  fault.address = frame.fault_address;
  fault.pc = frame.rip;
  fault.access = frame.error_code & kPfFetch  ? trap::Access::Execute
                 : frame.error_code & kPfWrite ? trap::Access::Write
                                               : trap::Access::Read;
  fault.user = true;
  fault.present = frame.error_code & kPfPresent;
  if (user_hooks::page_fault(fault) == trap::FaultResult::Handled) return;
  bool denied = fault.present && fault.address < contract::kUserEnd;
  user_hooks::user_exception(frame, kSigSegv, denied ? kSegvAccErr : kSegvMapErr, fault.address);
}

// The si_code of a floating-point exception from the status flags that are raised and
// not masked (x87 status word with its control word, or MXCSR's flags with its masks).
int fp_code(uint32_t raised) {
  if (raised & 0x01) return kFpeFltInv;
  if (raised & 0x04) return kFpeFltDiv;
  if (raised & 0x08) return kFpeFltOvf;
  if (raised & 0x10) return kFpeFltUnd;
  if (raised & 0x20) return kFpeFltRes;
  return kFpeFltInv;
}

int x87_code() {
  uint16_t status, control;
  __asm__ volatile("fnstsw %0\n\tfnstcw %1" : "=m"(status), "=m"(control));
  return fp_code(status & ~control & 0x3f);
}

int simd_code() {
  uint32_t mxcsr;
  __asm__ volatile("stmxcsr %0" : "=m"(mxcsr));
  return fp_code(mxcsr & ~(mxcsr >> 7) & 0x3f);
}

}  // namespace

void handle(arch::TrapFrame& frame) {
  // The FPU still holds this thread's state; read it before anything can switch threads.
  int fpe = frame.vector == kX87 ? x87_code() : frame.vector == kSimd ? simd_code() : 0;
  arch::Cpu::irq_enable();
  switch (frame.vector) {
    case kPageFault: page_fault(frame); break;
    case kDivide: user_hooks::user_exception(frame, kSigFpe, kFpeIntDiv, frame.rip); break;
    case kDebug: user_hooks::user_exception(frame, kSigTrap, kTrapTrace, frame.rip); break;
    case kBreakpoint: user_hooks::user_exception(frame, kSigTrap, kSiKernel, 0); break;
    case kInvalidOpcode:
      user_hooks::user_exception(frame, kSigIll, kIllIllOpn, frame.rip);
      break;
    case kSegmentNotPresent:
    case kStackFault: user_hooks::user_exception(frame, kSigBus, kSiKernel, 0); break;
    case kX87:
    case kSimd: user_hooks::user_exception(frame, kSigFpe, fpe, frame.rip); break;
    case kAlignment: user_hooks::user_exception(frame, kSigBus, kBusAdrAln, 0); break;
    case kGeneralProtection:
    default: user_hooks::user_exception(frame, kSigSegv, kSiKernel, 0); break;
  }
  arch::Cpu::irq_disable();
}

}  // namespace user_traps
