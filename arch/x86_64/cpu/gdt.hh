// cpu/gdt.hh - segment selectors and the task-state segment.
//
// The user selectors must match arch::kUserCodeSelector/kUserDataSelector
// (<arch/context.hh>) and the STAR value of trap/syscall.cc.
#pragma once

#include <stdint.h>

namespace gdt {

// Selectors, fixed by the order of the GDT (see gdt.cc for why this order).
inline constexpr uint16_t kKernelCode = 0x08;
inline constexpr uint16_t kKernelData = 0x10;
inline constexpr uint16_t kUserData = 0x20 | 3;
inline constexpr uint16_t kUserCode = 0x28 | 3;
inline constexpr uint16_t kTss = 0x30;

// Interrupt stack table slots (1-based, as the IDT gate encodes them; 0 = no switch).
inline constexpr uint8_t kIstDoubleFault = 1;
inline constexpr uint8_t kIstNmi = 2;  // also the machine check

// Loads the boot CPU's GDT and TSS and reloads every segment register. Interrupts off.
void init_boot_cpu();

// A secondary CPU's own stacks (smp/start.cc allocates them, kernel stacks with guards).
inline constexpr uint64_t kSecondaryIstSize = 16 * 1024;  // mm::kKernelStackSize
struct SecondaryStacks {
  uint64_t double_fault_top;
  uint64_t nmi_top;
  uint64_t rsp0_top;
};

// Loads CPU `cpu`'s own copy of the GDT, naming its own TSS with its IST stacks, on
// that CPU. Interrupts off; before cpu_local_init (loading GS clears its base).
void init_secondary_cpu(uint32_t cpu, const SecondaryStacks& stacks);

// TSS.RSP0 of `cpu`: the stack an interrupt or exception from user mode starts on.
void set_interrupt_stack(uint32_t cpu, uint64_t top);

// The small static stack RSP0 starts at (the syscall entry's too) until the process
// layer sets a thread's kernel stack.
uint64_t fallback_kernel_stack_top();

// True when rsp lies on one of the IST stacks (a report says so).
bool on_ist_stack(uint64_t rsp);

}  // namespace gdt
