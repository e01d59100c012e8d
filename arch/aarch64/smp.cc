// arch/aarch64/smp.cc - secondary CPU start-up (PSCI CPU_ON) and IPIs (GIC SGIs).
//
// The boot CPU, with the final kernel map active (after mmu_init), starts each CPU the
// device tree listed, one at a time:
//   1. it allocates the CPU a kernel stack (with a guard gap, mm/kernel_stack.hh) and
//      fills that CPU's boot mailbox: the kernel's TTBR1 root (physical), its TCR_EL1
//      (so ASID size and IPS match), the stack top and the CPU index;
//   2. it cleans the mailbox to the point of coherency: the new CPU reads it with its
//      MMU and caches off;
//   3. it calls PSCI CPU_ON(target MPIDR, physical secondary_entry, physical mailbox);
//   4. it waits (up to kStartTimeoutNs) for the CPU to set its `online` flag.
// The new CPU runs head.S's secondary_entry: EL2 -> EL1, MMU on through the boot
// identity map and the kernel's TTBR1, then at link addresses its stack, VBAR_EL1 and
// arch_secondary_main below: TPIDR_EL1, its GIC CPU interface (GICv3: redistributor),
// its SGIs unmasked, `online`, and kernel_entry::secondary_main(index).
//
// SGI numbers: 0 reschedule, 1 call function, 2 stop. The handlers are attached once,
// by the boot CPU; SGIs are banked per CPU, so each CPU unmasks its own.
#include <arch/context.hh>
#include <arch/cpu.hh>
#include <arch/irq.hh>
#include <arch/layout.hh>
#include <arch/smp.hh>

#include "gic.hh"
#include "lib/atomic.hh"
#include "lib/printk.hh"
#include "mm/kernel_stack.hh"
#include "platform.hh"
#include "psci.hh"

extern "C" char secondary_entry[];

namespace arch {
namespace {

constexpr uint64_t kStartTimeoutNs = 2'000'000'000;
constexpr uint32_t kSgiReschedule = 0, kSgiCallFunction = 1, kSgiStop = 2;

// Read by secondary_entry with the MMU off: offsets are fixed (head.S), one cache line
// each so cleaning one CPU's mailbox never races with another's.
struct alignas(64) BootMailbox {
  uint64_t ttbr1;      // 0: physical root of the kernel table
  uint64_t tcr;        // 8: the boot CPU's TCR_EL1
  uint64_t stack_top;  // 16: virtual, from kernel_stack_alloc
  uint64_t index;      // 24: position in boot::Info::cpu_hwid
};
static_assert(sizeof(BootMailbox) == 64);

BootMailbox mailboxes[boot::kMaxCpus];
ktl::Atomic<bool> online[boot::kMaxCpus];  // set once by each CPU, read by the boot CPU

uint32_t sgi_for(contract::Ipi ipi) {
  switch (ipi) {
    case contract::Ipi::Reschedule: return kSgiReschedule;
    case contract::Ipi::CallFunction: return kSgiCallFunction;
    case contract::Ipi::Stop: return kSgiStop;
  }
  return kSgiStop;
}

void on_reschedule(void*) { kernel_entry::ipi_reschedule(); }
void on_call_function(void*) { kernel_entry::ipi_call_function(); }
[[noreturn]] void on_stop(void*) {
  Cpu::irq_disable();
  for (;;) Cpu::wait_for_interrupt();
}

void unmask_sgis() {
  for (uint32_t id = kSgiReschedule; id <= kSgiStop; ++id) gic::set_enabled(id, true);
}

void clean_to_poc(const void* p, size_t size) {
  auto a = reinterpret_cast<uintptr_t>(p) & ~uintptr_t{63};
  for (auto end = reinterpret_cast<uintptr_t>(p) + size; a < end; a += 64)
    __asm__ volatile("dc civac, %0" : : "r"(a) : "memory");
  __asm__ volatile("dsb sy" : : : "memory");
}

// Starts CPU `index`; true when it reported online in time.
bool start_one(uint32_t index, uint64_t hwid, uint64_t ttbr1, uint64_t tcr) {
  auto stack = mm::kernel_stack_alloc();
  if (stack.is_error()) {
    log_error("smp: no stack for cpu %u: %s\n", index, ktl::errno_name(stack.error()));
    return false;
  }
  mailboxes[index] = {ttbr1, tcr, stack.value().top, index};
  clean_to_poc(&mailboxes[index], sizeof mailboxes[index]);
  int64_t r = psci::call(psci::kCpuOn64, hwid, virt_to_phys(reinterpret_cast<uintptr_t>(secondary_entry)),
                         virt_to_phys(reinterpret_cast<uintptr_t>(&mailboxes[index])));
  if (r != 0) {
    log_error("smp: PSCI CPU_ON for cpu %u (MPIDR %#lx) failed: %ld\n", index,
              static_cast<unsigned long>(hwid), static_cast<long>(r));
    mm::kernel_stack_free(stack.value());
    return false;
  }
  uint64_t deadline = Timer::now_ns() + kStartTimeoutNs;
  while (!online[index].load(ktl::Order::Acquire)) {
    if (Timer::now_ns() > deadline) {
      log_error("smp: cpu %u (MPIDR %#lx) did not come up; leaving it out\n", index,
                static_cast<unsigned long>(hwid));
      return false;  // its stack stays allocated: the CPU might still be using it
    }
    Cpu::relax();
  }
  return true;
}

}  // namespace

uint32_t Smp::start_secondaries(const boot::Info& info) {
  if (gic::present()) {
    (void)Irq::attach(kSgiReschedule, on_reschedule, nullptr);
    (void)Irq::attach(kSgiCallFunction, on_call_function, nullptr);
    (void)Irq::attach(kSgiStop, on_stop, nullptr);
  }
  online[0].store(true, ktl::Order::Release);
  uint32_t count = info.cpu_count < boot::kMaxCpus ? info.cpu_count : boot::kMaxCpus;
  if (count <= 1) return 1;
  if (platform.psci == PsciConduit::None) {
    log_warn("smp: no PSCI in the device tree; running on the boot CPU only\n");
    return 1;
  }
  uint64_t ttbr1, tcr;
  __asm__ volatile("mrs %0, ttbr1_el1" : "=r"(ttbr1));
  __asm__ volatile("mrs %0, tcr_el1" : "=r"(tcr));
  uint32_t up = 1;
  for (uint32_t i = 1; i < count; ++i)
    if (start_one(i, info.cpu_hwid[i], ttbr1 & 0x0000fffffffff000ull, tcr)) ++up;
  return up;
}

void Smp::send(uint32_t cpu, contract::Ipi ipi) {
  if (cpu >= boot::kMaxCpus || !online[cpu].load(ktl::Order::Acquire)) return;
  gic::send_sgi(sgi_for(ipi), cpu);
}

void Smp::send_all_but_self(contract::Ipi ipi) { gic::send_sgi_all_but_self(sgi_for(ipi)); }

// head.S's secondary_entry lands here at link addresses, on the CPU's own stack, with
// VBAR_EL1 set and IRQs masked.
extern "C" [[noreturn]] void arch_secondary_main(uint64_t index) {
  auto i = static_cast<uint32_t>(index);
  cpu_local_init(i);
  if (gic::present()) {
    gic::init_cpu();
    unmask_sgis();
  }
  online[i].store(true, ktl::Order::Release);
  kernel_entry::secondary_main(i);
}

}  // namespace arch
