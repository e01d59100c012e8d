// mm/physical.cc - the kernel's page allocator: set up from the boot map, used by address.
//
// This is the kernel-only face of the page allocator. It owns the kernel's allocator
// instances (kernel_pages, kernel_heap), wires allocator bug reports to panic(), builds
// everything from boot::Info at init, and turns the allocator's Page descriptors into
// physical addresses for the rest of the kernel. Each entry point holds a CpuPin while it
// runs: interrupts off, so this CPU's page cache is ours and no interrupt handler can
// spin on a lock we hold.
#include <arch/layout.hh>

#include "kernel/panic.hh"
#include "lib/printk.hh"
#include "lib/string.hh"
#include "mm/boot_memory.hh"
#include "mm/cpu_pin.hh"
#include "mm/kernel_allocators.hh"
#include "mm/mm.hh"

namespace mm {

// Constructed by cxxrt::run_constructors in this order: the heap keeps a reference to the
// page allocator.
KernelPageAllocator kernel_pages;
KernelHeap kernel_heap{kernel_pages};

namespace {

BootMemoryPlan boot_plan;  // ~2 KiB: kept off the boot stack; read only by init()

void panic_on_allocator_bug(const char* message) { panic("mm: %s", message); }

unsigned long pages_to_mib(uint64_t pages) {
  return static_cast<unsigned long>(pages >> (20 - kPageShift));
}

}  // namespace

void init(const boot::Info& info) {
  set_bug_reporter(panic_on_allocator_bug);
  if (plan_boot_memory(info, boot_plan).is_error())
    panic("mm: no usable memory left for the page allocator (%zu memory map entries)",
          info.mem_count);
  install_boot_memory(boot_plan, arch::kDirectMapBase, kernel_pages.buddy_for_boot());
  const BootMemoryPlan& p = boot_plan;
  printk(
      "mm: %lu pages free (%lu MiB); reserved %lu pages: low memory %lu, kernel %lu, "
      "initrd %lu, boot data %lu, page array %lu\n",
      static_cast<unsigned long>(free_pages()), pages_to_mib(free_pages()),
      static_cast<unsigned long>(p.reserved_pages()), static_cast<unsigned long>(p.low_pages),
      static_cast<unsigned long>(p.kernel_pages), static_cast<unsigned long>(p.initrd_pages),
      static_cast<unsigned long>(p.boot_data_pages),
      static_cast<unsigned long>(p.page_array_pages));
}

Result<PhysAddr> page_alloc(unsigned order) {
  CpuPin pin;
  Page* block = TRY(kernel_pages.alloc(order, pin.cpu()));
  return kernel_pages.map().phys_of(block);
}

Result<PhysAddr> page_alloc_zeroed(unsigned order) {
  PhysAddr block = TRY(page_alloc(order));
  memset(arch::phys_to_ptr<void>(block), 0, kPageSize << order);
  return block;
}

void page_free(PhysAddr block, unsigned order) {
  Page* head = kernel_pages.map().page_of_phys(block);
  if (!head || order > kMaxOrder || block % (kPageSize << order) != 0) {
    report_bug("page_free(%#lx, order %u): not a block from page_alloc",
               static_cast<unsigned long>(block), order);
    return;
  }
  CpuPin pin;
  kernel_pages.free(head, order, pin.cpu());
}

size_t free_pages() {
  CpuPin pin;  // the zone lock is taken inside: interrupts must be off
  return kernel_pages.free_pages();
}

Page* page_of(PhysAddr phys) { return kernel_pages.map().page_of_phys(phys); }

}  // namespace mm
