// kernel/main.cc - kernel_main: from a booted CPU to a running kernel.
//
// The arch boot code has already set up a stack, the console and the kernel mapping and
// filled boot::Info. kernel_main starts the C++ runtime, reports what the machine is
// (the banner tests and students look for), runs any self-tests the command line asks
// for, and then either powers off (`poweroff`) or starts the kernel monitor.
#include <arch/mmu.hh>
#include <arch/power.hh>
#include <contract/boot.hh>

#include "fs/kernel_boot.hh"
#include "kernel/cmdline.hh"
#include "kernel/cxxrt.hh"
#include "kernel/machine.hh"
#include "kernel/monitor.hh"
#include "kernel/selftest.hh"
#include "kernel/smp.hh"
#include "lib/printk.hh"
#include "mm/mm.hh"
#include "proc/lifecycle.hh"

namespace {

constexpr const char* kVersion = "0.1";

void print_memory_map(const boot::Info& info) {
  printk("memory map (%zu ranges):\n", info.mem_count);
  for (size_t i = 0; i < info.mem_count; ++i) {
    const boot::MemRange& r = info.mem[i];
    printk("  %#014lx-%#014lx %s\n", static_cast<unsigned long>(r.base),
           static_cast<unsigned long>(r.base + r.size), machine::mem_kind_name(r.kind));
  }
}

void print_banner(const boot::Info& info) {
  uint64_t usable = machine::usable_bytes(info);
  printk("\nSeaOS %s on %s: %u CPU%s, %lu MiB RAM\n", kVersion, info.arch, info.cpu_count,
         info.cpu_count == 1 ? "" : "s", static_cast<unsigned long>(machine::ram_mib(info)));
  printk("booted by %s; command line \"%s\"\n", info.loader, info.cmdline);
  printk("memory: %lu KiB usable; kernel %#lx-%#lx", static_cast<unsigned long>(usable >> 10),
         static_cast<unsigned long>(info.kernel_phys_start),
         static_cast<unsigned long>(info.kernel_phys_end));
  if (info.initrd_size)
    printk("; initrd %#lx (%lu KiB)", static_cast<unsigned long>(info.initrd_phys),
           static_cast<unsigned long>(info.initrd_size >> 10));
  printk("\ncpus:");
  for (uint32_t i = 0; i < info.cpu_count && i < boot::kMaxCpus; ++i)
    printk(" %#lx", static_cast<unsigned long>(info.cpu_hwid[i]));
  printk("\n");
}

}  // namespace

void kernel_main(boot::Info& info) {
  cxxrt::run_constructors();
  char value[8];
  if (cmdline::get(info.cmdline, "loglevel", value, sizeof value) && value[0] >= '0' &&
      value[0] <= '3')
    printk_set_level(static_cast<LogLevel>(value[0] - '0'));

  print_banner(info);
  if (cmdline::has(info.cmdline, "memmap")) print_memory_map(info);
  mm::init(info);
  arch::mmu_init();
  if (auto r = fs::boot_filesystems(info); r.is_error()) log_error("vfs: %s\n", ktl::errno_name(r.error()));
  smp::start(info);

  bool ok = selftest::run(info.cmdline);
  if (cmdline::has(info.cmdline, "poweroff") || !ok) {
    printk("powering off (%s)\n", ok ? "success" : "failure");
    arch::Power::exit(ok ? 0 : 1);
  }
  proc::start_init(info);
  monitor::run(info);
}
