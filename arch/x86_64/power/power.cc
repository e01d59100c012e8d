// power/power.cc - arch::Power::exit: leave the machine with a status.
//
// Three attempts, each harmless where it does not apply:
//  1. QEMU's isa-debug-exit device (-device isa-debug-exit,iobase=0xf4,iosize=0x04):
//     QEMU exits at once with status (value << 1) | 1; we write 0x10 | status, so
//     success (0) gives 33 and failure (1) gives 35, as contract/power.hh promises.
//     On other machines port 0xf4 is unused and the write goes nowhere.
//  2. ACPI soft-off (acpi/soft_off.cc): real machines and Bochs power down.
//  3. Interrupts off and HLT forever: nothing else will run.
#include <arch/power.hh>

#include "../acpi/acpi.hh"
#include "../cpu/x86.hh"

namespace arch {
namespace {

constexpr uint16_t kDebugExitPort = 0xf4;
constexpr uint32_t kDebugExitBase = 0x10;

}  // namespace

void Power::exit(int status) {
  __asm__ volatile("cli");
  x86::outl(kDebugExitPort, kDebugExitBase | (static_cast<uint32_t>(status) & 0x0f));
  acpi::power_off();
  x86::halt_forever();
}

}  // namespace arch
