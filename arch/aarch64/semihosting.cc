// arch/aarch64/semihosting.cc - calls to the host, and noticing when there is none.
#include "semihosting.hh"

extern "C" int64_t semihosting_trap(uint64_t operation, uint64_t parameter);
extern "C" const char semihosting_trap_instruction[];

namespace semihosting {
namespace {

bool trapped = false;  // set from the trap handler; one CPU at a time reaches exit

}  // namespace

bool available() { return !trapped; }

int64_t call(uint64_t operation, uint64_t parameter) {
  if (trapped) return -1;
  return semihosting_trap(operation, parameter);
}

bool recover_from_trap(uintptr_t pc) {
  if (pc != reinterpret_cast<uintptr_t>(semihosting_trap_instruction)) return false;
  trapped = true;
  return true;
}

}  // namespace semihosting
