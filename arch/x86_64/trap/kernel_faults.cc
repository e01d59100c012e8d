// trap/kernel_faults.cc - the kernel's own exceptions: the few that are fine, and the
// report for the rest.
//
// Two page faults in kernel mode are normal (contract/uaccess.hh):
//   1. an address in the user half: the kernel touched user memory, maybe a page the
//      program has not used yet. mm::handle_page_fault (user = false) may map it; then
//      the instruction is retried.
//   2. a fault inside UserAccess::copy (trap/uaccess.S) that (1) could not resolve:
//      execution resumes at the copy's fixup, which returns false (EFAULT upstairs).
// Every other exception in kernel mode is a bug. Its report is the register dump
// (exception_report.cc), then one line that names the likely cause where the fault
// itself tells: running off a kernel stack into its guard gap, writing to read-only
// kernel memory (W^X at work), executing a non-executable page, a null pointer.
//
// Stack overflow is special: the fault happens because the stack is full, so the CPU
// cannot push the page-fault frame either, and the second fault becomes a double fault.
// #DF has its own IST stack (cpu/gdt.cc), so this code runs there and can still print;
// CR2 then holds the guard-page address the failed push tried to write.
#include "kernel_faults.hh"

#include <arch/cpu.hh>
#include <contract/layout.hh>

#include "../cpu/gdt.hh"
#include "../cpu/x86.hh"
#include "exception_report.hh"
#include "lib/format.hh"
#include "lib/printk.hh"
#include "mm/kernel_stack.hh"
#include "uaccess_fixup.hh"
#include "user_hooks.hh"

extern "C" char __text_start[], __text_end[], __rodata_start[], __data_start[];
extern "C" char __ksyms_start[], __kernel_end[], boot_stack_guard[];

namespace kernel_faults {
namespace {

constexpr uint64_t kDoubleFault = 8, kPageFault = 14;
constexpr uint64_t kPfPresent = 1, kPfWrite = 2, kPfReserved = 8, kPfFetch = 16;

bool within(uintptr_t a, const char* start, const char* end) {
  return a >= reinterpret_cast<uintptr_t>(start) && a < reinterpret_cast<uintptr_t>(end);
}

bool is_stack_guard(uintptr_t a) {
  return mm::is_kernel_stack_guard(a) || within(a, boot_stack_guard, boot_stack_guard + 4096);
}

// Case 1 and 2 above. Interrupts are enabled for the VM layer's work if the faulting
// code had them enabled.
bool resolve_page_fault(arch::TrapFrame& f) {
  if (f.error_code & kPfReserved) return false;
  if (f.fault_address < contract::kUserEnd) {
    trap::PageFault fault{};
    fault.address = f.fault_address;
    fault.pc = f.rip;
    fault.access = f.error_code & kPfFetch  ? trap::Access::Execute
                   : f.error_code & kPfWrite ? trap::Access::Write
                                             : trap::Access::Read;
    fault.user = false;
    fault.present = f.error_code & kPfPresent;
    bool enable = f.rflags & arch::Cpu::kInterruptFlag;
    if (enable) arch::Cpu::irq_enable();
    bool handled = user_hooks::page_fault(fault) == trap::FaultResult::Handled;
    arch::Cpu::irq_disable();
    if (handled) return true;
  }
  return uaccess_fixup::apply(f);
}

// Prints what the fault looks like, if it is one of the recognisable kinds, and returns
// a few words for the "fatal:" line ("" when nothing more is known).
const char* explain(const arch::TrapFrame& f) {
  uintptr_t a = f.vector == kPageFault ? f.fault_address : x86::read_cr2();
  if ((f.vector == kPageFault || f.vector == kDoubleFault) &&
      (is_stack_guard(a) || (f.vector == kDoubleFault && is_stack_guard(f.rsp - 8)))) {
    printk("  kernel stack overflow: %#lx is in the unmapped guard gap below a kernel stack;\n"
           "  the stack ran out (rsp was %#lx)%s\n",
           static_cast<unsigned long>(a), static_cast<unsigned long>(f.rsp),
           f.vector == kDoubleFault ? ", so the CPU could not push the page fault's frame\n"
                                      "  either: a double fault, reported from its IST stack"
                                    : "");
    return "kernel stack overflow";
  }
  if (f.vector != kPageFault) return "";
  uint64_t e = f.error_code;
  if ((e & kPfPresent) && (e & kPfWrite) && a >= contract::kKernelBase) {
    const char* what = within(a, __text_start, __text_end)      ? "kernel text (R X)"
                       : within(a, __rodata_start, __data_start) ? "kernel read-only data (R)"
                       : within(a, __ksyms_start, __kernel_end)  ? "the kernel symbol table (R)"
                                                                 : "read-only kernel memory";
    printk("  write to %s: a protection fault, as W^X wants\n", what);
    return "write to read-only kernel memory";
  }
  if ((e & kPfPresent) && (e & kPfFetch)) {
    printk("  instruction fetch from a non-executable page (NX)\n");
    return "execution of a non-executable page";
  }
  if (!(e & kPfPresent) && a < 4096) {
    printk("  null pointer dereference\n");
    return "null pointer dereference";
  }
  if (a < contract::kUserEnd) {
    printk("  kernel access to a user address outside a user copy%s\n",
           (e & kPfPresent) ? " (blocked by SMAP/SMEP)" : "");
    return "kernel access to user memory";
  }
  return "";
}

}  // namespace

void handle(arch::TrapFrame& f) {
  if (f.vector == kPageFault && resolve_page_fault(f)) return;
  trap::print_exception_report(f);
  if (gdt::on_ist_stack(reinterpret_cast<uintptr_t>(&f)))
    printk("  (this report runs on an IST stack)\n");
  const char* cause = explain(f);
  // Static rather than on the stack: the stack may be what failed (a double fault runs
  // on the small IST stack). trap::fatal() stops at once if it is entered twice.
  static char what[128];
  const char* mnemonic = trap::vector_mnemonic(f.vector);
  ktl::snprint(what, sizeof what, "unhandled %s%s%s%s in %s mode%s%s",
               trap::vector_name(f.vector), mnemonic[0] ? " (" : "", mnemonic,
               mnemonic[0] ? ")" : "", arch::from_user(f) ? "user" : "kernel",
               cause[0] ? ": " : "", cause);
  // The frame's RBP is the interrupted function's frame record: the walk starts there.
  trap::fatal(what, f.rip, f.rbp);
}

}  // namespace kernel_faults
