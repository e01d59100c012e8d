// arch/aarch64/platform.hh - machine facts the aarch64 layer keeps for itself.
//
// boot::Info carries what every architecture reports (memory, CPUs, command line,
// initrd). The device tree also says where the interrupt controller is and how to reach
// the firmware (PSCI); those only matter to code under arch/aarch64, so they live here.
// Filled once by devicetree.cc on the boot CPU before kernel_main; read-only afterwards.
#pragma once

#include <contract/boot.hh>
#include <stdint.h>

namespace arch {

enum class PsciConduit : uint8_t { None, Hvc, Smc };

struct Platform {
  uint32_t entry_el = 0;    // exception level the kernel was entered at (1 or 2)
  uint64_t uart_phys = 0;   // PL011 registers
  uint8_t gic_version = 0;  // 2 (arm,cortex-a15-gic / gic-400), 3 (arm,gic-v3), 0 = none
  uint64_t gic_dist_phys = 0, gic_dist_size = 0;
  // GICv2: the CPU interface; GICv3: the redistributor region.
  uint64_t gic_cpu_phys = 0, gic_cpu_size = 0;
  uint32_t timer_irq = 27;     // the EL1 virtual timer's interrupt (a PPI), from /timer
  uint32_t timer_frequency = 0;  // /timer clock-frequency when firmware left CNTFRQ unset
  uint64_t rtc_phys = 0;       // PL031 real-time clock (arm,pl031), 0 = none
  PsciConduit psci = PsciConduit::None;  // from /psci "method"
  char model[64] = {};                    // the board ("QEMU virt")
};

// The facts, for GDB (`p arch::platform`) and the rest of arch/aarch64.
extern Platform platform;
// What boot.cc handed to kernel_main (the memory map mmu_init builds the direct map from).
extern boot::Info boot_info;

}  // namespace arch
