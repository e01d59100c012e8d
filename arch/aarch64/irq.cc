// arch/aarch64/irq.cc - interrupt handlers: the table, attach/detach, the dispatcher.
//
// One table entry per GIC interrupt id says which function takes it. A per-CPU
// interrupt (PPI, ids 16-31) has one entry for all CPUs: the same handler runs on
// whichever CPU took it, and each CPU unmasks its own copy. `table_lock` serialises
// attach/detach; the dispatcher reads an entry without it, which is safe because the
// handler is published (release) only after its argument, and an interrupt is unmasked
// only after its entry is complete and masked before it is cleared.
#include <arch/irq.hh>

#include "gic.hh"
#include "irq_dispatch.hh"
#include "lib/atomic.hh"
#include "lib/printk.hh"
#include "lib/spinlock.hh"

namespace {

struct Entry {
  ktl::Atomic<contract::IrqHandler> handler{nullptr};
  void* arg = nullptr;
};

ktl::SpinLock table_lock{"irq table"};
Entry table[gic::kMaxIrqs];  // entries change under table_lock

}  // namespace

namespace arch {

ktl::Result<void> Irq::attach(unsigned irq, contract::IrqHandler handler, void* arg) {
  if (irq >= gic::kMaxIrqs || !handler || !gic::present()) return ktl::Errno::Inval;
  {
    ktl::SpinGuard guard(table_lock);
    Entry& entry = table[irq];
    if (entry.handler.load(ktl::Order::Relaxed)) return ktl::Errno::Busy;
    entry.arg = arg;
    entry.handler.store(handler, ktl::Order::Release);
  }
  gic::set_enabled(irq, true);
  return {};
}

void Irq::detach(unsigned irq) {
  if (irq >= gic::kMaxIrqs) return;
  gic::set_enabled(irq, false);
  ktl::SpinGuard guard(table_lock);
  table[irq].handler.store(nullptr, ktl::Order::Release);
  table[irq].arg = nullptr;
}

void Irq::init_cpu() { gic::init_cpu(); }

}  // namespace arch

namespace irq_dispatch {

void handle(arch::TrapFrame&) {
  for (;;) {
    uint32_t raw = gic::acknowledge();
    uint32_t id = raw & 0x3ff;
    if (id >= gic::kFirstSpurious) return;
    contract::IrqHandler handler =
        id < gic::kMaxIrqs ? table[id].handler.load(ktl::Order::Acquire) : nullptr;
    if (handler) {
      handler(table[id].arg);
    } else {  // nobody asked for it: mask it so it cannot storm
      log_warn("irq: interrupt %u has no handler; masking it\n", id);
      gic::set_enabled(id, false);
    }
    gic::end(raw);
  }
}

}  // namespace irq_dispatch
