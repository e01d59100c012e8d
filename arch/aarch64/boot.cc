// arch/aarch64/boot.cc - from the boot assembly to kernel_main.
//
// head.S arrives here on the boot CPU with the MMU on, the kernel at its link address,
// a stack, the exception vectors installed and interrupts masked. What is left is
// this CPU's per-CPU block (TPIDR_EL1) and FP/SIMD access, then platform discovery:
// read the device tree the boot loader passed (x0, a physical address, reached through
// the direct map), fill boot::Info, move the console to the UART the tree names, fit the
// direct map to RAM, calibrate the clock, and call kernel_main. Constructors have not
// run yet (kernel_main runs them), so everything here is constant-initialised.
#include <arch/console.hh>
#include <arch/context.hh>
#include <arch/layout.hh>
#include <arch/power.hh>
#include <contract/boot.hh>

#include "devicetree.hh"
#include "direct_map.hh"
#include "lib/format.hh"
#include "lib/printk.hh"
#include "psci.hh"
#include "timer_internal.hh"

extern "C" char __kernel_start[], __kernel_end[];

namespace arch {

// What discovery found, kept for the whole run; GDB: `p arch::boot_info`, `p arch::platform`.
boot::Info boot_info;
Platform platform;

}  // namespace arch

namespace {

// The direct map boot_mmu.S builds reaches physical 0..65 GiB; the DTB must lie below.
constexpr uint64_t kBootDirectMapEnd = 65ull << 30;

char loader_name[96];

}  // namespace

// dtb_phys: x0 from the boot loader; entry_el: the exception level head.S found.
extern "C" [[noreturn]] void arch_boot_main(uint64_t dtb_phys, uint64_t entry_el) {
  arch::cpu_local_init(0);
  boot::Info& info = arch::boot_info;
  info.arch = "aarch64";
  info.kernel_phys_start = arch::virt_to_phys(reinterpret_cast<uintptr_t>(__kernel_start));
  info.kernel_phys_end = arch::virt_to_phys(reinterpret_cast<uintptr_t>(__kernel_end));
  arch::platform.entry_el = static_cast<uint32_t>(entry_el);

  const void* blob = dtb_phys && dtb_phys < kBootDirectMapEnd
                         ? reinterpret_cast<const void*>(arch::phys_to_virt(dtb_phys))
                         : nullptr;
  if (!blob || !devicetree::discover(blob, dtb_phys, info, arch::platform)) {
    printk("SeaOS: no valid device tree at x0 = %#lx; boot with QEMU -kernel Image\n",
           static_cast<unsigned long>(dtb_phys));
    arch::Power::exit(1);
  }
  if (arch::platform.uart_phys) arch::Console::use_pl011(arch::platform.uart_phys);
  psci::set_conduit(arch::platform.psci);
  direct_map::fit_to_ram(info);
  arch::timer_init_clock();

  ktl::snprint(loader_name, sizeof loader_name, "%s (device tree, entered at EL%u)",
               arch::platform.model, arch::platform.entry_el);
  info.loader = loader_name;
  kernel_main(info);
}
