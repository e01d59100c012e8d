// arch/aarch64/selftest_support.cc - cache maintenance for the tests.
#include "selftest_support.hh"

namespace selftest_support {

void sync_icache(uintptr_t virt, size_t size) {
  uint64_t ctr;
  __asm__ volatile("mrs %0, ctr_el0" : "=r"(ctr));
  uintptr_t line = 4u << (ctr >> 16 & 0xf);  // DminLine
  for (uintptr_t a = virt & ~(line - 1); a < virt + size; a += line)
    __asm__ volatile("dc cvau, %0" : : "r"(a) : "memory");
  // The code will run at another virtual address (a user one), so invalidate the whole
  // instruction cache rather than by this address.
  __asm__ volatile("dsb ish\n\tic ialluis\n\tdsb ish\n\tisb" : : : "memory");
}

}  // namespace selftest_support
