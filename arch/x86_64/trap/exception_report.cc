// trap/exception_report.cc - the register dump printed when the kernel takes a trap it
// cannot handle.
//
// The report is the first thing a student reads after a crash, so it spells things
// out: the exception's name, the error code decoded into words (for a page fault:
// present/write/user/fetch; for segment faults: which descriptor), RIP with the kernel
// function it is in, CR2 (the address a page fault was about), then all registers.
// trap::fatal() follows it with the symbolic backtrace.
#include "exception_report.hh"

#include "../cpu/x86.hh"
#include "kernel/ksyms.hh"
#include "lib/printk.hh"

namespace trap {
namespace {

constexpr uint64_t kDoubleFault = 8, kPageFault = 14;

struct VectorInfo {
  const char* name;
  const char* mnemonic;
};

// Intel SDM vol. 3A, table 6-1.
constexpr VectorInfo kExceptions[32] = {
    {"divide error", "#DE"},       {"debug", "#DB"},
    {"non-maskable interrupt", "NMI"}, {"breakpoint", "#BP"},
    {"overflow", "#OF"},           {"bound range exceeded", "#BR"},
    {"invalid opcode", "#UD"},     {"device not available", "#NM"},
    {"double fault", "#DF"},       {"coprocessor segment overrun", ""},
    {"invalid TSS", "#TS"},        {"segment not present", "#NP"},
    {"stack-segment fault", "#SS"}, {"general protection fault", "#GP"},
    {"page fault", "#PF"},         {"reserved vector 15", ""},
    {"x87 floating-point error", "#MF"}, {"alignment check", "#AC"},
    {"machine check", "#MC"},      {"SIMD floating-point exception", "#XM"},
    {"virtualization exception", "#VE"}, {"control protection exception", "#CP"},
    {"reserved vector 22", ""},    {"reserved vector 23", ""},
    {"reserved vector 24", ""},    {"reserved vector 25", ""},
    {"reserved vector 26", ""},    {"reserved vector 27", ""},
    {"hypervisor injection exception", "#HV"}, {"VMM communication exception", "#VC"},
    {"security exception", "#SX"}, {"reserved vector 31", ""},
};

void print_symbol(uint64_t address) {
  uintptr_t offset = 0;
  const char* name = ksyms::lookup(ksyms::kernel_table(), address, &offset);
  if (name) printk(" <%s+%#lx>", name, static_cast<unsigned long>(offset));
}

// Page-fault error code bits (SDM 4.7): why the translation failed and what the access was.
void print_page_fault(uint64_t address, uint64_t error) {
  printk("  page fault address (cr2) 0x%016lx", static_cast<unsigned long>(address));
  print_symbol(address);
  printk(":\n    %s, %s, %s mode, %s%s%s\n",
         error & 1 ? "protection violation" : "page not present",
         error & 2 ? "write" : "read", error & 4 ? "user" : "kernel",
         error & 16 ? "instruction fetch" : "data access",
         error & 8 ? ", reserved bit set in a paging entry" : "",
         error & 32 ? ", protection key" : "");
}

// #TS #NP #SS #GP carry a selector error code when a descriptor is to blame.
void print_selector_error(uint64_t error) {
  static const char* const kTables[] = {"GDT", "IDT", "LDT", "IDT"};
  printk("  selector error: %s index %lu%s\n", kTables[(error >> 1) & 3],
         static_cast<unsigned long>((error >> 3) & 0x1fff),
         error & 1 ? " (during delivery of an external event)" : "");
}

void print_registers(const TrapFrame& f) {
  auto reg = [](const char* name, uint64_t value, const char* end) {
    printk("  %-3s 0x%016lx%s", name, static_cast<unsigned long>(value), end);
  };
  reg("rax", f.rax, ""), reg("rbx", f.rbx, ""), reg("rcx", f.rcx, "\n");
  reg("rdx", f.rdx, ""), reg("rsi", f.rsi, ""), reg("rdi", f.rdi, "\n");
  reg("rbp", f.rbp, ""), reg("rsp", f.rsp, ""), reg("r8", f.r8, "\n");
  reg("r9", f.r9, ""), reg("r10", f.r10, ""), reg("r11", f.r11, "\n");
  reg("r12", f.r12, ""), reg("r13", f.r13, ""), reg("r14", f.r14, "\n");
  reg("r15", f.r15, "\n");
  printk("  cs %#lx  ss %#lx  rflags %#lx  cr3 %#lx\n", static_cast<unsigned long>(f.cs),
         static_cast<unsigned long>(f.ss), static_cast<unsigned long>(f.rflags),
         static_cast<unsigned long>(x86::read_cr3()));
}

}  // namespace

const char* vector_name(uint64_t vector) {
  if (vector == arch::kTrapVectorSyscall) return "system call";
  return vector < 32 ? kExceptions[vector].name : "external interrupt";
}

const char* vector_mnemonic(uint64_t vector) {
  return vector < 32 ? kExceptions[vector].mnemonic : "";
}

void print_exception_report(const TrapFrame& f) {
  const char* mnemonic = vector_mnemonic(f.vector);
  printk("\nx86_64 exception: %s (%s%svector %lu), error code %#lx, in %s mode\n",
         vector_name(f.vector), mnemonic, mnemonic[0] ? ", " : "",
         static_cast<unsigned long>(f.vector), static_cast<unsigned long>(f.error_code),
         (f.cs & 3) ? "user" : "kernel");
  printk("  rip 0x%016lx", static_cast<unsigned long>(f.rip));
  print_symbol(f.rip);
  printk("\n");
  if (f.vector == kPageFault) print_page_fault(f.fault_address, f.error_code);
  else if (f.vector == kDoubleFault)  // usually a fault while delivering a page fault
    printk("  cr2 (the last page fault's address) 0x%016lx\n",
           static_cast<unsigned long>(x86::read_cr2()));
  else if (f.vector >= 10 && f.vector <= 13 && f.error_code) print_selector_error(f.error_code);
  print_registers(f);
}

}  // namespace trap
