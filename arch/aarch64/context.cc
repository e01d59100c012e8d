// arch/aarch64/context.cc - per-CPU set-up, new kernel threads and the way to user mode.
//
// cpu_local_init() is the first thing each CPU does in C++: TPIDR_EL1 -> its CpuLocal,
// and CPACR_EL1.FPEN = 0b11 so FP/SIMD instructions do not trap (user programs use
// them; the kernel itself is compiled -mgeneral-regs-only and only touches them in
// context.S to save and restore a thread's state).
#include <arch/context.hh>
#include <arch/cpu.hh>

#include "kernel/panic.hh"
#include "user_hooks.hh"

extern "C" void context_thread_start();

namespace arch {

CpuLocal cpu_locals[boot::kMaxCpus];

void cpu_local_init(uint32_t index) {
  CpuLocal* local = &cpu_locals[index];
  local->index = index;
  local->hwid = Cpu::hardware_id();
  __asm__ volatile("msr tpidr_el1, %0" : : "r"(local) : "memory");
  constexpr uint64_t kCpacrFpenNoTrap = 3ull << 20;
  __asm__ volatile("msr cpacr_el1, %0\n\tisb" : : "r"(kCpacrFpenNoTrap) : "memory");
}

void Context::init_kernel_thread(ThreadContext* tc, uintptr_t top, void (*entry)(void*),
                                 void* arg) {
  *tc = ThreadContext{};
  tc->x19_x28[0] = reinterpret_cast<uint64_t>(entry);
  tc->x19_x28[1] = reinterpret_cast<uint64_t>(arg);
  tc->lr = reinterpret_cast<uint64_t>(&context_thread_start);
  tc->sp = top & ~uintptr_t{15};
}

void Context::return_to_user(TrapFrame* frame) {
  user_hooks::prepare_return(*frame);
  uintptr_t top = cpu_local()->kernel_stack_top;
  if (!top) top = reinterpret_cast<uintptr_t>(frame + 1);
  context_enter_user(frame, top);
}

}  // namespace arch

extern "C" [[noreturn]] void context_thread_returned() {
  panic("a kernel thread's entry function returned (it must not)");
}
