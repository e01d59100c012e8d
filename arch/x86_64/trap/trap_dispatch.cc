// trap/trap_dispatch.cc - where every interrupt and exception arrives in C++.
//
// trap_entry.S saves the interrupted registers and calls trap_dispatch(frame) with
// interrupts off. Three kinds of event, three places:
//   - vectors 32-255 are interrupts: the tick, devices, APIC housekeeping (apic/irq.cc);
//   - exceptions in user mode become page-fault handling or signals (user_traps.cc),
//     except NMI, double fault and machine check, which are always reported;
//   - exceptions in kernel mode are either page faults the kernel can resolve (a user
//     page touched by a copy to or from user memory) or bugs, reported (kernel_faults.cc).
// Every frame from user mode then passes user_hooks::prepare_return before the entry
// code irets to it.
#include <arch/trap_frame.hh>

#include "../apic/irq.hh"
#include "kernel_faults.hh"
#include "trap_frame.hh"
#include "user_hooks.hh"
#include "user_traps.hh"

namespace {

// NMI, double fault and machine check concern the machine, not the program that ran.
bool is_machine_event(uint64_t vector) { return vector == 2 || vector == 8 || vector == 18; }

}  // namespace

extern "C" void trap_dispatch(trap::TrapFrame* frame) {
  if (frame->vector >= 32) irq::dispatch(*frame);
  else if (arch::from_user(*frame) && !is_machine_event(frame->vector)) user_traps::handle(*frame);
  else kernel_faults::handle(*frame);
  if (arch::from_user(*frame)) user_hooks::prepare_return(*frame);
}
