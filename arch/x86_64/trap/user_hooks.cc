// trap/user_hooks.cc - the return path's checks, shared by iretq and sysretq exits.
//
// Whatever the process layer did to the frame (a signal handler's address, registers
// restored by rt_sigreturn, a new program from execve), the CPU must come out in ring 3:
// a frame with a kernel CS would hand the kernel to user code, and IRETQ to a
// non-canonical RIP faults in the kernel, after the user's registers are loaded.
#include "user_hooks.hh"

#include <arch/context.hh>
#include <arch/cpu.hh>
#include <contract/layout.hh>

#include "../cpu/regs.hh"

namespace user_hooks {
namespace {

constexpr int kSigSegv = 11;
constexpr int kSiKernel = 0x80;

// The RFLAGS bits a user program may choose (Linux's FIX_EFLAGS): arithmetic flags,
// TF, DF, RF, AC and ID.
constexpr uint64_t kUserFlags = 0x1 | 0x4 | 0x10 | 0x40 | 0x80 | x86::kRflagsTf | x86::kRflagsDf |
                                0x800 | x86::kRflagsRf | x86::kRflagsAc | x86::kRflagsId;

}  // namespace

const Overrides* overrides = nullptr;

void prepare_return(arch::TrapFrame& frame) {
  for (;;) {
    arch::Cpu::irq_enable();  // the hook may sleep or switch threads
    if (__builtin_expect(overrides && overrides->return_to_user, 0))
      overrides->return_to_user(frame);
    else
      kernel_entry::return_to_user_hook(frame);
    arch::Cpu::irq_disable();
    frame.cs = arch::kUserCodeSelector;
    frame.ss = arch::kUserDataSelector;
    frame.rflags = (frame.rflags & kUserFlags) | x86::kRflagsIf | x86::kRflagsReserved1;
    if (frame.rip < contract::kUserEnd) return;
    arch::Cpu::irq_enable();
    user_exception(frame, kSigSegv, kSiKernel, 0);
  }
}

}  // namespace user_hooks
