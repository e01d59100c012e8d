// arch/aarch64/entry_defaults.cc - stand-ins until the kernel layers above exist.
//
// The trap code calls into src/ (contract/context.hh's kernel_entry functions,
// mm::handle_page_fault, mm::is_kernel_stack_guard). Until the process layer and the
// VM layer define them, these weak definitions let the kernel link and say plainly what
// is missing; a strong definition anywhere in src/ replaces each one at link time.
#include <arch/context.hh>
#include <contract/smp.hh>

#include "kernel/panic.hh"
#include "mm_entry.hh"

namespace kernel_entry {

__attribute__((weak)) void syscall(arch::TrapFrame& frame) {
  panic("system call %lu from user mode, but there is no process layer yet",
        static_cast<unsigned long>(arch::SyscallAbi::number(frame)));
}

__attribute__((weak)) void user_exception(arch::TrapFrame& frame, int signal, int code,
                                          uintptr_t address) {
  panic(
      "user exception (signal %d, code %d, address %#lx, pc %#lx), but there is no "
      "process layer yet",
      signal, code, static_cast<unsigned long>(address), static_cast<unsigned long>(frame.elr));
}

__attribute__((weak)) void timer_tick() {
  panic("timer tick, but there is no process layer yet to take it");
}

__attribute__((weak)) void return_to_user_hook(arch::TrapFrame&) {
  panic("return to user mode, but there is no process layer yet");
}

// SMP (contract/smp.hh): a secondary CPU with no kernel to run parks with interrupts off;
// IPIs nobody asked for are ignored.
__attribute__((weak)) void secondary_main(uint32_t) {
  for (;;) __asm__ volatile("msr daifset, #3\n\twfi" : : : "memory");
}

__attribute__((weak)) void ipi_reschedule() {}
__attribute__((weak)) void ipi_call_function() {}

}  // namespace kernel_entry

namespace mm {

__attribute__((weak)) trap::FaultResult handle_page_fault(const trap::PageFault&) {
  return trap::FaultResult::Unhandled;
}

__attribute__((weak)) bool is_kernel_stack_guard(uintptr_t) { return false; }

}  // namespace mm
