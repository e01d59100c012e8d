// mm/kernel_stack.hh - kernel stacks with an unmapped guard gap below each one.
//
// A kernel thread's stack is small (16 KiB) and nothing stops a deep recursion or a big
// local array from running off its end. Below each stack lies an unmapped gap, so the
// first access past the end faults at once - and the arch's fault report says "kernel
// stack overflow" (is_kernel_stack_guard) - instead of silently overwriting whatever
// lies below. Stacks live in their own window of the kernel half
// (contract::kKernelStacksBase, 1 GiB) in fixed 32 KiB slots: the lower 16 KiB of a slot
// is the gap, the upper 16 KiB the stack. Mapped read-write, never executable, global.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "lib/result.hh"

namespace mm {

inline constexpr size_t kKernelStackSize = 16 * 1024;
inline constexpr size_t kKernelStackSlot = 32 * 1024;  // guard gap + stack

struct KernelStack {
  uintptr_t base;  // lowest address of the stack (just above its guard gap)
  uintptr_t top;   // one past the highest: the initial stack pointer, 16-byte aligned
};

// A fresh, mapped stack. Errors: NoMem (no free slot, no pages, no table pages), and
// whatever the page tables say (NoSys in a lab tree whose page-table code is a stub).
ktl::Result<KernelStack> kernel_stack_alloc();

// Unmaps the stack and frees its pages and its slot. The stack must not be in use (by
// any CPU) and must come from kernel_stack_alloc().
void kernel_stack_free(KernelStack stack);

// True when `address` lies in the guard gap of a kernel stack slot (for fault reports).
bool is_kernel_stack_guard(uintptr_t address);

// Self-tests of the kernel's virtual memory, arch-independent; each architecture's
// arch_selftest functions (contract/selftest.hh) run them.
//
// `stackoverflow` (here): runs a recursing function on a fresh stack (switched to with
// arch::Context) until it hits the guard. Never returns: the arch reports "kernel stack
// overflow" and the machine stops with the failure status.
bool selftest_stack_overflow();
// `paging` (mm/paging_selftest.cc): map/unmap/protect/query round trips through
// arch::PageTable, 2 MiB blocks and their splitting, user tables; no page leaked.
bool selftest_paging();

}  // namespace mm
