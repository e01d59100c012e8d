// arch/aarch64/devicetree.cc - what the device tree says about the machine.
//
// The nodes and properties read, as QEMU virt (and Linux's bindings) define them:
//   /memory@...      reg: RAM ranges, in the root's #address-cells/#size-cells
//   /reserved-memory children, /memreserve/: RAM that firmware keeps
//   /cpus/cpu@...    reg: the MPIDR affinity of each CPU (#address-cells of /cpus)
//   /chosen          bootargs (QEMU -append), linux,initrd-start/end (QEMU -initrd),
//                    stdout-path (the console: a path or an alias, maybe ":options")
//   arm,pl011        the UART, if stdout-path does not name one
//   arm,gic-v3 / arm,cortex-a15-gic / arm,gic-400    the interrupt controller
//   /psci            method: "hvc" or "smc", the conduit for PSCI calls
//   arm,armv8-timer  interrupts: <type number flags> x4 (secure, physical, virtual, hyp);
//                    the kernel uses the virtual timer; clock-frequency if CNTFRQ is unset
//   arm,pl031        the real-time clock (seconds since 1970)
//   / model          the board's name, for the banner
// Device addresses are taken as they appear in their parent's `reg`, i.e. devices are
// assumed to sit on the root bus with identity `ranges` (true on QEMU virt).
#include "devicetree.hh"

#include <arch/cpu.hh>

#include "fdt.hh"
#include "lib/printk.hh"
#include "lib/string.hh"

namespace devicetree {
namespace {

// The `index`-th (base, size) pair of a node's reg, in its parent's cell sizes.
bool read_reg(const fdt::Tree& tree, fdt::Node node, fdt::Node parent, size_t index,
              uint64_t* base, uint64_t* size) {
  fdt::Property reg;
  int address_cells = tree.address_cells(parent), size_cells = tree.size_cells(parent);
  size_t stride = static_cast<size_t>(address_cells + size_cells);
  if (!tree.property(node, "reg", &reg) || stride == 0 || (index + 1) * stride * 4 > reg.size)
    return false;
  *base = reg.cells(index * stride, address_cells);
  *size = size_cells ? reg.cells(index * stride + address_cells, size_cells) : 0;
  return true;
}

void add_range(boot::Info& info, uint64_t base, uint64_t size, boot::MemKind kind) {
  if (size == 0) return;
  if (info.mem_count == boot::kMaxMemRanges) {
    log_warn("devicetree: more than %zu memory ranges, ignoring the rest\n", boot::kMaxMemRanges);
    return;
  }
  info.mem[info.mem_count++] = boot::MemRange{base, size, kind};
}

bool is_device_type(const fdt::Tree& tree, fdt::Node node, const char* type) {
  fdt::Property p;
  return tree.property(node, "device_type", &p) && p.string() &&
         ktl::str_compare(p.string(), type) == 0;
}

// A node without "status", or with "okay"/"ok", is in use. QEMU's secure=on board, for
// one, lists its secure RAM as a memory node with status "disabled".
bool is_enabled(const fdt::Tree& tree, fdt::Node node) {
  fdt::Property p;
  if (!tree.property(node, "status", &p)) return true;
  return p.string() && (ktl::str_compare(p.string(), "okay") == 0 ||
                        ktl::str_compare(p.string(), "ok") == 0);
}

void read_memory(const fdt::Tree& tree, boot::Info& info) {
  fdt::Node root = tree.root();
  for (fdt::Node n = tree.first_child(root); n != fdt::kNone; n = tree.next_sibling(n)) {
    if (!is_device_type(tree, n, "memory") && !ktl::starts_with(tree.name(n), "memory")) continue;
    if (!is_enabled(tree, n)) continue;
    uint64_t base, size;
    for (size_t i = 0; read_reg(tree, n, root, i, &base, &size); ++i)
      add_range(info, base, size, boot::MemKind::Usable);
  }
  fdt::Node reserved = tree.find_path("/reserved-memory");
  for (fdt::Node n = tree.first_child(reserved); n != fdt::kNone; n = tree.next_sibling(n)) {
    uint64_t base, size;
    for (size_t i = 0; read_reg(tree, n, reserved, i, &base, &size); ++i)
      add_range(info, base, size, boot::MemKind::Reserved);
  }
  for (size_t i = 0; i < tree.reservation_count(); ++i) {
    uint64_t base, size;
    tree.reservation(i, &base, &size);
    add_range(info, base, size, boot::MemKind::Reserved);
  }
}

// Every cpu node's MPIDR affinity, then the CPU we are running on moved to the front.
void read_cpus(const fdt::Tree& tree, boot::Info& info) {
  fdt::Node cpus = tree.find_path("/cpus");
  int address_cells = tree.address_cells(cpus);
  for (fdt::Node n = tree.first_child(cpus); n != fdt::kNone; n = tree.next_sibling(n)) {
    fdt::Property reg;
    if (!is_device_type(tree, n, "cpu") || !tree.property(n, "reg", &reg)) continue;
    if (info.cpu_count == boot::kMaxCpus) {
      log_warn("devicetree: more than %zu CPUs, using the first ones\n", boot::kMaxCpus);
      break;
    }
    info.cpu_hwid[info.cpu_count++] = reg.cells(0, address_cells) & arch::Cpu::kAffinityMask;
  }
  uint64_t self = arch::Cpu::hardware_id();
  for (uint32_t i = 0; i < info.cpu_count; ++i) {
    if (info.cpu_hwid[i] != self) continue;
    for (; i > 0; --i) info.cpu_hwid[i] = info.cpu_hwid[i - 1];
    info.cpu_hwid[0] = self;
    return;
  }
  if (info.cpu_count < boot::kMaxCpus) {  // not listed (odd DT): still report ourselves
    for (uint32_t i = info.cpu_count++; i > 0; --i) info.cpu_hwid[i] = info.cpu_hwid[i - 1];
    info.cpu_hwid[0] = self;
  }
}

void read_chosen(const fdt::Tree& tree, uint64_t blob_phys, boot::Info& info) {
  fdt::Node chosen = tree.find_path("/chosen");
  fdt::Property p;
  if (tree.property(chosen, "bootargs", &p) && p.string())
    ktl::str_copy(info.cmdline, p.string(), sizeof info.cmdline);
  fdt::Property start, end;
  if (tree.property(chosen, "linux,initrd-start", &start) &&
      tree.property(chosen, "linux,initrd-end", &end) && end.number() > start.number()) {
    info.initrd_phys = start.number();
    info.initrd_size = end.number() - start.number();
  }
  info.boot_data_phys = blob_phys;
  info.boot_data_size = tree.total_size();
}

// The console: /chosen stdout-path if it names a PL011, else the first PL011 at all.
void read_console(const fdt::Tree& tree, arch::Platform& platform) {
  fdt::Property p;
  fdt::Node uart = fdt::kNone, parent = fdt::kNone;
  if (tree.property(tree.find_path("/chosen"), "stdout-path", &p) && p.string()) {
    char path[128];
    ktl::str_copy(path, p.string(), sizeof path);
    for (char* c = path; *c; ++c)
      if (*c == ':') *c = '\0';  // "serial0:115200n8" -> "serial0"
    fdt::Property alias;
    if (path[0] != '/' && tree.property(tree.find_path("/aliases"), path, &alias) &&
        alias.string())
      ktl::str_copy(path, alias.string(), sizeof path);
    uart = tree.find_path(path, &parent);
    fdt::Property compat;
    if (!tree.property(uart, "compatible", &compat) || !compat.has_string("arm,pl011"))
      uart = fdt::kNone;
  }
  if (uart == fdt::kNone) uart = tree.find_compatible("arm,pl011", &parent);
  uint64_t base, size;
  if (uart != fdt::kNone && read_reg(tree, uart, parent, 0, &base, &size))
    platform.uart_phys = base;
}

void read_gic(const fdt::Tree& tree, arch::Platform& platform) {
  fdt::Node parent = fdt::kNone;
  fdt::Node gic = tree.find_compatible("arm,gic-v3", &parent);
  uint8_t version = 3;
  if (gic == fdt::kNone) {
    gic = tree.find_compatible("arm,cortex-a15-gic", &parent);
    if (gic == fdt::kNone) gic = tree.find_compatible("arm,gic-400", &parent);
    version = 2;
  }
  if (gic == fdt::kNone ||
      !read_reg(tree, gic, parent, 0, &platform.gic_dist_phys, &platform.gic_dist_size))
    return;
  read_reg(tree, gic, parent, 1, &platform.gic_cpu_phys, &platform.gic_cpu_size);
  platform.gic_version = version;
}

// A GIC interrupt specifier <type number flags>: type 0 = SPI (ids from 32), 1 = PPI
// (per-CPU, ids 16..31).
void read_timer(const fdt::Tree& tree, arch::Platform& platform) {
  fdt::Node timer = tree.find_compatible("arm,armv8-timer");
  if (timer == fdt::kNone) timer = tree.find_compatible("arm,armv7-timer");
  fdt::Property p;
  if (tree.property(timer, "interrupts", &p) && p.size >= 9 * 4)
    platform.timer_irq = (p.cell(6) == 1 ? 16 : 32) + p.cell(7);
  if (tree.property(timer, "clock-frequency", &p)) platform.timer_frequency = p.cell(0);
}

void read_rtc(const fdt::Tree& tree, arch::Platform& platform) {
  fdt::Node parent = fdt::kNone;
  fdt::Node rtc = tree.find_compatible("arm,pl031", &parent);
  uint64_t base, size;
  if (rtc != fdt::kNone && is_enabled(tree, rtc) && read_reg(tree, rtc, parent, 0, &base, &size))
    platform.rtc_phys = base;
}

void read_psci(const fdt::Tree& tree, arch::Platform& platform) {
  fdt::Node psci = tree.find_path("/psci");
  if (psci == fdt::kNone) psci = tree.find_compatible("arm,psci-0.2");
  if (psci == fdt::kNone) psci = tree.find_compatible("arm,psci");
  fdt::Property method;
  if (!tree.property(psci, "method", &method) || !method.string()) return;
  if (ktl::str_compare(method.string(), "hvc") == 0) platform.psci = arch::PsciConduit::Hvc;
  if (ktl::str_compare(method.string(), "smc") == 0) platform.psci = arch::PsciConduit::Smc;
}

// The board's name: QEMU's virt board calls itself "linux,dummy-virt".
void read_model(const fdt::Tree& tree, arch::Platform& platform) {
  fdt::Property p;
  const char* model = "unknown board";
  if (tree.property(tree.root(), "model", &p) && p.string()) model = p.string();
  if (ktl::str_compare(model, "linux,dummy-virt") == 0) model = "QEMU virt";
  ktl::str_copy(platform.model, model, sizeof platform.model);
}

}  // namespace

bool discover(const void* blob, uint64_t blob_phys, boot::Info& info, arch::Platform& platform) {
  fdt::Tree tree;
  if (!tree.open(blob) || tree.root() == fdt::kNone) return false;
  read_memory(tree, info);
  read_cpus(tree, info);
  read_chosen(tree, blob_phys, info);
  read_console(tree, platform);
  read_gic(tree, platform);
  read_timer(tree, platform);
  read_rtc(tree, platform);
  read_psci(tree, platform);
  read_model(tree, platform);
  return true;
}

}  // namespace devicetree
