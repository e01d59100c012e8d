// smp/ipi.cc - sending and receiving inter-processor interrupts through the local APIC.
//
// Each contract::Ipi has a fixed vector, kIpiBase + its value (apic/vectors.hh), sent
// with fixed delivery to one APIC id, or with the "all excluding self" shorthand. The
// receiver writes the EOI first (the handler may send IPIs or, for Stop, never return)
// and then calls into the kernel. Stop counts itself in `stopped` and halts with
// interrupts off forever: send_all_but_self(Stop) waits for that count, so a panic
// report starts only once every other CPU is quiet (or 100 ms have passed).
#include "ipi.hh"

#include <arch/context.hh>
#include <arch/cpu.hh>
#include <arch/smp.hh>

#include "../apic/lapic.hh"
#include "../apic/vectors.hh"
#include "lib/atomic.hh"
#include "start.hh"

namespace {

ktl::Atomic<uint32_t> stopped{0};  // CPUs halted by Stop

uint32_t command_for(contract::Ipi ipi) {
  return lapic::kIcrFixed | (vectors::kIpiBase + static_cast<uint32_t>(ipi));
}

[[noreturn]] void halt_forever() {
  for (;;) {
    arch::Cpu::irq_disable();
    arch::Cpu::wait_for_interrupt();  // only an NMI or SMI wakes it; it halts again
  }
}

}  // namespace

namespace smp_ipi {

void receive(contract::Ipi ipi) {
  lapic::eoi();
  switch (ipi) {
    case contract::Ipi::Reschedule: kernel_entry::ipi_reschedule(); break;
    case contract::Ipi::CallFunction: kernel_entry::ipi_call_function(); break;
    case contract::Ipi::Stop:
      stopped.fetch_add(1);
      halt_forever();
  }
}

}  // namespace smp_ipi

namespace arch {

void Smp::send(uint32_t cpu, contract::Ipi ipi) {
  if (cpu >= boot::kMaxCpus || !smp_start::online(cpu) || !lapic::ready()) return;
  lapic::send_ipi(cpu_locals[cpu].apic_id, command_for(ipi));
}

void Smp::send_all_but_self(contract::Ipi ipi) {
  uint32_t others = smp_start::online_count() - 1;
  if (others == 0 || !lapic::ready()) return;
  lapic::send_ipi(0, command_for(ipi) | lapic::kIcrAllButSelf);
  if (ipi != contract::Ipi::Stop) return;
  uint64_t deadline = Timer::now_ns() + 100'000'000;
  while (stopped.load() < others && Timer::now_ns() < deadline) Cpu::relax();
}

}  // namespace arch
