// cpu/gdt.cc - the global descriptor table and the task-state segment of the boot CPU.
//
// Long mode ignores segment bases and limits (except FS/GS bases, set through MSRs), so
// the GDT is mostly ceremony: code and data descriptors for ring 0 and ring 3, plus the
// TSS. The TSS matters: it holds RSP0, the stack the CPU switches to when an interrupt
// arrives from user mode, and the interrupt stack table (IST), stacks the CPU always
// switches to for chosen vectors. A double fault gets its own IST stack: if the fault
// was caused by an overflowed kernel stack, pushing the trap frame there would fault
// again (a triple fault, i.e. a silent reset) instead of printing a report.
//
// Order: kernel code, kernel data, user code32 (unused), user data, user code64, TSS.
// SYSCALL/SYSRET derive selectors from one base in MSR STAR: SYSRET to 64-bit loads
// SS = base + 8 and CS = base + 16, so user data must sit right below user code64.
#include "gdt.hh"

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

constexpr size_t kDoubleFaultStackSize = 8192;
alignas(16) constinit uint8_t double_fault_stack[kDoubleFaultStackSize] = {};

alignas(16) constinit TaskState boot_tss = {};

// Descriptors with the accessed bit preset (the CPU would otherwise write it).
alignas(16) constinit uint64_t boot_gdt[8] = {
    0,
    0x00af9b000000ffff,  // 0x08 kernel code: 64-bit (L), DPL 0
    0x00cf93000000ffff,  // 0x10 kernel data
    0x00cffb000000ffff,  // 0x18 user code, 32-bit: unused, keeps the SYSRET layout
    0x00cff3000000ffff,  // 0x20 user data, DPL 3
    0x00affb000000ffff,  // 0x28 user code: 64-bit, DPL 3
    0, 0,                // 0x30 TSS: 16 bytes, filled at run time (needs its address)
};

// A 64-bit "available TSS" system descriptor (type 9, present) spans two GDT slots.
void set_tss_descriptor(uint64_t* slot, const TaskState* tss) {
  auto base = reinterpret_cast<uint64_t>(tss);
  uint64_t limit = sizeof(TaskState) - 1;
  slot[0] = (limit & 0xffff) | ((base & 0xffffff) << 16) | (0x89ull << 40) |
            (((limit >> 16) & 0xf) << 48) | (((base >> 24) & 0xff) << 56);
  slot[1] = base >> 32;
}

}  // namespace

void init_boot_cpu() {
  boot_tss.ist[kIstDoubleFault - 1] = reinterpret_cast<uint64_t>(double_fault_stack) +
                                      kDoubleFaultStackSize;
  boot_tss.io_bitmap_offset = sizeof(TaskState);
  set_tss_descriptor(&boot_gdt[kTss / 8], &boot_tss);

  DescriptorPointer pointer{sizeof boot_gdt - 1, reinterpret_cast<uint64_t>(boot_gdt)};
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

}  // namespace gdt
