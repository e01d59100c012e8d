// kernel/panic.cc - panic(), fatal traps and the frame-pointer backtrace.
//
// Both architectures keep frame records of the same shape (contract::FrameRecord), so
// one walker serves both. The walk stops at a null or misaligned frame pointer, at a
// frame outside the kernel half of the address space, or after kMaxFrames frames: a
// corrupted stack must not turn the report into a second fault.
#include "kernel/panic.hh"

#include <arch/cpu.hh>
#include <arch/layout.hh>
#include <arch/power.hh>
#include <arch/smp.hh>
#include <contract/trap.hh>
#include <stdarg.h>

#include "kernel/ksyms.hh"
#include "lib/atomic.hh"
#include "lib/printk.hh"

namespace {

constexpr int kMaxFrames = 32;
ktl::Atomic<int> panic_depth{0};

// Prints one frame; returns false when pc is not in any kernel function (a frame that
// does not belong to the kernel ends the walk: what follows it cannot be trusted).
[[maybe_unused]] bool print_frame(int index, uintptr_t pc) {
  uintptr_t offset = 0;
  const char* name = ksyms::lookup(ksyms::kernel_table(), pc, &offset);
  if (name) printk("  #%d %#018lx %s+%#lx\n", index, static_cast<unsigned long>(pc), name,
                   static_cast<unsigned long>(offset));
  else printk("  #%d %#018lx ?\n", index, static_cast<unsigned long>(pc));
  return name != nullptr;
}

// Enters panic mode; a second panic while the first is printing just stops. The other
// CPUs are halted first (a Stop IPI), so the report is never interleaved with theirs.
void enter_panic() {
  arch::Cpu::irq_disable();
  if (panic_depth.fetch_add(1) > 0) arch::Power::exit(1);
  arch::Smp::send_all_but_self(contract::Ipi::Stop);
  printk_enter_panic();
}

}  // namespace

// LAB 1 backtrace: BEGIN
void print_backtrace(uintptr_t pc, uintptr_t fp) {
  printk("backtrace:\n");
  int index = 0;
  if (pc) print_frame(index++, pc);
  auto* frame = reinterpret_cast<const contract::FrameRecord*>(fp);
  while (frame && index < kMaxFrames) {
    auto addr = reinterpret_cast<uintptr_t>(frame);
    if (addr % 8 != 0 || addr < arch::kKernelHalfStart) break;
    if (frame->return_address == 0) break;
    // The return address points after the call; -1 names the calling instruction.
    if (!print_frame(index++, frame->return_address - 1)) break;
    if (frame->next <= frame) break;  // stacks grow down: callers live at higher addresses
    frame = frame->next;
  }
}
// LAB 1: STUB
// void print_backtrace(uintptr_t pc, uintptr_t fp) {
//   (void)pc; (void)fp;
//   printk("backtrace: (not written yet: lab 1)\n");
// }
// LAB 1: END

void panic(const char* fmt, ...) {
  enter_panic();
  printk("\nKERNEL PANIC: ");
  va_list ap;
  va_start(ap, fmt);
  vprintk(LogLevel::Error, fmt, ap);
  va_end(ap);
  printk("\n");
  print_backtrace(0, arch::Cpu::frame_pointer());
  arch::Power::exit(1);
}

namespace trap {

void fatal(const char* what, uintptr_t pc, uintptr_t fp) {
  enter_panic();
  printk("fatal: %s\n", what);
  print_backtrace(pc, fp);
  arch::Power::exit(1);
}

}  // namespace trap
