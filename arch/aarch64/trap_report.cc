// arch/aarch64/trap_report.cc - the exception report a student reads after a crash.
//
// Everything needed to find the bug without a debugger: which exception (ESR_EL1's
// exception class, in words), which vector, the syndrome decoded for aborts (fault kind,
// translation-table level, read or write), the faulting address (FAR_EL1), the
// faulting instruction with its kernel symbol (ELR_EL1), the interrupted PSTATE
// (SPSR_EL1) and all general registers. trap::fatal then adds the symbolic backtrace
// and powers off with the failure status.
//
// Facts from the Arm ARM (DDI 0487), section D17.2 "ESR_EL1": EC in bits 31:26, IL in
// bit 25, ISS in 24:0; for aborts the fault status code is ISS[5:0], WnR is bit 6, CM
// bit 8, FnV (FAR not valid) bit 10.
#include "trap_report.hh"

#include <arch/power.hh>
#include <contract/trap.hh>

#include "kernel/ksyms.hh"
#include "lib/format.hh"
#include "lib/printk.hh"

namespace trap_report {
namespace {

struct ClassName {
  uint8_t code;
  const char* name;
};

constexpr ClassName kClassNames[] = {
    {0x00, "undefined instruction"},
    {0x01, "trapped WFI/WFE"},
    {0x07, "FP/SIMD access trapped"},
    {0x0d, "branch target exception"},
    {0x0e, "illegal execution state"},
    {0x15, "system call (svc)"},
    {0x16, "hypervisor call (hvc)"},
    {0x17, "secure monitor call (smc)"},
    {0x18, "trapped system register access"},
    {0x19, "SVE access trapped"},
    {0x1c, "pointer authentication failure"},
    {0x20, "instruction abort from EL0"},
    {0x21, "instruction abort"},
    {0x22, "PC alignment fault"},
    {0x24, "data abort from EL0"},
    {0x25, "data abort"},
    {0x26, "SP alignment fault"},
    {0x2c, "floating-point exception"},
    {0x2f, "SError"},
    {0x30, "breakpoint from EL0"},
    {0x31, "breakpoint"},
    {0x32, "software step from EL0"},
    {0x33, "software step"},
    {0x34, "watchpoint from EL0"},
    {0x35, "watchpoint"},
    {0x3c, "brk instruction"},
};

constexpr const char* kVectorSource[] = {"EL1 using SP_EL0", "EL1 using SP_EL1",
                                         "EL0 (AArch64)", "EL0 (AArch32)"};
constexpr const char* kVectorKind[] = {"synchronous", "IRQ", "FIQ", "SError"};

// Exceptions being reported right now. A fault inside the report (a broken console,
// say) gets one short line; a fault inside that gives up without printing, so the
// machine always stops instead of recursing until the stack is gone.
int reports_in_progress = 0;

uint64_t exception_class(uint64_t esr) { return esr >> 26 & 0x3f; }

const char* class_name(uint64_t esr) {
  for (const ClassName& c : kClassNames)
    if (c.code == exception_class(esr)) return c.name;
  return "unknown exception class";
}

// What happened, in a few words: the class for synchronous exceptions, else the kind.
const char* exception_name(const arch::TrapFrame& frame) {
  switch (frame.vector % 4) {
    case 0: return class_name(frame.esr);
    case 1: return "unexpected IRQ";
    case 2: return "unexpected FIQ";
    default: return "SError";
  }
}

bool is_abort(uint64_t esr) {
  uint64_t ec = exception_class(esr);
  return ec == 0x20 || ec == 0x21 || ec == 0x24 || ec == 0x25;
}

// "translation fault at level 1, write" from an abort's syndrome.
void describe_fault_status(uint64_t esr, char* out, size_t size) {
  uint64_t status = esr & 0x3f;
  int level = static_cast<int>(status & 3);
  bool data = exception_class(esr) >= 0x24;
  const char* access = !data ? "instruction fetch" : (esr & (1u << 6)) ? "write" : "read";
  if (data && (esr & (1u << 8))) access = "cache maintenance";
  const char* kinds[] = {"address size fault", "translation fault", "access flag fault",
                         "permission fault"};
  if (status < 0x10) {
    ktl::snprint(out, size, "%s at level %d, %s", kinds[status >> 2], level, access);
    return;
  }
  const char* what = "fault status";
  switch (status) {
    case 0x10: what = "synchronous external abort"; break;
    case 0x11: what = "tag check fault"; break;
    case 0x14: case 0x15: case 0x16: case 0x17:
      ktl::snprint(out, size, "external abort on table walk at level %d, %s", level, access);
      return;
    case 0x18: what = "parity/ECC error"; break;
    case 0x21: what = "alignment fault"; break;
    case 0x30: what = "TLB conflict abort"; break;
    case 0x31: what = "unsupported atomic hardware update"; break;
  }
  ktl::snprint(out, size, "%s (%#lx), %s", what, static_cast<unsigned long>(status), access);
}

void print_symbol(uint64_t address) {
  uintptr_t offset = 0;
  const char* name = ksyms::lookup(ksyms::kernel_table(), address, &offset);
  if (name) printk("  %s+%#lx", name, static_cast<unsigned long>(offset));
}

void print_registers(const arch::TrapFrame& frame) {
  for (int i = 0; i < 30; ++i) {
    printk("  x%-2d 0x%016lx%s", i, static_cast<unsigned long>(frame.x[i]), i % 3 == 2 ? "\n" : "");
  }
  printk("  x30 0x%016lx", static_cast<unsigned long>(frame.x[30]));
  print_symbol(frame.x[30]);
  printk("\n  sp  0x%016lx\n", static_cast<unsigned long>(frame.sp));
}

}  // namespace

void fatal(const arch::TrapFrame& frame, const char* headline) {
  printk_enter_panic();  // the fault may have hit while the printk lock was held
  if (++reports_in_progress > 2) arch::Power::exit(1);
  if (reports_in_progress == 2) {
    printk("\nnested exception while reporting one: %s at ELR %#lx\n", exception_name(frame),
           static_cast<unsigned long>(frame.elr));
    arch::Power::exit(1);
  }
  const char* what = exception_name(frame);
  unsigned long vector = static_cast<unsigned long>(frame.vector);
  if (headline) {
    printk("\nEXCEPTION: %s: %s\n", headline, what);
    what = headline;
  } else {
    printk("\nEXCEPTION: %s\n", what);
  }
  printk("  vector %lu: %s from %s\n", vector, kVectorKind[vector % 4],
         kVectorSource[vector / 4 % 4]);
  printk("  ESR  0x%016lx  class %#lx (%s), ISS %#lx\n", static_cast<unsigned long>(frame.esr),
         static_cast<unsigned long>(exception_class(frame.esr)), class_name(frame.esr),
         static_cast<unsigned long>(frame.esr & 0x1ffffff));
  if (is_abort(frame.esr) && frame.vector % 4 == 0) {
    char status[96];
    describe_fault_status(frame.esr, status, sizeof status);
    printk("       %s\n", status);
  }
  bool far_valid = !(is_abort(frame.esr) && (frame.esr & (1u << 10)));
  printk("  FAR  0x%016lx%s\n", static_cast<unsigned long>(frame.far),
         far_valid ? "" : " (not valid for this fault)");
  printk("  ELR  0x%016lx", static_cast<unsigned long>(frame.elr));
  print_symbol(frame.elr);
  uint64_t spsr = frame.spsr;
  printk("\n  SPSR 0x%016lx  (EL%lu%s, masked %c%c%c%c)\n", static_cast<unsigned long>(spsr),
         static_cast<unsigned long>(spsr >> 2 & 3), (spsr & 1) ? "h" : "t",
         (spsr & (1u << 9)) ? 'D' : '-', (spsr & (1u << 8)) ? 'A' : '-',
         (spsr & (1u << 7)) ? 'I' : '-', (spsr & (1u << 6)) ? 'F' : '-');
  print_registers(frame);
  trap::fatal(what, frame.elr, frame.x[29]);
}

}  // namespace trap_report
