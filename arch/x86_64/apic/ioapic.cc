// apic/ioapic.cc - the I/O APIC's redirection table.
//
// An I/O APIC has a window of two registers: write a register number to IOREGSEL (+0),
// then read or write it through IOWIN (+0x10). Register 1 holds the number of inputs;
// from register 0x10 on, each input n has a 64-bit redirection entry (two registers):
// the vector, polarity, trigger mode and mask in the low half, the destination APIC id
// in the top byte. Inputs are numbered globally (GSIs) across all I/O APICs, each
// starting at the gsi_base the MADT gives it. Intel 82093AA datasheet, section 3.2.
//
// `window_lock` guards the select-then-access pairs: two CPUs routing interrupts at
// once must not interleave them.
#include "ioapic.hh"

#include "../acpi/acpi.hh"
#include "../mm/mmio.hh"
#include "lib/printk.hh"
#include "lib/spinlock.hh"

namespace ioapic {
namespace {

constexpr uint32_t kVersionRegister = 0x01;
constexpr uint32_t kRedirectionBase = 0x10;
constexpr uint32_t kMasked = 1u << 16;
constexpr uint32_t kLevel = 1u << 15;
constexpr uint32_t kActiveLow = 1u << 13;
// MPS INTI flags of an interrupt source override.
constexpr uint16_t kPolarityMask = 0x3, kPolarityLow = 0x3, kPolarityHigh = 0x1;
constexpr uint16_t kTriggerMask = 0xc, kTriggerLevel = 0xc, kTriggerEdge = 0x4;

struct Chip {
  volatile uint32_t* window;  // written once by init()
  uint32_t gsi_base;
  uint32_t inputs;
};

Chip chips[acpi::kMaxIoApics];
unsigned chip_count = 0;
ktl::SpinLock window_lock{"ioapic"};

uint32_t read(const Chip& c, uint32_t reg) {
  c.window[0] = reg;
  return c.window[4];
}
void write(const Chip& c, uint32_t reg, uint32_t value) {
  c.window[0] = reg;
  c.window[4] = value;
}

const Chip* chip_for(unsigned gsi) {
  for (unsigned i = 0; i < chip_count; ++i)
    if (gsi >= chips[i].gsi_base && gsi - chips[i].gsi_base < chips[i].inputs) return &chips[i];
  return nullptr;
}

}  // namespace

unsigned init() {
  unsigned covered = 0;
  for (unsigned i = 0; i < acpi::interrupts.ioapic_count; ++i) {
    const acpi::IoApic& found = acpi::interrupts.ioapic[i];
    uintptr_t virt = mmio::map_or_boot_alias(found.phys, 0x20);
    if (!virt) continue;
    Chip& c = chips[chip_count++];
    c.window = reinterpret_cast<volatile uint32_t*>(virt);
    c.gsi_base = found.gsi_base;
    c.inputs = ((read(c, kVersionRegister) >> 16) & 0xff) + 1;
    for (uint32_t n = 0; n < c.inputs; ++n) write(c, kRedirectionBase + 2 * n, kMasked);
    if (c.gsi_base + c.inputs > covered) covered = c.gsi_base + c.inputs;
  }
  if (!chip_count) log_warn("ioapic: none found; device interrupts are unavailable\n");
  return covered;
}

bool route(unsigned gsi, uint8_t vector, uint32_t apic_id, bool level, bool active_low) {
  const Chip* c = chip_for(gsi);
  if (!c) return false;
  uint32_t n = gsi - c->gsi_base;
  uint32_t low = vector | (level ? kLevel : 0) | (active_low ? kActiveLow : 0);
  ktl::SpinGuard guard(window_lock);
  write(*c, kRedirectionBase + 2 * n, kMasked);  // masked while half-written
  write(*c, kRedirectionBase + 2 * n + 1, apic_id << 24);
  write(*c, kRedirectionBase + 2 * n, low);
  return true;
}

void mask(unsigned gsi) {
  const Chip* c = chip_for(gsi);
  if (!c) return;
  ktl::SpinGuard guard(window_lock);
  write(*c, kRedirectionBase + 2 * (gsi - c->gsi_base), kMasked);
}

void line_mode(unsigned gsi, bool* level, bool* active_low) {
  *level = gsi >= 16;
  *active_low = gsi >= 16;
  for (const acpi::IsaRoute& r : acpi::interrupts.isa) {
    if (r.gsi != gsi || !r.flags) continue;
    *level = (r.flags & kTriggerMask) == kTriggerLevel ||
             ((r.flags & kTriggerMask) != kTriggerEdge && *level);
    *active_low = (r.flags & kPolarityMask) == kPolarityLow ||
                  ((r.flags & kPolarityMask) != kPolarityHigh && *active_low);
    return;
  }
}

}  // namespace ioapic
