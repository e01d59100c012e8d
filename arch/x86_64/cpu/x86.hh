// cpu/x86.hh - the x86 instructions C++ cannot express: port I/O, control registers,
// model-specific registers, the TLB, the time-stamp counter, CPUID, halting.
//
// Internal to arch/x86_64 (src/ sees the CPU only through <arch/cpu.hh>). Each wrapper is
// one instruction; the "memory" clobber on writes keeps the compiler from reordering
// ordinary loads and stores across a device access or a page-table switch.
#pragma once

#include <stdint.h>

namespace x86 {

inline void outb(uint16_t port, uint8_t value) {
  __asm__ volatile("outb %0, %1" ::"a"(value), "Nd"(port) : "memory");
}
inline void outw(uint16_t port, uint16_t value) {
  __asm__ volatile("outw %0, %1" ::"a"(value), "Nd"(port) : "memory");
}
inline void outl(uint16_t port, uint32_t value) {
  __asm__ volatile("outl %0, %1" ::"a"(value), "Nd"(port) : "memory");
}
inline uint8_t inb(uint16_t port) {
  uint8_t value;
  __asm__ volatile("inb %1, %0" : "=a"(value) : "Nd"(port) : "memory");
  return value;
}

inline uint64_t read_cr0() {
  uint64_t v;
  __asm__ volatile("mov %%cr0, %0" : "=r"(v));
  return v;
}
inline void write_cr0(uint64_t v) { __asm__ volatile("mov %0, %%cr0" ::"r"(v) : "memory"); }
inline uint64_t read_cr2() {
  uint64_t v;
  __asm__ volatile("mov %%cr2, %0" : "=r"(v));
  return v;
}
inline uint64_t read_cr3() {
  uint64_t v;
  __asm__ volatile("mov %%cr3, %0" : "=r"(v));
  return v;
}
inline void write_cr3(uint64_t v) { __asm__ volatile("mov %0, %%cr3" ::"r"(v) : "memory"); }
inline uint64_t read_cr4() {
  uint64_t v;
  __asm__ volatile("mov %%cr4, %0" : "=r"(v));
  return v;
}
inline void write_cr4(uint64_t v) { __asm__ volatile("mov %0, %%cr4" ::"r"(v) : "memory"); }

inline uint64_t rdmsr(uint32_t msr) {
  uint32_t lo, hi;
  __asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
  return (static_cast<uint64_t>(hi) << 32) | lo;
}
inline void wrmsr(uint32_t msr, uint64_t v) {
  __asm__ volatile("wrmsr" ::"c"(msr), "a"(static_cast<uint32_t>(v)),
                   "d"(static_cast<uint32_t>(v >> 32))
                   : "memory");
}

// Drops this CPU's TLB entry for the page holding `va` (global or not) and every cached
// upper-level entry (SDM 4.10.4.1).
inline void invlpg(uintptr_t va) { __asm__ volatile("invlpg (%0)" ::"r"(va) : "memory"); }

// The time-stamp counter. `lfence` first: rdtsc may otherwise run ahead of the loads
// before it, and a clock read must not appear to happen earlier than the code before it.
inline uint64_t rdtsc() {
  uint32_t lo, hi;
  __asm__ volatile("lfence; rdtsc" : "=a"(lo), "=d"(hi)::"memory");
  return (static_cast<uint64_t>(hi) << 32) | lo;
}

struct CpuidResult {
  uint32_t eax, ebx, ecx, edx;
};
inline CpuidResult cpuid(uint32_t leaf, uint32_t subleaf = 0) {
  CpuidResult r;
  __asm__ volatile("cpuid" : "=a"(r.eax), "=b"(r.ebx), "=c"(r.ecx), "=d"(r.edx)
                   : "a"(leaf), "c"(subleaf));
  return r;
}

[[noreturn]] inline void halt_forever() {
  for (;;) __asm__ volatile("cli; hlt");
}

}  // namespace x86
