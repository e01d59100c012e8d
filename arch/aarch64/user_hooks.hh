// arch/aarch64/user_hooks.hh - where user-mode events leave the arch layer.
//
// A system call, a user fault and every return to EL0 go to the kernel through the
// functions of contract/context.hh (namespace kernel_entry) and mm::handle_page_fault.
// A self-test that runs user code before (or without) the process layer installs
// Overrides to receive those events itself (selftest_usermode.cc); with none installed
// - always, outside that test - each call below is one well-predicted branch and a
// direct call, no indirection on the trap path.
#pragma once

#include <arch/trap_frame.hh>
#include <contract/context.hh>
#include <contract/trap.hh>

#include "mm_entry.hh"

namespace user_hooks {

struct Overrides {
  void (*syscall)(arch::TrapFrame& frame);
  trap::FaultResult (*page_fault)(const trap::PageFault& fault);
  void (*user_exception)(arch::TrapFrame& frame, int signal, int code, uintptr_t address);
  void (*return_to_user)(arch::TrapFrame& frame);
};

// nullptr: events go to the kernel. Set and cleared by the boot CPU only, by a test.
extern const Overrides* overrides;

inline void syscall(arch::TrapFrame& frame) {
  if (__builtin_expect(overrides != nullptr, 0))
    overrides->syscall(frame);
  else
    kernel_entry::syscall(frame);
}

inline trap::FaultResult page_fault(const trap::PageFault& fault) {
  if (__builtin_expect(overrides != nullptr, 0)) return overrides->page_fault(fault);
  return mm::handle_page_fault(fault);
}

inline void user_exception(arch::TrapFrame& frame, int signal, int code, uintptr_t address) {
  if (__builtin_expect(overrides != nullptr, 0))
    overrides->user_exception(frame, signal, code, address);
  else
    kernel_entry::user_exception(frame, signal, code, address);
}

// The last stop before any eret to EL0 (user_traps.cc): runs the return-to-user hook
// with interrupts on (it may deliver a signal or switch threads), turns them off again,
// and makes sure the frame returns to EL0 whatever the process layer wrote into it.
void prepare_return(arch::TrapFrame& frame);

}  // namespace user_hooks
