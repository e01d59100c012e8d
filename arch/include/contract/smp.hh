// contract/smp.hh - starting the other CPUs and talking to them.
//
// The boot CPU runs kernel_main alone. Once memory, paging and the boot CPU's traps are
// up, the kernel asks the architecture to start every other CPU boot::Info found
// (x86_64: INIT-SIPI-SIPI through a real-mode trampoline, CPUs from the ACPI MADT;
// aarch64: PSCI CPU_ON, CPUs from the device tree). Each CPU that starts sets up its own
// per-CPU block, trap tables, interrupt controller part and timer, then calls
// kernel_entry::secondary_main(index), which never returns.
//
// Inter-processor interrupts (IPIs) carry three requests, all arch-independent:
// reschedule, "run this function" and "stop now" (panic). arch::Smp in <arch/smp.hh>.
#pragma once

#include <concepts>
#include <stdint.h>

#include <contract/boot.hh>

namespace contract {

enum class Ipi : uint8_t {
  Reschedule,    // the target calls kernel_entry::ipi_reschedule()
  CallFunction,  // the target calls kernel_entry::ipi_call_function()
  Stop,          // the target disables interrupts and halts forever (panic, power-off)
};

template <class S>
concept SmpOps = requires(const boot::Info& info, uint32_t cpu, Ipi ipi) {
  // Starts every CPU in info.cpu_hwid[1..] (index = position in that array), waits for
  // each to report in (or a timeout: a CPU that does not start is reported and left
  // out) and returns how many CPUs are online, the boot CPU included.
  { S::start_secondaries(info) } -> std::same_as<uint32_t>;
  // This CPU's index (0 = boot CPU), cheap.
  { S::this_cpu_index() } -> std::same_as<uint32_t>;
  // Sends `ipi` to one CPU by index; to every other CPU with send_all_but_self.
  { S::send(cpu, ipi) } -> std::same_as<void>;
  { S::send_all_but_self(ipi) } -> std::same_as<void>;
};

}  // namespace contract

// Called by the arch on each secondary CPU and from IPI handlers; defined in src/.
namespace kernel_entry {

// A secondary CPU's first arch-independent function, interrupts off. Never returns.
[[noreturn]] void secondary_main(uint32_t cpu_index);
void ipi_reschedule();
void ipi_call_function();

}  // namespace kernel_entry
