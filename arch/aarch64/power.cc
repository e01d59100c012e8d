// arch/aarch64/power.cc - Power::exit: semihosting exit, else PSCI power-off, else wait.
//
// QEMU's semihosting SYS_EXIT takes, on AArch64, the address of a two-word block
// {reason, subcode}; with reason ADP_Stopped_ApplicationExit QEMU exits with `subcode`
// as its own status. The subcode (status << 1) | 33 gives 33 for success and 35 for
// failure, the same numbers isa-debug-exit produces on x86_64, so one test runner reads
// both architectures.
#include <arch/cpu.hh>
#include <arch/power.hh>

#include "psci.hh"
#include "semihosting.hh"

namespace arch {

void Power::exit(int status) {
  Cpu::irq_disable();
  uint64_t code = (static_cast<uint64_t>(status < 0 ? 1 : status) << 1) | contract::kQemuExitPass;
  if (semihosting::available()) {
    uint64_t block[2] = {semihosting::kApplicationExit, code};
    semihosting::call(semihosting::kSysExit, reinterpret_cast<uintptr_t>(block));
  }
  psci::system_off();
  for (;;) Cpu::wait_for_interrupt();
}

}  // namespace arch
