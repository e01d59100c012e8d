// arch/cpu.hh (x86_64) - the CPU operations the arch-independent kernel uses.
//
// Interrupt state is RFLAGS.IF: irq_save() reads RFLAGS before `cli` so the matching
// irq_restore() turns interrupts back on only if they were on. Everything is inline
// because these sit on lock and trap paths. The "memory" clobbers keep the compiler from
// moving memory accesses across the points where interrupts change.
#pragma once

#include <contract/cpu.hh>
#include <stdint.h>

namespace arch {

struct Cpu {
  static constexpr uintptr_t kInterruptFlag = 1u << 9;  // RFLAGS.IF

  static uintptr_t rflags() {
    uintptr_t flags;
    __asm__ volatile("pushfq; popq %0" : "=r"(flags)::"memory");
    return flags;
  }
  static uintptr_t irq_save() {
    uintptr_t flags = rflags();
    __asm__ volatile("cli" ::: "memory");
    return flags;
  }
  static void irq_restore(uintptr_t flags) {
    if (flags & kInterruptFlag) __asm__ volatile("sti" ::: "memory");
  }
  static void irq_enable() { __asm__ volatile("sti" ::: "memory"); }
  static void irq_disable() { __asm__ volatile("cli" ::: "memory"); }
  static bool irq_enabled() { return (rflags() & kInterruptFlag) != 0; }
  static void wait_for_interrupt() { __asm__ volatile("hlt" ::: "memory"); }
  static void relax() { __asm__ volatile("pause" ::: "memory"); }

  // Inlined into the caller, so this is the caller's own frame record: [rbp] is its
  // caller's rbp and [rbp + 8] its return address.
  [[gnu::always_inline]] static inline uintptr_t frame_pointer() {
    return reinterpret_cast<uintptr_t>(__builtin_frame_address(0));
  }
};

static_assert(contract::CpuOps<Cpu>);

}  // namespace arch
