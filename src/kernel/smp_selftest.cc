// kernel/smp_selftest.cc - test=ipi: a function call on every other CPU, checked.
//
// For each other online CPU, smp::call_on(cpu, probe, &slot, wait = true) runs `probe`
// in that CPU's call-function IPI handler, which records arch::Smp::this_cpu_index().
// The test passes when every call ran on the CPU it was sent to and every CPU that
// smp::start reported online took part. One line per call, one summary line.
#include <arch/smp.hh>

#include "kernel/smp.hh"
#include "lib/atomic.hh"
#include "lib/printk.hh"

namespace smp {
namespace {

void probe(void* slot) {
  static_cast<ktl::Atomic<uint32_t>*>(slot)->store(arch::Smp::this_cpu_index(),
                                                   ktl::Order::Release);
}

}  // namespace

bool selftest_ipi() {
  uint32_t self = arch::Smp::this_cpu_index();
  uint32_t called = 0, right = 0;
  for (uint32_t cpu = 0; cpu < boot::kMaxCpus; ++cpu) {
    if (cpu == self || !is_online(cpu)) continue;
    ++called;
    ktl::Atomic<uint32_t> ran_on{~0u};
    if (auto r = call_on(cpu, probe, &ran_on, true); r.is_error()) {
      printk("ipi: call_on(%u) failed: %s\n", cpu, ktl::errno_name(r.error()));
      continue;
    }
    uint32_t ran = ran_on.load(ktl::Order::Acquire);
    printk("ipi: function for cpu %u ran on cpu %u\n", cpu, ran);
    if (ran == cpu) ++right;
  }
  printk("ipi: %u of %u calls ran on the right CPU (%u CPUs online)\n", right, called,
         online_count());
  return right == called && called + 1 == online_count();
}

}  // namespace smp
