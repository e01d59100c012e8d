// arch/cpu.hh (aarch64) - interrupt masking, waiting and the frame pointer.
//
// Interrupt state lives in PSTATE.DAIF. The kernel masks IRQ and FIQ together (I and F);
// debug and SError masks are left as they are. irq_save returns the whole DAIF value so
// irq_restore puts back exactly what was there, nested or not.
#pragma once

#include <contract/cpu.hh>
#include <stdint.h>

namespace arch {

struct Cpu {
  static constexpr uintptr_t kDaifIrq = 1u << 7;  // PSTATE.I: IRQs masked
  // MPIDR_EL1 affinity fields Aff3 (39:32) and Aff2..Aff0 (23:0): a CPU's hardware id.
  static constexpr uint64_t kAffinityMask = 0xff00ffffffull;

  [[gnu::always_inline]] static uintptr_t irq_save() {
    uintptr_t daif;
    __asm__ volatile("mrs %0, daif\n\tmsr daifset, #3" : "=r"(daif) : : "memory");
    return daif;
  }
  [[gnu::always_inline]] static void irq_restore(uintptr_t daif) {
    __asm__ volatile("msr daif, %0" : : "r"(daif) : "memory");
  }
  [[gnu::always_inline]] static void irq_enable() {
    __asm__ volatile("msr daifclr, #3" : : : "memory");
  }
  [[gnu::always_inline]] static void irq_disable() {
    __asm__ volatile("msr daifset, #3" : : : "memory");
  }
  [[gnu::always_inline]] static bool irq_enabled() {
    uintptr_t daif;
    __asm__ volatile("mrs %0, daif" : "=r"(daif));
    return (daif & kDaifIrq) == 0;
  }
  [[gnu::always_inline]] static void wait_for_interrupt() {
    __asm__ volatile("wfi" : : : "memory");
  }
  [[gnu::always_inline]] static void relax() { __asm__ volatile("yield" : : : "memory"); }

  // x29 of the function this is inlined into: the head of its frame-record chain.
  [[gnu::always_inline]] static uintptr_t frame_pointer() {
    return reinterpret_cast<uintptr_t>(__builtin_frame_address(0));
  }

  // This CPU's MPIDR_EL1 affinity (Aff3..Aff0): the hardware id the device tree uses.
  [[gnu::always_inline]] static uint64_t hardware_id() {
    uint64_t mpidr;
    __asm__ volatile("mrs %0, mpidr_el1" : "=r"(mpidr));
    return mpidr & kAffinityMask;
  }
};

static_assert(contract::CpuOps<Cpu>);

}  // namespace arch
