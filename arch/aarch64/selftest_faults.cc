// arch/aarch64/selftest_faults.cc - test=wx and test=stackoverflow: faults that must stop
// the kernel with the right report.
//
// wx: the final kernel map must leave no page writable and executable. The test first
// checks the map through query() (text R+X, data R+W without X, the direct map without
// X and read-only where it aliases the text), then writes to its own first instruction:
// the MMU must refuse with a permission fault, which the trap code reports before
// powering off with the failure status.
//
// stackoverflow (mm::selftest_stack_overflow, src/mm/kernel_stack.cc): a kernel thread
// recurses without end on a kernel stack with its unmapped guard gap below. When the
// recursion reaches the gap, the data abort finds SP itself unusable; vectors.S notices,
// moves to the overflow stack and reports "kernel stack overflow" instead of faulting
// again on every push.
//
// Both "pass" by never returning; the grader checks the report and exit status 35.
#define SEAOS_ARCH_SELFTEST_IMPL
#include <arch/layout.hh>
#include <arch/mmu.hh>
#include <contract/selftest.hh>

#include "mm/kernel_stack.hh"
#include "selftest_support.hh"

namespace {

constexpr uint32_t kW = contract::kProtWrite, kX = contract::kProtExec;

uint64_t some_data = 1;

const char* prot_name(uint32_t prot) {
  switch (prot & (contract::kProtRead | kW | kX)) {
    case contract::kProtRead:
      return "R";
    case contract::kProtRead | kW:
      return "RW";
    case contract::kProtRead | kX:
      return "RX";
    case contract::kProtRead | kW | kX:
      return "RWX";
    default:
      return "-";
  }
}

// Prints how `va` is mapped; true when it has exactly the `want` subset of W and X.
bool expect_map(const char* what, uintptr_t va, uint32_t want) {
  contract::Translation t{};
  bool mapped = arch::PageTable::kernel().query(va, &t);
  printk("wx: %-12s %#018lx %s\n", what, static_cast<unsigned long>(va),
         mapped ? prot_name(t.prot) : "not mapped");
  return mapped && (t.prot & (kW | kX)) == want;
}

}  // namespace

namespace arch_selftest {

bool wx() {
  auto text = reinterpret_cast<uintptr_t>(&wx);
  bool ok = expect_map("kernel text", text, kX);
  ok = expect_map("kernel data", reinterpret_cast<uintptr_t>(&some_data), kW) && ok;
  ok = expect_map("text alias", arch::phys_to_virt(arch::virt_to_phys(text)), 0) && ok;
  ok = expect_map("direct map",
                  arch::phys_to_virt(arch::virt_to_phys(reinterpret_cast<uintptr_t>(&some_data))),
                  kW) &&
       ok;
  if (!ok) {
    printk("wx: the kernel map is not W^X; not trying the write\n");
    return false;
  }
  printk("wx: writing to kernel text at %#lx (must be a permission fault)\n",
         static_cast<unsigned long>(text));
  *reinterpret_cast<volatile uint32_t*>(text) = 0xd503201f;  // nop
  printk("wx: the write to kernel text did not fault\n");
  return false;
}

bool stack_overflow() { return mm::selftest_stack_overflow(); }

}  // namespace arch_selftest
