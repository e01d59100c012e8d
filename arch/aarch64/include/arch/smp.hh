// arch/smp.hh (aarch64) - starting the other CPUs with PSCI and signalling them with SGIs.
//
// Secondary CPUs are powered on with PSCI CPU_ON (the conduit, hvc or smc, comes from
// the device tree's /psci), each at secondary_entry in head.S with the physical address
// of its boot mailbox as the context id. IPIs are GIC software-generated interrupts
// (SGIs 0-2): GICD_SGIR on a GICv2, ICC_SGI1R_EL1 on a GICv3. arch/aarch64/smp.cc.
#pragma once

#include <contract/smp.hh>
#include <stdint.h>

#include <arch/cpu_local.hh>

namespace arch {

struct Smp {
  static uint32_t start_secondaries(const boot::Info& info);
  static uint32_t this_cpu_index() { return cpu_local()->index; }
  static void send(uint32_t cpu, contract::Ipi ipi);
  static void send_all_but_self(contract::Ipi ipi);
};

static_assert(contract::SmpOps<Smp>);

}  // namespace arch
