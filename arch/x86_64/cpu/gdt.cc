// cpu/gdt.cc - the global descriptor tables and task-state segments (one per CPU).
//
// Long mode ignores segment bases and limits (except FS/GS bases, set through MSRs), so
// the GDT is mostly ceremony: code and data descriptors for ring 0 and ring 3, plus the
// TSS. The TSS matters: it holds RSP0, the stack the CPU switches to when an interrupt
// arrives from user mode, and the interrupt stack table (IST), stacks the CPU always
// switches to for chosen vectors. A double fault gets its own IST stack: if the fault
// was caused by an overflowed kernel stack, pushing the trap frame there would fault
// again (a triple fault, i.e. a silent reset) instead of printing a report. The
// non-maskable interrupt and the machine check get one too, as they can strike
// anywhere, even in the few instructions of the syscall entry before it has a stack.
//
// The boot CPU's IST stacks are static arrays; each secondary CPU's are guarded kernel
// stacks that smp/start.cc allocates, in its own TSS and its own GDT copy.
//
// RSP0 starts at a small static stack, so even a user-mode entry before the process
// layer has called Context::set_kernel_stack() lands somewhere harmless and reports.
//
// Order: kernel code, kernel data, user code32 (not present), user data, user code64, TSS.
// SYSCALL/SYSRET derive selectors from one base in MSR STAR: SYSRET to 64-bit loads
// SS = base + 8 and CS = base + 16, so user data must sit right below user code64.
#include "gdt.hh"

#include <contract/boot.hh>
#include <stddef.h>

namespace gdt {
namespace {

struct [[gnu::packed]] TaskState {
  uint32_t reserved0;
  uint64_t rsp[3];  // stacks for entering rings 0-2 from an outer ring
  uint64_t reserved1;
  uint64_t ist[7];  // interrupt stack table, IST1..IST7
  uint64_t reserved2;
  uint16_t reserved3;
  uint16_t io_bitmap_offset;  // past the limit: no I/O bitmap, so ring 3 gets no ports
};
static_assert(sizeof(TaskState) == 104);

struct [[gnu::packed]] DescriptorPointer {
  uint16_t limit;
  uint64_t base;
};

constexpr size_t kIstStackSize = 16384;
alignas(16) constinit uint8_t double_fault_stack[kIstStackSize] = {};
alignas(16) constinit uint8_t nmi_stack[kIstStackSize] = {};
alignas(16) constinit uint8_t fallback_rsp0_stack[4096] = {};

// One TSS per CPU (only the boot CPU's is loaded until SMP start-up); each CPU writes
// only its own, with interrupts off.
alignas(16) constinit TaskState tss[boot::kMaxCpus] = {};
TaskState& boot_tss = tss[0];

template <size_t N>
uint64_t top_of(uint8_t (&stack)[N]) {
  return reinterpret_cast<uint64_t>(stack) + N;
}

// Descriptors with the accessed bit preset (the CPU would otherwise write it).
alignas(16) constinit uint64_t boot_gdt[8] = {
    0,
    0x00af9b000000ffff,  // 0x08 kernel code: 64-bit (L), DPL 0
    0x00cf93000000ffff,  // 0x10 kernel data
    0x00cf7b000000ffff,  // 0x18 user code, 32-bit: keeps the SYSRET layout; not present,
                         //      so user code cannot switch to 32-bit mode through it
    0x00cff3000000ffff,  // 0x20 user data, DPL 3
    0x00affb000000ffff,  // 0x28 user code: 64-bit, DPL 3
    0, 0,                // 0x30 TSS: 16 bytes, filled at run time (needs its address)
};

// The other CPUs' GDTs: the same descriptors, but each names its own TSS (a TSS is
// marked busy by `ltr`, so two CPUs can never share one). Written once by their CPU.
alignas(16) constinit uint64_t secondary_gdts[boot::kMaxCpus][8] = {};

// A 64-bit "available TSS" system descriptor (type 9, present) spans two GDT slots.
void set_tss_descriptor(uint64_t* slot, const TaskState* tss) {
  auto base = reinterpret_cast<uint64_t>(tss);
  uint64_t limit = sizeof(TaskState) - 1;
  slot[0] = (limit & 0xffff) | ((base & 0xffffff) << 16) | (0x89ull << 40) |
            (((limit >> 16) & 0xf) << 48) | (((base >> 24) & 0xff) << 56);
  slot[1] = base >> 32;
}

}  // namespace

// Loads the GDT at `table` (`bytes` long), reloads every segment register (GS base
// becomes 0: cpu_local_init comes after) and the task register. Interrupts off.
void load(const uint64_t* table, size_t bytes);

void init_boot_cpu() {
  boot_tss.ist[kIstDoubleFault - 1] = top_of(double_fault_stack);
  boot_tss.ist[kIstNmi - 1] = top_of(nmi_stack);
  boot_tss.rsp[0] = top_of(fallback_rsp0_stack);
  boot_tss.io_bitmap_offset = sizeof(TaskState);
  set_tss_descriptor(&boot_gdt[kTss / 8], &boot_tss);
  load(boot_gdt, sizeof boot_gdt);
}

void load(const uint64_t* table, size_t bytes) {
  DescriptorPointer pointer{static_cast<uint16_t>(bytes - 1), reinterpret_cast<uint64_t>(table)};
  // CS can only be reloaded by a far transfer: push the new CS and a return address.
  __asm__ volatile(
      "lgdt %0\n\t"
      "pushq %1\n\t"
      "leaq 1f(%%rip), %%rax\n\t"
      "pushq %%rax\n\t"
      "lretq\n"
      "1:\n\t"
      "movl %2, %%eax\n\t"
      "movl %%eax, %%ds\n\t"
      "movl %%eax, %%es\n\t"
      "movl %%eax, %%ss\n\t"
      "xorl %%eax, %%eax\n\t"
      "movl %%eax, %%fs\n\t"
      "movl %%eax, %%gs\n\t"
      "ltr %w3"
      :
      : "m"(pointer), "i"(kKernelCode), "i"(kKernelData), "r"(kTss)
      : "rax", "memory");
}

void set_interrupt_stack(uint32_t cpu, uint64_t top) {
  if (cpu < boot::kMaxCpus) tss[cpu].rsp[0] = top;
}

uint64_t fallback_kernel_stack_top() { return top_of(fallback_rsp0_stack); }

bool on_ist_stack(uint64_t rsp) {
  auto within = [rsp](const uint8_t* stack) {
    auto base = reinterpret_cast<uint64_t>(stack);
    return rsp >= base && rsp <= base + kIstStackSize;
  };
  if (within(double_fault_stack) || within(nmi_stack)) return true;
  for (uint32_t cpu = 1; cpu < boot::kMaxCpus; ++cpu)
    for (unsigned slot = 0; slot < 2; ++slot) {
      uint64_t top = tss[cpu].ist[slot];
      if (top && rsp <= top && rsp >= top - kSecondaryIstSize) return true;
    }
  return false;
}

void init_secondary_cpu(uint32_t cpu, const SecondaryStacks& stacks) {
  TaskState& own = tss[cpu];
  own.ist[kIstDoubleFault - 1] = stacks.double_fault_top;
  own.ist[kIstNmi - 1] = stacks.nmi_top;
  own.rsp[0] = stacks.rsp0_top;
  own.io_bitmap_offset = sizeof(TaskState);
  uint64_t* table = secondary_gdts[cpu];
  for (unsigned i = 0; i < kTss / 8; ++i) table[i] = boot_gdt[i];
  set_tss_descriptor(&table[kTss / 8], &own);
  load(table, sizeof boot_gdt);
}

}  // namespace gdt
