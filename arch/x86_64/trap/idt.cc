// trap/idt.cc - the interrupt descriptor table: where the CPU goes for each vector.
//
// All 256 vectors get a gate, so even an interrupt nobody expected lands in
// trap_dispatch and is reported instead of causing a #GP on a missing gate. Every gate
// is an interrupt gate (type 0xE), which clears RFLAGS.IF on entry: the handler runs
// with interrupts off until it decides otherwise. Gates have DPL 0, so user code can
// not raise them with INT n (a #GP instead, hence SIGSEGV), except the breakpoint: a
// program's `int3` must reach the kernel as #BP (SIGTRAP). The double fault switches
// to its own IST stack, the NMI and the machine check to another (cpu/gdt.cc says why).
#include "idt.hh"

#include <stdint.h>

#include "../cpu/gdt.hh"
#include "trap_frame.hh"

namespace idt {
namespace {

struct [[gnu::packed]] Gate {
  uint16_t offset_low;
  uint16_t selector;
  uint8_t ist;         // bits 0-2: IST slot, 0 = stay on the current stack
  uint8_t type_attr;   // present, DPL, gate type
  uint16_t offset_mid;
  uint32_t offset_high;
  uint32_t reserved;
};
static_assert(sizeof(Gate) == 16);

struct [[gnu::packed]] DescriptorPointer {
  uint16_t limit;
  uint64_t base;
};

constexpr uint8_t kPresentInterruptGate = 0x8e;  // P=1, DPL=0, type 0xE
constexpr uint8_t kUserCallable = 3 << 5;         // DPL=3
constexpr int kNmi = 2, kBreakpoint = 3, kDoubleFault = 8, kMachineCheck = 18;

alignas(16) constinit Gate table[256] = {};

Gate make_gate(uint64_t handler, uint8_t ist, uint8_t dpl) {
  return Gate{static_cast<uint16_t>(handler),
              gdt::kKernelCode,
              ist,
              static_cast<uint8_t>(kPresentInterruptGate | dpl),
              static_cast<uint16_t>(handler >> 16),
              static_cast<uint32_t>(handler >> 32),
              0};
}

}  // namespace

void init_boot_cpu() {
  for (int v = 0; v < 256; ++v) {
    uint8_t ist = v == kDoubleFault                   ? gdt::kIstDoubleFault
                  : v == kNmi || v == kMachineCheck ? gdt::kIstNmi
                                                    : 0;
    table[v] = make_gate(trap::trap_stub_table[v], ist, v == kBreakpoint ? kUserCallable : 0);
  }
  load_cpu();
}

void load_cpu() {
  DescriptorPointer pointer{sizeof table - 1, reinterpret_cast<uint64_t>(table)};
  __asm__ volatile("lidt %0" ::"m"(pointer) : "memory");
}

}  // namespace idt
