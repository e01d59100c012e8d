// mm/kernel_stack.cc - kernel stacks in guarded slots of the kernel-stack window.
//
// The window (contract::kKernelStacksBase, 1 GiB) is cut into 32 KiB slots, 32768 in
// all, and a bitmap says which are taken. A slot's lower half is never mapped: it is the
// guard gap, larger than any single stack frame the kernel makes, so an overflow lands
// in it rather than jumping over it into the next stack. The upper half is the stack,
// four pages that need not be contiguous: each is allocated and mapped on its own, so a
// stack never fails for want of a physically contiguous block.
//
// Every map and unmap goes through arch::PageTable::kernel(), whose kernel half every
// address space shares, so a stack is reachable whatever table is active. Freeing a
// stack invalidates it on this CPU only; with SMP the TLB shootdown of src/mm comes in.
//
// `slot_lock` guards the bitmap and the search cursor.
#include "mm/kernel_stack.hh"

#include <arch/context.hh>
#include <arch/mmu.hh>
#include <contract/layout.hh>

#include "kernel/panic.hh"
#include "lib/printk.hh"
#include "lib/spinlock.hh"
#include "mm/mm.hh"

namespace mm {
namespace {

constexpr size_t kSlots = contract::kKernelStacksSize / kKernelStackSlot;
constexpr size_t kGuardSize = kKernelStackSlot - kKernelStackSize;
constexpr size_t kStackPages = kKernelStackSize / kPageSize;
constexpr uint32_t kStackProt = contract::kProtRead | contract::kProtWrite | contract::kProtGlobal;

ktl::SpinLock slot_lock{"kernel stack slots"};
uint64_t slot_used[kSlots / 64];  // guarded by slot_lock
size_t slot_cursor = 0;           // guarded by slot_lock: where the next search starts

uintptr_t slot_base(size_t slot) { return contract::kKernelStacksBase + slot * kKernelStackSlot; }

Result<size_t> take_slot() {
  ktl::SpinGuard guard(slot_lock);
  for (size_t n = 0; n < kSlots; ++n) {
    size_t slot = (slot_cursor + n) % kSlots;
    if (slot_used[slot / 64] >> (slot % 64) & 1) continue;
    slot_used[slot / 64] |= 1ull << (slot % 64);
    slot_cursor = (slot + 1) % kSlots;
    return slot;
  }
  return Errno::NoMem;
}

void give_slot(size_t slot) {
  ktl::SpinGuard guard(slot_lock);
  slot_used[slot / 64] &= ~(1ull << (slot % 64));
}

// Unmaps the first `pages` pages of the stack at `base` and frees their frames.
void release_pages(uintptr_t base, size_t pages) {
  arch::PageTable& table = arch::PageTable::kernel();
  for (size_t i = 0; i < pages; ++i) {
    contract::Translation t;
    uintptr_t va = base + i * kPageSize;
    if (!table.query(va, &t)) continue;
    table.unmap(va, kPageSize);
    page_free(t.phys);
  }
}

}  // namespace

Result<KernelStack> kernel_stack_alloc() {
  size_t slot = TRY(take_slot());
  uintptr_t base = slot_base(slot) + kGuardSize;
  arch::PageTable& table = arch::PageTable::kernel();
  for (size_t i = 0; i < kStackPages; ++i) {
    auto page = page_alloc();
    auto mapped = page.is_ok() ? table.map(base + i * kPageSize, page.value(), kPageSize, kStackProt)
                               : ktl::Result<void>(page.error());
    if (mapped.is_error()) {
      if (page.is_ok()) page_free(page.value());
      release_pages(base, i);
      give_slot(slot);
      return mapped.error();
    }
  }
  return KernelStack{base, base + kKernelStackSize};
}

void kernel_stack_free(KernelStack stack) {
  uintptr_t offset = stack.base - kGuardSize - contract::kKernelStacksBase;
  if (stack.base < contract::kKernelStacksBase + kGuardSize || offset % kKernelStackSlot ||
      offset / kKernelStackSlot >= kSlots || stack.top != stack.base + kKernelStackSize)
    panic("kernel_stack_free: %#lx-%#lx is not a kernel stack",
          static_cast<unsigned long>(stack.base), static_cast<unsigned long>(stack.top));
  release_pages(stack.base, kStackPages);
  give_slot(offset / kKernelStackSlot);
}

bool is_kernel_stack_guard(uintptr_t address) {
  if (address < contract::kKernelStacksBase ||
      address - contract::kKernelStacksBase >= contract::kKernelStacksSize)
    return false;
  return (address - contract::kKernelStacksBase) % kKernelStackSlot < kGuardSize;
}

// ---- the `stackoverflow` self-test -------------------------------------------------------
namespace {

volatile bool stop_recursing = false;  // never set: keeps the recursion from being "provably"
                                       // infinite, so the compiler leaves it alone
arch::ThreadContext selftest_caller, selftest_thread;

// Each call takes a few hundred bytes of stack and uses them after the inner call
// returns, so no call can become a jump.
__attribute__((noinline)) uint64_t recurse(uint64_t depth) {
  volatile uint8_t frame[256];
  frame[0] = static_cast<uint8_t>(depth);
  if (stop_recursing) return frame[0];
  return recurse(depth + 1) + frame[0];
}

void overflow_thread(void*) {
  recurse(0);
  panic("stackoverflow: an endless recursion came back");
}

}  // namespace

bool selftest_stack_overflow() {
  auto stack = kernel_stack_alloc();
  if (stack.is_error()) {
    printk("stackoverflow: no kernel stack (%s)\n", ktl::errno_name(stack.error()));
    return false;
  }
  printk("stackoverflow: recursing on the kernel stack %#lx-%#lx; its guard gap is %#lx-%#lx\n",
         static_cast<unsigned long>(stack.value().base), static_cast<unsigned long>(stack.value().top),
         static_cast<unsigned long>(stack.value().base - kGuardSize),
         static_cast<unsigned long>(stack.value().base));
  arch::Context::init_kernel_thread(&selftest_thread, stack.value().top, overflow_thread, nullptr);
  arch::Context::switch_to(&selftest_caller, &selftest_thread);
  return false;  // not reached: the overflow stops the machine
}

}  // namespace mm
