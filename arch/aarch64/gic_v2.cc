// arch/aarch64/gic_v2.cc - GICv2: a distributor and a memory-mapped CPU interface.
//
// Registers (Arm IHI 0048B): the distributor's enable, priority and target registers
// hold one bit, one byte and one byte per interrupt; ids 0-31 are banked per CPU, so
// each CPU reaches its own PPIs at the same addresses. The CPU interface gives the
// pending id in GICC_IAR and takes it back in GICC_EOIR (which also deactivates it, as
// GICC_CTLR.EOImode is 0).
//
// Without the security extensions (QEMU virt unless secure=on) every interrupt is in
// group 0 and signalled as IRQ; with them, the non-secure view this kernel has sees
// group 1 only, whose enable is bit 0 as well. Writing 1 to both CTLRs covers both.
#include <arch/cpu.hh>
#include <arch/cpu_local.hh>

#include "gic.hh"

namespace gicv2 {
namespace {

constexpr uintptr_t kDistCtlr = 0x000, kDistTyper = 0x004, kDistIsEnabler = 0x100,
                    kDistIcEnabler = 0x180, kDistIcPendr = 0x280, kDistIPriorityr = 0x400,
                    kDistITargetsr = 0x800, kDistSgir = 0xf00;
constexpr uintptr_t kCpuCtlr = 0x000, kCpuPmr = 0x004, kCpuBpr = 0x008, kCpuIar = 0x00c,
                    kCpuEoir = 0x010;
constexpr uint8_t kPriority = 0xa0;       // every interrupt alike; lower numbers win
constexpr uint32_t kPriorityMask = 0xf0;  // let everything above 0xf0 through

uintptr_t dist_base, cpu_base;  // written by init() before any interrupt is enabled
// Each CPU's interface bit (its banked ITARGETSR0), by CPU index: the SGI target list.
// Written by that CPU in init_cpu() before it is marked online.
uint8_t cpu_target[boot::kMaxCpus];

volatile uint32_t& dist(uintptr_t offset) {
  return *reinterpret_cast<volatile uint32_t*>(dist_base + offset);
}
volatile uint8_t& dist_byte(uintptr_t offset) {
  return *reinterpret_cast<volatile uint8_t*>(dist_base + offset);
}
volatile uint32_t& cpu(uintptr_t offset) {
  return *reinterpret_cast<volatile uint32_t*>(cpu_base + offset);
}

}  // namespace

void init(uintptr_t dist_virt, uintptr_t cpu_virt) {
  dist_base = dist_virt;
  cpu_base = cpu_virt;
  dist(kDistCtlr) = 0;
  uint32_t lines = ((dist(kDistTyper) & 0x1f) + 1) * 32;
  if (lines > gic::kMaxIrqs) lines = gic::kMaxIrqs;
  // Reading ITARGETSR0 (banked) gives this CPU's own target bit: SPIs go there.
  uint8_t self = dist_byte(kDistITargetsr) ? dist_byte(kDistITargetsr) : 1;
  for (uint32_t id = gic::kFirstShared; id < lines; id += 32) {
    dist(kDistIcEnabler + id / 8) = ~0u;
    dist(kDistIcPendr + id / 8) = ~0u;
  }
  for (uint32_t id = gic::kFirstShared; id < lines; ++id) {
    dist_byte(kDistIPriorityr + id) = kPriority;
    dist_byte(kDistITargetsr + id) = self;
  }
  dist(kDistCtlr) = 1;
  init_cpu();
}

void init_cpu() {
  dist(kDistIcEnabler) = ~0u;  // this CPU's SGIs and PPIs: all masked to start
  for (uint32_t id = 0; id < gic::kFirstShared; ++id) dist_byte(kDistIPriorityr + id) = kPriority;
  cpu(kCpuPmr) = kPriorityMask;
  cpu(kCpuBpr) = 0;
  cpu(kCpuCtlr) = 1;
  uint32_t index = arch::cpu_local()->index;
  if (index < boot::kMaxCpus) cpu_target[index] = dist_byte(kDistITargetsr);
}

// The whole IAR: for an SGI its bits 12:10 name the sender, and EOIR wants them back.
uint32_t acknowledge() { return cpu(kCpuIar); }

void end(uint32_t id) { cpu(kCpuEoir) = id; }

void set_enabled(uint32_t id, bool enabled) {
  dist((enabled ? kDistIsEnabler : kDistIcEnabler) + id / 32 * 4) = 1u << (id % 32);
}

// GICD_SGIR: target list filter (25:24) 0 = the listed CPUs, 1 = all but self.
void send_sgi(uint32_t sgi, uint32_t cpu_index) {
  if (cpu_index >= boot::kMaxCpus || !cpu_target[cpu_index]) return;
  dist(kDistSgir) = uint32_t{cpu_target[cpu_index]} << 16 | (sgi & 0xf);
}

void send_sgi_all_but_self(uint32_t sgi) { dist(kDistSgir) = 1u << 24 | (sgi & 0xf); }

}  // namespace gicv2
