// apic/irq.cc - arch::Irq and the dispatch of external interrupts.
//
// Device interrupt n (a GSI) is routed by the I/O APIC to vector 0x30 + n on the boot
// CPU (apic/vectors.hh). A handler table indexed by n says what to run; attach() fills
// the slot before it unmasks the input, detach() masks before it clears, so dispatch()
// can read a slot without a lock. `table_lock` serialises attach and detach.
//
// EOI: the local APIC holds back interrupts of the same and lower priority until the
// kernel writes EOI. For devices it is written after the handler (a level-triggered
// line that is still asserted then fires again, as it should). For the tick it is
// written before: the process layer's tick may switch threads, and the next tick must
// not wait for this one to come back. Spurious interrupts (vector 0xff) take no EOI.
#include <arch/context.hh>
#include <arch/cpu_local.hh>
#include <arch/irq.hh>

#include "../acpi/acpi.hh"
#include "../boot/boot_info.hh"
#include "../smp/ipi.hh"
#include "../trap/user_hooks.hh"
#include "ioapic.hh"
#include "irq.hh"
#include "lapic.hh"
#include "lib/printk.hh"
#include "lib/spinlock.hh"
#include "pic.hh"
#include "vectors.hh"

namespace irq {
namespace {

struct Slot {
  contract::IrqHandler handler;
  void* arg;
};

Slot slots[vectors::kIrqCount];  // handler: written under table_lock, read by dispatch
ktl::SpinLock table_lock{"irq table"};
unsigned gsi_count = 0;          // inputs the I/O APICs cover; fixed after init

void unexpected(uint64_t vector) {
  static uint64_t reported[4];  // one line per vector, not one per interrupt
  if (reported[vector / 64] >> (vector % 64) & 1) return;
  reported[vector / 64] |= 1ull << (vector % 64);
  log_warn("irq: unexpected interrupt on vector %#lx\n", static_cast<unsigned long>(vector));
}

}  // namespace

void init_controllers() {
  pic::disable();
  if (!lapic::init(acpi::interrupts.lapic_phys ? acpi::interrupts.lapic_phys : 0xfee00000)) {
    log_error("irq: the local APIC cannot be mapped; no interrupts\n");
    return;
  }
  gsi_count = ioapic::init();
  if (gsi_count > vectors::kIrqCount) gsi_count = vectors::kIrqCount;
}

void dispatch(arch::TrapFrame& frame) {
  uint64_t vector = frame.vector;
  if (vector == vectors::kSpurious) return;
  if (vector == vectors::kTimer) {
    lapic::eoi();
    arch::CpuLocal* local = arch::cpu_local();
    ++local->ticks;
    // A secondary CPU ticks before the scheduler has given it a block (PerCpu): the
    // kernel's tick needs one, so until then only the arch counts.
    if (local->index == 0 || arch::PerCpu::get()) user_hooks::timer_tick();
    return;
  }
  if (vector >= vectors::kIpiBase && vector < vectors::kIpiBase + vectors::kIpiCount) {
    smp_ipi::receive(static_cast<contract::Ipi>(vector - vectors::kIpiBase));
    return;
  }
  if (vector >= vectors::kIrqBase && vector < vectors::kIrqBase + vectors::kIrqCount) {
    const Slot& slot = slots[vector - vectors::kIrqBase];
    if (slot.handler) slot.handler(slot.arg);
    else unexpected(vector);
    lapic::eoi();
    return;
  }
  if (vector >= vectors::kPicBase && vector < vectors::kPicBase + 16) return;  // PIC spurious
  if (vector == vectors::kApicError) log_warn("irq: local APIC error\n");
  else unexpected(vector);
  if (lapic::ready()) lapic::eoi();
}

}  // namespace irq

namespace arch {

ktl::Result<void> Irq::attach(unsigned n, contract::IrqHandler handler, void* arg) {
  if (n >= irq::gsi_count || !handler) return ktl::Errno::Inval;
  ktl::SpinGuard guard(irq::table_lock);
  irq::Slot& slot = irq::slots[n];
  if (slot.handler) return ktl::Errno::Busy;
  slot = irq::Slot{handler, arg};
  bool level, active_low;
  ioapic::line_mode(n, &level, &active_low);
  uint32_t boot_cpu = static_cast<uint32_t>(x86_boot::boot_info.cpu_hwid[0]);
  if (!ioapic::route(n, static_cast<uint8_t>(vectors::kIrqBase + n), boot_cpu, level, active_low)) {
    slot = irq::Slot{nullptr, nullptr};
    return ktl::Errno::Inval;
  }
  return {};
}

void Irq::detach(unsigned n) {
  if (n >= irq::gsi_count) return;
  ktl::SpinGuard guard(irq::table_lock);
  ioapic::mask(n);
  irq::slots[n] = irq::Slot{nullptr, nullptr};
}

void Irq::init_cpu() {
  if (lapic::ready()) lapic::init_cpu();
}

unsigned Irq::isa_irq_to_gsi(unsigned isa_irq) {
  if (isa_irq >= 16 || !acpi::interrupts.ioapic_count) return isa_irq;
  return acpi::interrupts.isa[isa_irq].gsi;
}

}  // namespace arch
