// arch/aarch64/gic.hh - the Arm Generic Interrupt Controller, versions 2 and 3.
//
// A GIC has one distributor (GICD: which interrupts are enabled, their priority and
// target CPU) and, per CPU, an interface that hands that CPU its highest-priority
// pending interrupt: memory-mapped (GICC) on GICv2, system registers (ICC_*_EL1) plus a
// per-CPU redistributor frame (GICR) for the private interrupts on GICv3. Taking an
// interrupt is acknowledge (read its id), handle, end (write the id back).
// gic.cc picks the version the device tree names; gic_v2.cc and gic_v3.cc hold the
// register work. Only the boot CPU initialises the distributor.
#pragma once

#include <stdint.h>

namespace gic {

inline constexpr uint32_t kFirstSpurious = 1020;  // acknowledge() >= this: nothing pending
inline constexpr uint32_t kMaxIrqs = 1020;
inline constexpr uint32_t kFirstShared = 32;  // SPIs; 16-31 are per-CPU PPIs

// Maps the GIC (mmio.cc), sets up the distributor and the boot CPU's interface, and
// prints one line. Returns false when there is no GIC or it cannot be mapped.
bool init();
// The calling CPU's interface (and GICv3 redistributor); each secondary CPU once.
void init_cpu();
bool present();

uint32_t acknowledge();
void end(uint32_t id);
// Unmasks or masks `id`: a PPI/SGI on the calling CPU, an SPI for the machine.
void set_enabled(uint32_t id, bool enabled);
// Raises software-generated interrupt `sgi` (0-15) on CPU `cpu_index`, or on every
// online CPU but the caller. A dsb first makes the sender's writes visible to the target.
void send_sgi(uint32_t sgi, uint32_t cpu_index);
void send_sgi_all_but_self(uint32_t sgi);

}  // namespace gic

// The register work of each version; `dist`, `cpu` are the mapped GICD and the GICC
// (v2) or redistributor region (v3), `cpu_size` its length.
namespace gicv2 {
void init(uintptr_t dist, uintptr_t cpu);
void init_cpu();
uint32_t acknowledge();
void end(uint32_t id);
void set_enabled(uint32_t id, bool enabled);
void send_sgi(uint32_t sgi, uint32_t cpu_index);
void send_sgi_all_but_self(uint32_t sgi);
}  // namespace gicv2

namespace gicv3 {
bool init(uintptr_t dist, uintptr_t redist, uint64_t redist_size);
bool init_cpu();
uint32_t acknowledge();
void end(uint32_t id);
void set_enabled(uint32_t id, bool enabled);
void send_sgi(uint32_t sgi, uint64_t mpidr);
void send_sgi_all_but_self(uint32_t sgi);
}  // namespace gicv3
