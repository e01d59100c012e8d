// arch/aarch64/user_traps.cc - what a user program's exceptions become.
//
// Everything a program does that enters the kernel synchronously arrives at vector 8
// with the exception class in ESR_EL1:
//
//   svc #0                    -> kernel_entry::syscall (number in x8, Linux arm64 ABI)
//   data/instruction abort    -> mm::handle_page_fault(user = true); if it cannot help:
//                                SIGSEGV (SEGV_MAPERR nothing mapped, SEGV_ACCERR not
//                                allowed), or SIGBUS for alignment and external aborts
//   undefined instruction,    -> SIGILL (ILL_ILLOPC), at the instruction
//   trapped system register,
//   illegal execution state
//   PC or SP misaligned       -> SIGBUS (BUS_ADRALN)
//   brk, breakpoint, step,    -> SIGTRAP
//   watchpoint
//   trapped FP exception      -> SIGFPE with the code of the first flag raised
//   wfi                       -> skipped (as on Linux; nothing to wait for in EL0)
//
// Signals are the process layer's: kernel_entry::user_exception(frame, signal, code,
// address) with Linux's numbers. The kernel runs with interrupts on while it serves the
// program, as it would have been interrupted in user mode anyway.
#include "user_traps.hh"

#include <arch/cpu.hh>

#include "esr.hh"
#include "user_hooks.hh"

namespace user_traps {
namespace {

// Linux signal numbers and si_code values (asm-generic/signal.h, siginfo.h).
constexpr int kSigIll = 4, kSigTrap = 5, kSigBus = 7, kSigFpe = 8, kSigSegv = 11;
constexpr int kIllIllOpc = 1;
constexpr int kTrapBrkpt = 1, kTrapTrace = 2, kTrapHwBkpt = 4;
constexpr int kBusAdrAln = 1, kBusObjErr = 3;
constexpr int kSegvMapErr = 1, kSegvAccErr = 2;
constexpr int kFpeFltDiv = 3, kFpeFltOvf = 4, kFpeFltUnd = 5, kFpeFltRes = 6, kFpeFltInv = 7;

void user_abort(arch::TrapFrame& frame) {
  if (esr::is_alignment_fault(frame.esr)) {
    user_hooks::user_exception(frame, kSigBus, kBusAdrAln, frame.far);
    return;
  }
  if (!esr::is_translation_fault_family(frame.esr) || !esr::far_valid(frame.esr)) {
    user_hooks::user_exception(frame, kSigBus, kBusObjErr, frame.far);
    return;
  }
  trap::PageFault fault = esr::page_fault(frame, true);
  if (user_hooks::page_fault(fault) == trap::FaultResult::Handled) return;
  user_hooks::user_exception(frame, kSigSegv, fault.present ? kSegvAccErr : kSegvMapErr,
                             fault.address);
}

// ESR ISS for a trapped FP exception: IOF, DZF, OFF, UFF, IXF in bits 0-4, IDF bit 7.
int fp_exception_code(uint64_t esr) {
  if (esr & (1u << 0)) return kFpeFltInv;
  if (esr & (1u << 1)) return kFpeFltDiv;
  if (esr & (1u << 2)) return kFpeFltOvf;
  if (esr & (1u << 3)) return kFpeFltUnd;
  if (esr & (1u << 4)) return kFpeFltRes;
  return kFpeFltInv;
}

}  // namespace

void handle_sync(arch::TrapFrame& frame) {
  arch::Cpu::irq_enable();
  switch (esr::exception_class(frame.esr)) {
    case esr::kSvc64:
      user_hooks::syscall(frame);
      break;
    case esr::kDataAbortLow:
    case esr::kInstructionAbortLow:
      user_abort(frame);
      break;
    case esr::kPcAlignment:
      user_hooks::user_exception(frame, kSigBus, kBusAdrAln, frame.elr);
      break;
    case esr::kSpAlignment:
      user_hooks::user_exception(frame, kSigBus, kBusAdrAln, frame.sp);
      break;
    case esr::kBrk64:
    case esr::kBreakpointLow:
      user_hooks::user_exception(frame, kSigTrap, kTrapBrkpt, frame.elr);
      break;
    case esr::kSoftwareStepLow:
      user_hooks::user_exception(frame, kSigTrap, kTrapTrace, frame.elr);
      break;
    case esr::kWatchpointLow:
      user_hooks::user_exception(frame, kSigTrap, kTrapHwBkpt, frame.far);
      break;
    case esr::kFpException:
      user_hooks::user_exception(frame, kSigFpe, fp_exception_code(frame.esr), frame.elr);
      break;
    case esr::kWfx:
      frame.elr += 4;
      break;
    default:  // undefined, trapped system register, illegal state, anything new
      user_hooks::user_exception(frame, kSigIll, kIllIllOpc, frame.elr);
      break;
  }
  arch::Cpu::irq_disable();
}

}  // namespace user_traps

namespace user_hooks {

const Overrides* overrides = nullptr;

// SPSR bits a user program may choose: the condition flags NZCV, DIT and SSBS. Mode
// (EL0t, AArch64), interrupt masks and everything else are the kernel's: a frame edited
// by rt_sigreturn must not return to EL1 or to EL0 with interrupts masked.
constexpr uint64_t kUserSpsrBits = 0xfull << 28 | 1ull << 24 | 1ull << 12;

void prepare_return(arch::TrapFrame& frame) {
  arch::Cpu::irq_enable();
  if (__builtin_expect(overrides != nullptr, 0))
    overrides->return_to_user(frame);
  else
    kernel_entry::return_to_user_hook(frame);
  arch::Cpu::irq_disable();
  frame.spsr &= kUserSpsrBits;
}

}  // namespace user_hooks
