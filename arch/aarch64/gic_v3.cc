// arch/aarch64/gic_v3.cc - GICv3: distributor, per-CPU redistributors, system registers.
//
// Registers (Arm IHI 0069): with affinity routing (GICD_CTLR.ARE) the distributor only
// handles shared interrupts (SPIs), each routed to a CPU by its MPIDR affinity in
// GICD_IROUTER<n>. Each CPU's private interrupts (SGIs, PPIs) are configured in its own
// redistributor: a 128 KiB frame (RD_base, then SGI_base at +64 KiB) in the region the
// device tree gives, found by matching GICR_TYPER's affinity with MPIDR_EL1; a
// redistributor must be woken (GICR_WAKER) before it forwards anything. The CPU
// interface is system registers: ICC_IAR1_EL1 to acknowledge, ICC_EOIR1_EL1 to end.
// Everything is put in group 1, the group a non-secure OS owns.
#include <arch/cpu.hh>

#include "gic.hh"

// ICC system registers by encoding (the assembler needs no GICv3 option then).
#define ICC_PMR_EL1 "S3_0_C4_C6_0"
#define ICC_IAR1_EL1 "S3_0_C12_C12_0"
#define ICC_EOIR1_EL1 "S3_0_C12_C12_1"
#define ICC_BPR1_EL1 "S3_0_C12_C12_3"
#define ICC_CTLR_EL1 "S3_0_C12_C12_4"
#define ICC_SRE_EL1 "S3_0_C12_C12_5"
#define ICC_IGRPEN1_EL1 "S3_0_C12_C12_7"
#define ICC_SGI1R_EL1 "S3_0_C12_C11_5"

namespace gicv3 {
namespace {

constexpr uintptr_t kDistCtlr = 0x0000, kDistTyper = 0x0004, kDistIGroupr = 0x0080,
                    kDistIsEnabler = 0x0100, kDistIcEnabler = 0x0180, kDistIPriorityr = 0x0400,
                    kDistIRouter = 0x6000;
constexpr uint32_t kCtlrEnableGrp0 = 1u << 0, kCtlrEnableGrp1 = 1u << 1, kCtlrAre = 1u << 4,
                   kCtlrRwp = 1u << 31;
constexpr uintptr_t kRedistTyper = 0x0008, kRedistWaker = 0x0014, kRedistSgiBase = 0x10000;
constexpr uintptr_t kFrameSize = 0x20000;  // RD_base + SGI_base; twice that with VLPIs
constexpr uint8_t kPriority = 0xa0;

uintptr_t dist_base, redist_base;  // written by init() before any interrupt is enabled
uint64_t redist_size;

template <class T>
volatile T& reg(uintptr_t address) {
  return *reinterpret_cast<volatile T*>(address);
}

void wait_for_distributor() {
  while (reg<uint32_t>(dist_base + kDistCtlr) & kCtlrRwp) arch::Cpu::relax();
}

// MPIDR affinity as GICR_TYPER[63:32] and GICD_IROUTER hold it.
uint32_t typer_affinity(uint64_t mpidr) {
  return static_cast<uint32_t>((mpidr >> 32 & 0xff) << 24 | (mpidr & 0xffffff));
}

// The redistributor frame of the calling CPU, or 0.
uintptr_t find_redistributor() {
  uint32_t self = typer_affinity(arch::Cpu::hardware_id());
  for (uintptr_t frame = redist_base; frame + kFrameSize <= redist_base + redist_size;) {
    uint64_t typer = reg<uint64_t>(frame + kRedistTyper);
    if (static_cast<uint32_t>(typer >> 32) == self) return frame;
    if (typer & (1u << 4)) break;                                // Last
    frame += (typer & (1u << 1)) ? 2 * kFrameSize : kFrameSize;  // VLPIS: two more frames
  }
  return 0;
}

uintptr_t current_sgi_base() {
  // Looked up per call: only used to (un)mask PPIs, which is rare.
  uintptr_t frame = find_redistributor();
  return frame ? frame + kRedistSgiBase : 0;
}

}  // namespace

bool init(uintptr_t dist_virt, uintptr_t redist_virt, uint64_t size) {
  dist_base = dist_virt;
  redist_base = redist_virt;
  redist_size = size ? size : kFrameSize;
  reg<uint32_t>(dist_base + kDistCtlr) = 0;
  wait_for_distributor();
  uint32_t lines = ((reg<uint32_t>(dist_base + kDistTyper) & 0x1f) + 1) * 32;
  if (lines > gic::kMaxIrqs) lines = gic::kMaxIrqs;
  uint64_t self = typer_affinity(arch::Cpu::hardware_id());
  uint64_t route = (self >> 24) << 32 | (self & 0xffffff);  // Aff3 at 39:32
  for (uint32_t id = gic::kFirstShared; id < lines; id += 32) {
    reg<uint32_t>(dist_base + kDistIcEnabler + id / 8) = ~0u;
    reg<uint32_t>(dist_base + kDistIGroupr + id / 8) = ~0u;
  }
  for (uint32_t id = gic::kFirstShared; id < lines; ++id) {
    reg<uint8_t>(dist_base + kDistIPriorityr + id) = kPriority;
    reg<uint64_t>(dist_base + kDistIRouter + id * 8) = route;
  }
  reg<uint32_t>(dist_base + kDistCtlr) = kCtlrAre | kCtlrEnableGrp1 | kCtlrEnableGrp0;
  wait_for_distributor();
  return init_cpu();
}

bool init_cpu() {
  uintptr_t frame = find_redistributor();
  if (!frame) return false;
  uint32_t waker = reg<uint32_t>(frame + kRedistWaker);
  reg<uint32_t>(frame + kRedistWaker) = waker & ~(1u << 1);                    // ProcessorSleep
  while (reg<uint32_t>(frame + kRedistWaker) & (1u << 2)) arch::Cpu::relax();  // ChildrenAsleep
  uintptr_t sgi = frame + kRedistSgiBase;
  reg<uint32_t>(sgi + kDistIcEnabler) = ~0u;
  reg<uint32_t>(sgi + kDistIGroupr) = ~0u;
  for (uint32_t id = 0; id < gic::kFirstShared; ++id)
    reg<uint8_t>(sgi + kDistIPriorityr + id) = kPriority;

  uint64_t sre;
  __asm__ volatile("mrs %0, " ICC_SRE_EL1 : "=r"(sre));
  __asm__ volatile("msr " ICC_SRE_EL1 ", %0\n\tisb" : : "r"(sre | 1));  // system registers on
  __asm__ volatile("msr " ICC_PMR_EL1 ", %0" : : "r"(0xf0ull));
  __asm__ volatile("msr " ICC_BPR1_EL1 ", xzr");
  __asm__ volatile("msr " ICC_CTLR_EL1 ", xzr");  // EOImode 0: EOIR also deactivates
  __asm__ volatile("msr " ICC_IGRPEN1_EL1 ", %0\n\tisb" : : "r"(1ull));
  return true;
}

uint32_t acknowledge() {
  uint64_t id;
  __asm__ volatile("mrs %0, " ICC_IAR1_EL1 : "=r"(id));
  __asm__ volatile("dsb sy" : : : "memory");  // the device's state is visible to the handler
  return static_cast<uint32_t>(id & 0xffffff);
}

void end(uint32_t id) { __asm__ volatile("msr " ICC_EOIR1_EL1 ", %0" : : "r"(uint64_t{id})); }

void set_enabled(uint32_t id, bool enabled) {
  uintptr_t base = id < gic::kFirstShared ? current_sgi_base() : dist_base;
  if (!base) return;
  reg<uint32_t>(base + (enabled ? kDistIsEnabler : kDistIcEnabler) + id / 32 * 4) = 1u << (id % 32);
  if (id >= gic::kFirstShared) wait_for_distributor();
}

// ICC_SGI1R_EL1: Aff3 (55:48), IRM (40), Aff2 (39:32), INTID (27:24), Aff1 (23:16) and a
// target list of Aff0 values 0-15 (15:0). IRM = 1: every PE but the sender.
void send_sgi(uint32_t sgi, uint64_t mpidr) {
  uint64_t aff0 = mpidr & 0xff;
  if (aff0 >= 16) return;  // not expressible in a target list (QEMU keeps Aff0 < 16)
  uint64_t value = (mpidr >> 32 & 0xff) << 48 | (mpidr >> 16 & 0xff) << 32 |
                   uint64_t{sgi & 0xf} << 24 | (mpidr >> 8 & 0xff) << 16 | 1ull << aff0;
  __asm__ volatile("msr " ICC_SGI1R_EL1 ", %0\n\tisb" : : "r"(value) : "memory");
}

void send_sgi_all_but_self(uint32_t sgi) {
  uint64_t value = 1ull << 40 | uint64_t{sgi & 0xf} << 24;
  __asm__ volatile("msr " ICC_SGI1R_EL1 ", %0\n\tisb" : : "r"(value) : "memory");
}

}  // namespace gicv3
