// arch/aarch64/traps.cc - where every exception lands: trap_dispatch(TrapFrame*).
//
// vectors.S saves the registers and calls trap_dispatch with the vector index in the
// frame; when it returns, the (maybe changed) frame is restored and execution resumes
// at frame->elr. Routing:
//
//   vector 4  synchronous, kernel   page faults to mm::handle_page_fault, else a report;
//                                   the semihosting probe resumes (power.cc)
//   vector 5  IRQ, kernel           the interrupt dispatcher (irq.cc)
//   vector 8  synchronous, EL0      system calls, faults and signals (user_traps.cc)
//   vector 9  IRQ, EL0              the interrupt dispatcher
//   others                          FIQ, SError, EL1 with SP_EL0, AArch32: a report
//
// Every return to EL0 passes kernel_entry::return_to_user_hook(frame) first, with
// interrupts on (user_hooks::prepare_return).
#include <arch/context.hh>
#include <arch/cpu.hh>
#include <arch/layout.hh>

#include "esr.hh"
#include "irq_dispatch.hh"
#include "mm_entry.hh"
#include "semihosting.hh"
#include "trap_report.hh"
#include "user_hooks.hh"
#include "user_traps.hh"

extern "C" char boot_stack_guard[];
extern "C" char uaccess_copy_start[], uaccess_copy_end[], uaccess_copy_fixup[];

namespace {

constexpr uint64_t kPage = 4096;

bool in_boot_stack_guard(uintptr_t address) {
  auto guard = reinterpret_cast<uintptr_t>(boot_stack_guard);
  return address >= guard && address < guard + kPage;
}

// A synchronous exception in the kernel. A page fault on a user address (copy_from_user
// touching a page not faulted in yet) goes to the VM layer first, with interrupts as the
// interrupted code had them (mm/fault.hh). If it cannot help and the fault was in the
// user-copy loop (uaccess.S), the copy returns false (contract/uaccess.hh). The rest is
// a kernel bug.
void kernel_sync(arch::TrapFrame& frame) {
  uint64_t ec = esr::exception_class(frame.esr);
  if (ec == esr::kUnknown && semihosting::recover_from_trap(frame.elr)) {
    frame.x[0] = static_cast<uint64_t>(-1);  // the call "returns" failure
    frame.elr += 4;                          // past the hlt
    return;
  }
  if (!esr::is_abort(frame.esr)) trap_report::fatal(frame);
  if (esr::is_translation_fault_family(frame.esr) && esr::far_valid(frame.esr) &&
      frame.far < contract::kUserEnd) {
    if (!(frame.spsr & arch::Cpu::kDaifIrq)) arch::Cpu::irq_enable();
    trap::FaultResult result = mm::handle_page_fault(esr::page_fault(frame, false));
    arch::Cpu::irq_disable();
    if (result == trap::FaultResult::Handled) return;
  }
  auto pc = static_cast<uintptr_t>(frame.elr);
  if (pc >= reinterpret_cast<uintptr_t>(uaccess_copy_start) &&
      pc < reinterpret_cast<uintptr_t>(uaccess_copy_end)) {
    frame.elr = reinterpret_cast<uintptr_t>(uaccess_copy_fixup);
    return;
  }
  bool overflow = mm::is_kernel_stack_guard(frame.far) || in_boot_stack_guard(frame.far);
  trap_report::fatal(frame,
                     overflow ? "kernel stack overflow (a fault in a stack guard page)" : nullptr);
}

}  // namespace

extern "C" void trap_dispatch(arch::TrapFrame* frame) {
  switch (frame->vector) {
    case 4:
      kernel_sync(*frame);
      return;
    case 5:
      irq_dispatch::handle(*frame);
      return;
    case 8:
      user_traps::handle_sync(*frame);
      break;
    case 9:
      irq_dispatch::handle(*frame);
      break;
    default:
      trap_report::fatal(*frame);
  }
  user_hooks::prepare_return(*frame);  // entered from EL0: this is the way back
}

// vectors.S's el1_bad_stack, on the overflow stack: SP itself was unusable.
extern "C" [[noreturn]] void trap_stack_overflow(arch::TrapFrame* frame) {
  trap_report::fatal(*frame, "kernel stack overflow (SP points into an unmapped guard page)");
}
