// selftest/selftest_faults.cc - test=wx and test=stackoverflow on x86_64: faults that
// must stop the kernel with the right report.
//
// wx: the final kernel map leaves no page writable and executable. The test checks a
// few pages through query() first, then writes to kernel text: the MMU must refuse (a
// page fault, "protection violation, write"), and the report names the write to kernel
// text before powering off with the failure status.
//
// stackoverflow: mm::selftest_stack_overflow recurses on a guarded kernel stack until
// it hits the guard gap. The page fault cannot push its frame on the full stack, so it
// becomes a double fault, which runs on its IST stack and reports "kernel stack
// overflow".
//
// Both "pass" by never returning; the boot test checks the report and exit status 35.
#define SEAOS_ARCH_SELFTEST_IMPL
#include <arch/layout.hh>
#include <arch/mmu.hh>
#include <contract/selftest.hh>

#include "mm/kernel_stack.hh"

namespace {

constexpr uint32_t kW = contract::kProtWrite, kX = contract::kProtExec;

uint64_t some_data = 1;

// Prints how `va` is mapped; true when it has exactly the `want` subset of W and X.
bool expect(const char* what, uintptr_t va, uint32_t want) {
  contract::Translation t{};
  bool mapped = arch::PageTable::kernel().query(va, &t);
  printk("wx: %-11s %#018lx %s%s%s\n", what, static_cast<unsigned long>(va),
         mapped ? "R" : "not mapped", mapped && (t.prot & kW) ? "W" : "",
         mapped && (t.prot & kX) ? "X" : "");
  return mapped && (t.prot & (kW | kX)) == want;
}

}  // namespace

namespace arch_selftest {

bool wx() {
  auto text = reinterpret_cast<uintptr_t>(&wx);
  auto data = reinterpret_cast<uintptr_t>(&some_data);
  bool ok = expect("kernel text", text, kX);
  ok = expect("kernel data", data, kW) && ok;
  ok = expect("text alias", arch::phys_to_virt(arch::virt_to_phys(text)), 0) && ok;
  ok = expect("data alias", arch::phys_to_virt(arch::virt_to_phys(data)), kW) && ok;
  if (!ok) {
    printk("wx: the kernel map is not W^X; not trying the write\n");
    return false;
  }
  printk("wx: writing to kernel text at %#lx (must be a protection fault)\n",
         static_cast<unsigned long>(text));
  *reinterpret_cast<volatile uint8_t*>(text) = 0xc3;  // ret
  printk("wx: the write to kernel text did not fault\n");
  return false;
}

bool stack_overflow() { return mm::selftest_stack_overflow(); }

}  // namespace arch_selftest
