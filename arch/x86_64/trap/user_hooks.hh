// trap/user_hooks.hh - where trap events leave the arch layer for the kernel.
//
// A system call, a page fault, a user exception, every return to user mode and the
// periodic tick go to the kernel through contract/context.hh's kernel_entry functions
// and mm::handle_page_fault. A self-test that runs before (or without) the process
// layer - user mode, the timer - installs Overrides to receive those events itself;
// with none installed each call below is one well-predicted branch and a direct call,
// no indirection on the trap path. (aarch64 has the same seam, so the tests read alike.)
#pragma once

#include <arch/trap_frame.hh>
#include <contract/context.hh>
#include <contract/trap.hh>

#include "mm/fault.hh"

namespace user_hooks {

// Any member may be nullptr: that event still goes to the kernel.
struct Overrides {
  void (*syscall)(arch::TrapFrame& frame);
  trap::FaultResult (*page_fault)(const trap::PageFault& fault);
  void (*user_exception)(arch::TrapFrame& frame, int signal, int code, uintptr_t address);
  void (*return_to_user)(arch::TrapFrame& frame);
  void (*timer_tick)();
};

// nullptr: events go to the kernel. Set and cleared by the boot CPU only, by a test.
extern const Overrides* overrides;

inline void syscall(arch::TrapFrame& frame) {
  if (__builtin_expect(overrides && overrides->syscall, 0)) overrides->syscall(frame);
  else kernel_entry::syscall(frame);
}

inline trap::FaultResult page_fault(const trap::PageFault& fault) {
  if (__builtin_expect(overrides && overrides->page_fault, 0)) return overrides->page_fault(fault);
  return mm::handle_page_fault(fault);
}

inline void user_exception(arch::TrapFrame& frame, int signal, int code, uintptr_t address) {
  if (__builtin_expect(overrides && overrides->user_exception, 0))
    overrides->user_exception(frame, signal, code, address);
  else kernel_entry::user_exception(frame, signal, code, address);
}

inline void timer_tick() {
  if (__builtin_expect(overrides && overrides->timer_tick, 0)) overrides->timer_tick();
  else kernel_entry::timer_tick();
}

// The last stop before ring 3: kernel_entry::return_to_user_hook (signals, rescheduling)
// with interrupts on, then, with interrupts off, the frame is made safe to iret with: CS and SS are the user
// segments, RFLAGS has IF set and no privileged bit (IOPL, NT, VM...), and RIP is a
// user-half address (else the thread gets SIGSEGV and the hook runs again). Returns with
// interrupts off; the caller goes straight to sysretq/iretq.
void prepare_return(arch::TrapFrame& frame);

}  // namespace user_hooks
