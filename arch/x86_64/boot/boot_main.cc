// boot/boot_main.cc - x86_boot_main: from the first C++ instruction to kernel_main.
//
// higher_half.S calls this on the boot stack, at kernel addresses, with interrupts off
// and the boot page tables of long_mode.S. The order matters:
//   1. the serial console, so anything below can report trouble;
//   2. the real GDT (with a TSS) and the IDT, so a fault while parsing firmware data
//      prints a report instead of resetting the machine; then this CPU's CpuLocal (GS),
//      its control registers (cpu/features.cc) and the syscall MSRs;
//   3. drop the identity map: from here on low addresses fault;
//   4. read the Multiboot2 information, then grow the direct map over all RAM;
//   5. ACPI: the CPUs and the power-off method;
//   6. mirror the console to the VGA text screen when GRUB left one.
// Then kernel_main(info), which never returns.
#include <arch/console.hh>
#include <arch/cpu_local.hh>
#include <arch/layout.hh>
#include <contract/boot.hh>

#include "../acpi/acpi.hh"
#include "../cpu/features.hh"
#include "../cpu/gdt.hh"
#include "../trap/syscall.hh"
#include "../trap/idt.hh"
#include "boot_info.hh"
#include "lib/printk.hh"
#include "multiboot2.hh"
#include "page_tables.hh"

// From linker.ld: the physical start of the image and the virtual end of its last section.
extern "C" char __kernel_phys_start[], __kernel_end[];

namespace x86_boot {

// Static, not on the stack: kernel_main keeps a reference for the kernel's lifetime.
constinit boot::Info boot_info;

}  // namespace x86_boot

namespace {

// The end of the highest RAM range (usable or ACPI): how far the direct map must reach.
uint64_t highest_ram_end(const boot::Info& info) {
  uint64_t end = 0;
  for (size_t i = 0; i < info.mem_count; ++i) {
    const boot::MemRange& r = info.mem[i];
    if (r.kind != boot::MemKind::Reserved && r.kind != boot::MemKind::Bad && r.base + r.size > end)
      end = r.base + r.size;
  }
  return end;
}

}  // namespace

extern "C" [[noreturn]] void x86_boot_main(uint64_t multiboot_info_phys) {
  arch::Console::init_serial();
  gdt::init_boot_cpu();
  idt::init_boot_cpu();
  arch::cpu_local_init(0, 0);  // the APIC id is filled in once ACPI has been read
  cpu_features::init_cpu();
  syscall_msr::init_cpu();
  boot_paging::drop_identity_map();

  boot::Info& info = x86_boot::boot_info;
  info.arch = "x86_64";
  info.loader = "a Multiboot2 loader";  // replaced by the loader-name tag when present
  uint64_t rsdp = multiboot2::parse(multiboot_info_phys, info);
  info.kernel_phys_start = reinterpret_cast<uint64_t>(__kernel_phys_start);
  info.kernel_phys_end = arch::virt_to_phys(reinterpret_cast<uintptr_t>(__kernel_end));
  uint64_t ram_end = highest_ram_end(info);
  if (boot_paging::extend_direct_map(ram_end) < ram_end)
    log_warn("boot: RAM ends at %#lx but the direct map stops earlier\n",
             static_cast<unsigned long>(ram_end));

  acpi::discover(rsdp, info);
  arch::cpu_local()->apic_id = static_cast<uint32_t>(info.cpu_hwid[0]);
  if (info.fb.text_mode) arch::Console::enable_text_screen(info.fb.phys, info.fb.width, info.fb.height);
  kernel_main(info);
}
