// trap/syscall.cc - the MSRs behind `syscall`, and the C++ half of its entry.
//
// STAR holds two selector bases: bits 47..32 for the kernel (syscall loads CS = base,
// SS = base + 8) and bits 63..48 for user mode (sysretq loads SS = base + 8, CS =
// base + 16, both with RPL 3) - the reason for the GDT's order (cpu/gdt.cc). LSTAR is
// the 64-bit entry point; FMASK the RFLAGS bits to clear on entry: IF (the entry has no
// stack yet), TF, DF (the C ABI), AC (SMAP), NT, RF, IOPL and ID, as Linux does.
// EFER.SCE turns the instructions on.
#include <arch/context.hh>
#include <arch/cpu.hh>
#include <contract/layout.hh>

#include "../cpu/gdt.hh"
#include "../cpu/regs.hh"
#include "../cpu/x86.hh"
#include "syscall.hh"
#include "user_hooks.hh"

extern "C" void syscall_entry();

namespace syscall_msr {
namespace {

constexpr uint64_t kStar = (uint64_t{gdt::kKernelCode} << 32) | (uint64_t{0x18 | 3} << 48);
constexpr uint64_t kFmask = x86::kRflagsIf | x86::kRflagsTf | x86::kRflagsDf | x86::kRflagsAc |
                            x86::kRflagsNt | x86::kRflagsRf | x86::kRflagsIopl | x86::kRflagsId;
// sysretq only to RIPs below the last user page (Linux: TASK_SIZE_MAX): never to a
// non-canonical one, and not from the page where a CPU erratum bites.
constexpr uint64_t kSysretRipLimit = contract::kUserEnd - 4096;

static_assert(gdt::kUserData == arch::kUserDataSelector && gdt::kUserCode == arch::kUserCodeSelector,
              "sysretq's selectors (STAR + 8, + 16) must be the user segments");

}  // namespace

void init_cpu() {
  x86::wrmsr(x86::kMsrStar, kStar);
  x86::wrmsr(x86::kMsrLstar, reinterpret_cast<uint64_t>(&syscall_entry));
  x86::wrmsr(x86::kMsrFmask, kFmask);
  x86::wrmsr(x86::kMsrEfer, x86::rdmsr(x86::kMsrEfer) | x86::kEferSce);
  if (!arch::cpu_local()->kernel_stack_top)
    arch::cpu_local()->kernel_stack_top = gdt::fallback_kernel_stack_top();
}

}  // namespace syscall_msr

// Called by syscall_entry with the frame on the thread's kernel stack, interrupts off.
// Serves the call with interrupts on, runs the return hook, and says whether the frame
// still allows the fast exit.
extern "C" bool syscall_dispatch(arch::TrapFrame* frame) {
  arch::Cpu::irq_enable();
  user_hooks::syscall(*frame);
  user_hooks::prepare_return(*frame);  // returns with interrupts off
  return frame->rcx == frame->rip && frame->r11 == frame->rflags &&
         frame->rip < syscall_msr::kSysretRipLimit &&
         !(frame->rflags & (x86::kRflagsTf | x86::kRflagsRf));
}
