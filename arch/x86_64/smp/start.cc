// smp/start.cc - starting the other CPUs: trampoline, INIT-SIPI-SIPI, per-CPU set-up.
//
// The MADT (acpi/madt.cc) gave boot::Info the local APIC id of every enabled CPU, boot
// CPU first. start_secondaries starts them one at a time:
//   1. once: copy trampoline.S to kTrampolinePhys (below 1 MiB, never allocated: mm
//      keeps low memory) and build next to it temporary page tables the 32-bit code can
//      reach: PML4 -> PDPT -> PD with one 2 MiB identity page (the trampoline runs
//      there while it turns paging on) and, in the upper half, the kernel's own PML4
//      entries (every kernel-half entry exists from mmu_init on, so they never change);
//   2. per CPU: three guarded kernel stacks (its first stack, and its double-fault and
//      NMI IST stacks), the parameter block (stack, entry, index, kernel CR3), then the
//      MP start-up protocol through the ICR: INIT, 10 ms, STARTUP, 200 us, STARTUP
//      (SDM vol. 3A 8.4.4.1), and wait up to a second for the CPU to report in;
//   3. on the new CPU (x86_ap_entry): the kernel's CR3, its own GDT and TSS, the
//      shared IDT, its CpuLocal (GS), the control registers the boot CPU set (WP, NE,
//      SMEP, SMAP, NXE via cpu_features; PGE as mmu_init set it), the syscall MSRs and
//      its local APIC; it then marks itself online and calls
//      kernel_entry::secondary_main(index), which never returns.
// A CPU that does not report in is named and left out. A late CPU would still read the
// parameter block: the next start overwrites it, so a timed-out CPU might start as the
// next index - acceptable on QEMU where every CPU starts, noted in docs/smp.md.
#include "start.hh"

#include <arch/context.hh>
#include <arch/layout.hh>
#include <arch/mmu.hh>
#include <arch/smp.hh>

#include "../apic/lapic.hh"
#include "../cpu/features.hh"
#include "../cpu/gdt.hh"
#include "../cpu/regs.hh"
#include "../cpu/x86.hh"
#include "../trap/idt.hh"
#include "../trap/syscall.hh"
#include "lib/atomic.hh"
#include "lib/printk.hh"
#include "lib/string.hh"
#include "mm/kernel_stack.hh"

extern "C" char trampoline_start[], trampoline_end[], trampoline_params[];

namespace {

constexpr uint64_t kTrampolinePhys = 0x8000;  // trampoline.S's TRAMPOLINE_PHYS
constexpr uint64_t kTempPml4 = kTrampolinePhys + 0x1000;
constexpr uint64_t kTempPdpt = kTrampolinePhys + 0x2000;
constexpr uint64_t kTempPd = kTrampolinePhys + 0x3000;
constexpr uint64_t kTrampolineEnd = kTrampolinePhys + 0x4000;
constexpr uint64_t kPresentWritable = 0x3, kLargePage = 0x80;

static_assert(gdt::kSecondaryIstSize == mm::kKernelStackSize);

struct TrampolineParams {  // trampoline.S's parameter block
  uint64_t temp_cr3;
  uint64_t kernel_cr3;
  uint64_t stack_top;
  uint64_t entry;
  uint64_t index;
};

// Written by the boot CPU before the STARTUP IPI, read by the new CPU.
gdt::SecondaryStacks own_stacks[boot::kMaxCpus];
// Set by each CPU when its arch set-up is done (release), read by the boot CPU.
ktl::Atomic<bool> cpu_online[boot::kMaxCpus];
ktl::Atomic<uint32_t> online_cpus{1};

void spin_ns(uint64_t ns) {
  uint64_t end = arch::Timer::now_ns() + ns;
  while (arch::Timer::now_ns() < end) arch::Cpu::relax();
}

// True when [kTrampolinePhys, kTrampolineEnd) lies in one usable range (so the direct
// map covers it and nothing else lives there).
bool trampoline_area_is_ram(const boot::Info& info) {
  for (size_t i = 0; i < info.mem_count; ++i) {
    const boot::MemRange& r = info.mem[i];
    if (r.kind == boot::MemKind::Usable && r.base <= kTrampolinePhys &&
        r.base + r.size >= kTrampolineEnd)
      return true;
  }
  return false;
}

void install_trampoline() {
  size_t size = static_cast<size_t>(trampoline_end - trampoline_start);
  memcpy(arch::phys_to_ptr<char>(kTrampolinePhys), trampoline_start, size);
  auto* pml4 = arch::phys_to_ptr<uint64_t>(kTempPml4);
  auto* pdpt = arch::phys_to_ptr<uint64_t>(kTempPdpt);
  auto* pd = arch::phys_to_ptr<uint64_t>(kTempPd);
  memset(pml4, 0, 3 * 4096);
  pd[0] = 0 | kPresentWritable | kLargePage;  // identity: physical 0-2 MiB
  pdpt[0] = kTempPd | kPresentWritable;
  pml4[0] = kTempPdpt | kPresentWritable;
  const auto* kernel_pml4 = arch::phys_to_ptr<uint64_t>(arch::PageTable::kernel().root_phys());
  for (unsigned i = 256; i < 512; ++i) pml4[i] = kernel_pml4[i];
}

TrampolineParams* params() {
  size_t offset = static_cast<size_t>(trampoline_params - trampoline_start);
  return arch::phys_to_ptr<TrampolineParams>(kTrampolinePhys + offset);
}

// Three stacks for CPU `index`; false when memory runs out.
bool allocate_stacks(uint32_t index) {
  auto first = mm::kernel_stack_alloc();
  auto double_fault = mm::kernel_stack_alloc();
  auto nmi = mm::kernel_stack_alloc();
  if (first.is_error() || double_fault.is_error() || nmi.is_error()) return false;  // leaks
  own_stacks[index] = gdt::SecondaryStacks{double_fault.value().top, nmi.value().top,
                                           first.value().top};
  return true;
}

// INIT-SIPI-SIPI to `apic_id`; true once CPU `index` reports in (within a second).
bool start_one(uint32_t index, uint32_t apic_id) {
  lapic::send_ipi(apic_id, lapic::kIcrInit);
  spin_ns(10'000'000);
  uint32_t startup = lapic::kIcrStartup | static_cast<uint32_t>(kTrampolinePhys >> 12);
  lapic::send_ipi(apic_id, startup);
  spin_ns(200'000);
  if (!cpu_online[index].load()) lapic::send_ipi(apic_id, startup);
  uint64_t deadline = arch::Timer::now_ns() + 1'000'000'000;
  while (!cpu_online[index].load()) {
    if (arch::Timer::now_ns() > deadline) return false;
    arch::Cpu::relax();
  }
  return true;
}

}  // namespace

// The first C++ function of a secondary CPU, called by trampoline.S on its first kernel
// stack with the temporary page tables loaded and interrupts off.
extern "C" [[noreturn]] void x86_ap_entry(uint32_t index, uint64_t kernel_cr3) {
  x86::write_cr3(kernel_cr3);
  gdt::init_secondary_cpu(index, own_stacks[index]);
  idt::load_cpu();
  arch::cpu_local_init(index, lapic::id());
  arch::cpu_local()->kernel_stack_top = own_stacks[index].rsp0_top;
  cpu_features::init_cpu();
  x86::write_cr4(x86::read_cr4() | x86::kCr4Pge);
  syscall_msr::init_cpu();
  lapic::init_cpu();
  cpu_online[index].store(true);
  online_cpus.fetch_add(1);
  kernel_entry::secondary_main(index);
}

namespace smp_start {

bool online(uint32_t index) { return index == 0 || cpu_online[index].load(); }
uint32_t online_count() { return online_cpus.load(); }

}  // namespace smp_start

namespace arch {

uint32_t Smp::start_secondaries(const boot::Info& info) {
  uint32_t count = info.cpu_count < boot::kMaxCpus ? info.cpu_count : boot::kMaxCpus;
  if (count <= 1) return 1;
  if (!lapic::ready()) {
    log_error("smp: no local APIC; running on the boot CPU only\n");
    return 1;
  }
  if (!trampoline_area_is_ram(info)) {
    log_error("smp: physical %#lx-%#lx is not usable RAM; no trampoline, one CPU\n",
              static_cast<unsigned long>(kTrampolinePhys),
              static_cast<unsigned long>(kTrampolineEnd));
    return 1;
  }
  install_trampoline();
  TrampolineParams* p = params();
  p->temp_cr3 = kTempPml4;
  p->kernel_cr3 = PageTable::kernel().root_phys();
  p->entry = reinterpret_cast<uint64_t>(&x86_ap_entry);
  for (uint32_t index = 1; index < count; ++index) {
    uint64_t apic_id = info.cpu_hwid[index];
    if (apic_id > 0xff) {  // xAPIC ICR destinations have 8 bits (x2APIC not used)
      log_warn("smp: CPU %u has APIC id %#lx, beyond xAPIC's reach; left out\n", index,
               static_cast<unsigned long>(apic_id));
      continue;
    }
    if (!allocate_stacks(index)) {
      log_error("smp: no memory for CPU %u's stacks\n", index);
      break;
    }
    p->stack_top = own_stacks[index].rsp0_top;
    p->index = index;
    if (!start_one(index, static_cast<uint32_t>(apic_id)))
      log_warn("smp: CPU %u (APIC id %#lx) did not start; left out\n", index,
               static_cast<unsigned long>(apic_id));
  }
  return online_cpus.load();
}

}  // namespace arch
