// kernel/monitor.cc - reads console lines and runs monitor commands.
//
// Input is polled (interrupts are not set up yet at this stage of the kernel); between
// polls the CPU waits with relax(). Lines are edited with backspace only.
#include "kernel/monitor.hh"

#include <arch/console.hh>
#include <arch/cpu.hh>
#include <arch/power.hh>

#include "kernel/machine.hh"
#include "kernel/panic.hh"
#include "kernel/selftest.hh"
#include "lib/printk.hh"
#include "lib/string.hh"

namespace monitor {
namespace {

const boot::Info* machine_info;

struct Command {
  const char* name;
  const char* help;
  void (*fn)(const char* args);
};

void cmd_help(const char*);

void cmd_info(const char*) {
  const boot::Info& info = *machine_info;
  printk("SeaOS on %s: %u CPUs, %lu MiB RAM (%lu KiB usable), booted by %s\n", info.arch,
         info.cpu_count, static_cast<unsigned long>(machine::ram_mib(info)),
         static_cast<unsigned long>(machine::usable_bytes(info) >> 10), info.loader);
}

void cmd_mem(const char*) {
  const boot::Info& info = *machine_info;
  for (size_t i = 0; i < info.mem_count; ++i) {
    const boot::MemRange& r = info.mem[i];
    printk("  %#014lx-%#014lx %s\n", static_cast<unsigned long>(r.base),
           static_cast<unsigned long>(r.base + r.size), machine::mem_kind_name(r.kind));
  }
}

void cmd_cpus(const char*) {
  for (uint32_t i = 0; i < machine_info->cpu_count && i < boot::kMaxCpus; ++i)
    printk("  cpu %u: hwid %#lx%s\n", i, static_cast<unsigned long>(machine_info->cpu_hwid[i]),
           i == 0 ? " (boot)" : "");
}

void cmd_backtrace(const char*) { print_backtrace(0, arch::Cpu::frame_pointer()); }
void cmd_fault(const char*) { selftest::deliberate_fault(); }
void cmd_panic(const char*) { panic("requested from the monitor"); }
void cmd_poweroff(const char* args) { arch::Power::exit(args[0] == '1' ? 1 : 0); }

constexpr Command kCommands[] = {
    {"help", "list the commands", cmd_help},
    {"info", "the machine: arch, CPUs, memory, boot loader", cmd_info},
    {"mem", "the firmware memory map", cmd_mem},
    {"cpus", "the CPUs platform discovery found", cmd_cpus},
    {"backtrace", "the monitor's own stack, with symbol names", cmd_backtrace},
    {"fault", "write to an unmapped address (shows the exception report)", cmd_fault},
    {"panic", "call panic()", cmd_panic},
    {"poweroff", "power off; 'poweroff 1' reports failure", cmd_poweroff},
};

void cmd_help(const char*) {
  for (const Command& c : kCommands) printk("  %-10s %s\n", c.name, c.help);
}

void execute(char* line) {
  while (*line == ' ') ++line;
  if (!*line) return;
  char* args = line;
  while (*args && *args != ' ') ++args;
  if (*args) *args++ = '\0';
  while (*args == ' ') ++args;
  for (const Command& c : kCommands) {
    if (ktl::str_compare(c.name, line) == 0) {
      c.fn(args);
      return;
    }
  }
  printk("unknown command '%s' (try 'help')\n", line);
}

// Reads one line into buf with echo and backspace; returns at Enter.
void read_line(char* buf, size_t size) {
  size_t len = 0;
  for (;;) {
    int c = arch::Console::poll_char();
    if (c < 0) {
      arch::Cpu::relax();
      continue;
    }
    if (c == '\r' || c == '\n') {
      arch::Console::write("\n", 1);
      buf[len] = '\0';
      return;
    }
    if ((c == 0x7f || c == '\b') && len > 0) {
      --len;
      arch::Console::write("\b \b", 3);
    } else if (c >= ' ' && c < 0x7f && len + 1 < size) {
      buf[len++] = static_cast<char>(c);
      char ch = static_cast<char>(c);
      arch::Console::write(&ch, 1);
    }
  }
}

}  // namespace

void run(const boot::Info& info) {
  machine_info = &info;
  printk("kernel monitor: type 'help' for commands\n");
  char line[128];
  for (;;) {
    printk("seaos> ");
    read_line(line, sizeof line);
    execute(line);
  }
}

}  // namespace monitor
