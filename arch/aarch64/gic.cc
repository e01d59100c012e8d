// arch/aarch64/gic.cc - choosing the GIC version and mapping its registers.
//
// devicetree.cc found the GIC ("arm,cortex-a15-gic"/"arm,gic-400": v2, "arm,gic-v3":
// v3) and its register ranges; here they are mapped into the MMIO window and the right
// implementation is called. `version` is written once by init() on the boot CPU before
// any interrupt is enabled and only read afterwards.
#include "gic.hh"

#include "lib/printk.hh"
#include "mmio.hh"
#include "platform.hh"

namespace gic {
namespace {

uint8_t version = 0;  // 0 until init() succeeded

}  // namespace

bool init() {
  const arch::Platform& p = arch::platform;
  if (p.gic_version == 0 || !p.gic_dist_phys || !p.gic_cpu_phys) {
    log_warn("gic: the device tree names no interrupt controller; no interrupts\n");
    return false;
  }
  auto dist = mmio::map(p.gic_dist_phys, p.gic_dist_size ? p.gic_dist_size : 0x10000);
  auto cpu = mmio::map(p.gic_cpu_phys, p.gic_cpu_size ? p.gic_cpu_size : 0x2000);
  if (dist.is_error() || cpu.is_error()) {
    log_error("gic: cannot map its registers; no interrupts\n");
    return false;
  }
  if (p.gic_version == 2) {
    gicv2::init(dist.value(), cpu.value());
  } else if (!gicv3::init(dist.value(), cpu.value(), p.gic_cpu_size)) {
    log_error("gic: no GICv3 redistributor for this CPU; no interrupts\n");
    return false;
  }
  version = p.gic_version;
  printk("gic: GICv%u, distributor %#lx, %s %#lx\n", version,
         static_cast<unsigned long>(p.gic_dist_phys),
         version == 2 ? "CPU interface" : "redistributors",
         static_cast<unsigned long>(p.gic_cpu_phys));
  return true;
}

bool present() { return version != 0; }

void init_cpu() {
  if (version == 2)
    gicv2::init_cpu();
  else if (version == 3 && !gicv3::init_cpu())
    log_error("gic: no redistributor for this CPU\n");
}

uint32_t acknowledge() {
  if (version == 2) return gicv2::acknowledge();
  if (version == 3) return gicv3::acknowledge();
  return kFirstSpurious;
}

void end(uint32_t id) {
  if (version == 2)
    gicv2::end(id);
  else if (version == 3)
    gicv3::end(id);
}

void set_enabled(uint32_t id, bool enabled) {
  if (version == 2)
    gicv2::set_enabled(id, enabled);
  else if (version == 3)
    gicv3::set_enabled(id, enabled);
}

void send_sgi(uint32_t sgi, uint32_t cpu_index) {
  __asm__ volatile("dsb ish" : : : "memory");
  if (version == 2)
    gicv2::send_sgi(sgi, cpu_index);
  else if (version == 3 && cpu_index < boot::kMaxCpus)
    gicv3::send_sgi(sgi, arch::boot_info.cpu_hwid[cpu_index]);
}

void send_sgi_all_but_self(uint32_t sgi) {
  __asm__ volatile("dsb ish" : : : "memory");
  if (version == 2)
    gicv2::send_sgi_all_but_self(sgi);
  else if (version == 3)
    gicv3::send_sgi_all_but_self(sgi);
}

}  // namespace gic
