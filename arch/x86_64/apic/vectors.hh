// apic/vectors.hh - how SeaOS uses the 256 interrupt vectors on x86_64.
//
//   0x00-0x1f  CPU exceptions (fixed by the architecture)
//   0x20-0x2f  the legacy 8259 PICs, moved out of the exceptions' way and masked; only
//              their spurious interrupts can still arrive, and are ignored
//   0x30-0x6f  I/O APIC inputs (GSI n -> vector 0x30 + n), arch::Irq
//   0xe0       this CPU's local APIC timer: the tick
//   0xf0-0xfd  inter-processor interrupts: 0xf0 + contract::Ipi (reschedule, call
//              function, stop); TLB shootdown will take the next one
//   0xfe       local APIC error
//   0xff       local APIC spurious interrupt (no EOI)
//
// The local APIC delivers by priority class (vector >> 4), so the tick outranks devices.
#pragma once

#include <stdint.h>

namespace vectors {

inline constexpr uint8_t kPicBase = 0x20;
inline constexpr uint8_t kIrqBase = 0x30;
inline constexpr unsigned kIrqCount = 64;
inline constexpr uint8_t kTimer = 0xe0;
inline constexpr uint8_t kIpiBase = 0xf0;
inline constexpr unsigned kIpiCount = 3;  // contract::Ipi's values
inline constexpr uint8_t kApicError = 0xfe;
inline constexpr uint8_t kSpurious = 0xff;

}  // namespace vectors
