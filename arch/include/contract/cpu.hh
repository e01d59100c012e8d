// contract/cpu.hh - the CPU operations every architecture provides.
//
// src/ calls arch::Cpu::...; each architecture defines that type in <arch/cpu.hh> and
// proves it satisfies this concept with a static_assert. All are static, inline where
// it matters: these are on trap and lock paths, so no virtual calls.
#pragma once

#include <concepts>
#include <stdint.h>

namespace contract {

template <class C>
concept CpuOps = requires(uintptr_t flags) {
  { C::irq_save() } -> std::same_as<uintptr_t>;   // disable interrupts, return old state
  { C::irq_restore(flags) } -> std::same_as<void>; // put back what irq_save returned
  { C::irq_enable() } -> std::same_as<void>;
  { C::irq_disable() } -> std::same_as<void>;
  { C::irq_enabled() } -> std::same_as<bool>;
  { C::wait_for_interrupt() } -> std::same_as<void>;  // hlt / wfi
  { C::relax() } -> std::same_as<void>;               // spin-wait hint: pause / yield
  { C::frame_pointer() } -> std::same_as<uintptr_t>;  // caller's frame record (rbp / x29)
};

// Frame records have the same shape on both architectures when compiled with frame
// pointers: [fp] = caller's fp, [fp + 8] = return address (rbp/rip on x86_64, x29/x30
// on aarch64). The arch-independent backtrace walks this.
struct FrameRecord {
  const FrameRecord* next;
  uintptr_t return_address;
};

}  // namespace contract
