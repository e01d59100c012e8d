// apic/lapic.cc - the local APIC, through its memory-mapped registers (xAPIC mode).
//
// Every CPU has a local APIC at the same physical address (normally 0xfee00000); each
// CPU's accesses reach its own. The registers are 32 bits wide on 16-byte boundaries and
// must be accessed with exactly one 32-bit load or store, hence the volatile pointers.
// SDM vol. 3A, chapter 11. x2APIC mode (MSR access) is not used: QEMU and every PC of
// the last 20 years support the memory-mapped interface.
#include "lapic.hh"

#include <arch/cpu.hh>

#include "../cpu/regs.hh"
#include "../cpu/x86.hh"
#include "../mm/mmio.hh"
#include "vectors.hh"

namespace lapic {
namespace {

constexpr uint32_t kId = 0x20, kTaskPriority = 0x80, kEoi = 0xb0, kSpuriousVector = 0xf0;
constexpr uint32_t kErrorStatus = 0x280, kLvtTimer = 0x320, kLvtLint0 = 0x350;
constexpr uint32_t kLvtError = 0x370, kTimerInitial = 0x380, kTimerCurrent = 0x390;
constexpr uint32_t kTimerDivide = 0x3e0, kIcrLow = 0x300, kIcrHigh = 0x310;
constexpr uint32_t kIcrPending = 1u << 12;  // delivery status: the last IPI not yet sent

constexpr uint32_t kSoftwareEnable = 1u << 8;
constexpr uint32_t kMasked = 1u << 16;
constexpr uint32_t kPeriodic = 1u << 17;
constexpr uint32_t kDivideBy16 = 0x3;
constexpr uint64_t kApicBaseEnable = 1ull << 11;  // IA32_APIC_BASE: global enable

volatile uint32_t* registers = nullptr;  // written once by init() on the boot CPU

uint32_t read(uint32_t reg) { return registers[reg / 4]; }
void write(uint32_t reg, uint32_t value) { registers[reg / 4] = value; }

}  // namespace

bool init(uint64_t phys) {
  uintptr_t virt = mmio::map_or_boot_alias(phys, 4096);
  if (!virt) return false;
  registers = reinterpret_cast<volatile uint32_t*>(virt);
  init_cpu();
  return true;
}

bool ready() { return registers != nullptr; }

void init_cpu() {
  uint64_t base = x86::rdmsr(x86::kMsrApicBase);
  if (!(base & kApicBaseEnable)) x86::wrmsr(x86::kMsrApicBase, base | kApicBaseEnable);
  write(kSpuriousVector, kSoftwareEnable | vectors::kSpurious);
  write(kTaskPriority, 0);
  write(kLvtTimer, kMasked | vectors::kTimer);
  write(kLvtLint0, kMasked);
  write(kLvtError, vectors::kApicError);
  write(kErrorStatus, 0);  // the ESR is cleared by a write (twice: it latches)
  write(kErrorStatus, 0);
  eoi();                   // drop anything the firmware left in service
}

void eoi() { write(kEoi, 0); }

uint32_t id() { return read(kId) >> 24; }

void timer_periodic(uint32_t initial, uint8_t vector) {
  write(kTimerDivide, kDivideBy16);
  write(kLvtTimer, kPeriodic | vector);
  write(kTimerInitial, initial);
}

void timer_one_shot_masked(uint32_t initial) {
  write(kTimerDivide, kDivideBy16);
  write(kLvtTimer, kMasked | vectors::kTimer);
  write(kTimerInitial, initial);
}

uint32_t timer_count() { return read(kTimerCurrent); }

void send_ipi(uint32_t apic_id, uint32_t command) {
  uintptr_t flags = arch::Cpu::irq_save();  // the two ICR writes belong together
  while (read(kIcrLow) & kIcrPending) __asm__ volatile("pause");
  write(kIcrHigh, apic_id << 24);
  write(kIcrLow, command);  // this write sends
  while (read(kIcrLow) & kIcrPending) __asm__ volatile("pause");
  arch::Cpu::irq_restore(flags);
}

void timer_stop() {
  write(kLvtTimer, kMasked | vectors::kTimer);
  write(kTimerInitial, 0);
}

}  // namespace lapic
