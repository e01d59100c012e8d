// context/context.cc - per-CPU set-up, new kernel threads and the way to user mode.
//
// cpu_local_init() points GS at the CPU's CpuLocal; everything after it may use
// arch::PerCpu. A new kernel thread is a ThreadContext that "resumes" in
// context_thread_start (context.S) with its entry and argument in callee-saved
// registers. return_to_user() is the single exit to ring 3 for everything that is not
// the return of a system call: it runs the process layer's last hook, makes sure the
// frame cannot take the CPU anywhere but user mode, and irets.
#include <arch/context.hh>
#include <arch/cpu.hh>

#include "../cpu/gdt.hh"
#include "../cpu/regs.hh"
#include "../cpu/x86.hh"
#include "../trap/user_hooks.hh"
#include "kernel/panic.hh"

extern "C" void context_thread_start();

namespace arch {

CpuLocal cpu_locals[boot::kMaxCpus];

void cpu_local_init(uint32_t index, uint32_t apic_id) {
  CpuLocal* local = &cpu_locals[index];
  local->self = local;
  local->index = index;
  local->apic_id = apic_id;
  x86::wrmsr(x86::kMsrGsBase, reinterpret_cast<uint64_t>(local));
  x86::wrmsr(x86::kMsrKernelGsBase, 0);  // the user's GS base while we are in the kernel
}

void Context::init_kernel_thread(ThreadContext* tc, uintptr_t top, void (*entry)(void*),
                                 void* arg) {
  *tc = ThreadContext{};
  tc->r12 = reinterpret_cast<uint64_t>(entry);
  tc->r13 = reinterpret_cast<uint64_t>(arg);
  tc->rsp = top & ~uintptr_t{15};
  tc->rip = reinterpret_cast<uint64_t>(&context_thread_start);
}

void Context::set_kernel_stack(uintptr_t top) {
  cpu_local()->kernel_stack_top = top;
  gdt::set_interrupt_stack(cpu_local()->index, top);
}

void Context::return_to_user(TrapFrame* frame) {
  user_hooks::prepare_return(*frame);
  context_enter_user(frame);
}

}  // namespace arch

extern "C" [[noreturn]] void context_thread_returned() {
  panic("a kernel thread's entry function returned (it must not)");
}
