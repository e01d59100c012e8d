// arch/smp.hh (x86_64) - starting the other CPUs and sending them IPIs (contract/smp.hh).
//
// CPUs are numbered by their position in boot::Info::cpu_hwid (the MADT's order, boot
// CPU first); the hardware talks in local APIC ids, which need not be 0..n-1, so each
// CpuLocal records its own (cpu_local.hh). smp/start.cc starts CPUs, smp/ipi.cc sends
// and receives the three IPIs on the fixed vectors of apic/vectors.hh.
#pragma once

#include <arch/cpu_local.hh>
#include <contract/smp.hh>

namespace arch {

struct Smp {
  static uint32_t start_secondaries(const boot::Info& info);
  static uint32_t this_cpu_index() { return cpu_local()->index; }
  static void send(uint32_t cpu, contract::Ipi ipi);
  // Stop waits (up to 100 ms) until the others have stopped, so the caller's output
  // (a panic report) is not interleaved with theirs.
  static void send_all_but_self(contract::Ipi ipi);
};

static_assert(contract::SmpOps<Smp>);

}  // namespace arch
