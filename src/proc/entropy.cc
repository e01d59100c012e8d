// proc/entropy.cc - splitmix64 stirred by the clock.
#include "proc/entropy.hh"

#include <arch/context.hh>
#include <stdint.h>

#include "lib/spinlock.hh"
#include "lib/string.hh"

namespace proc {
namespace {

ktl::SpinLock entropy_lock{"entropy"};
uint64_t state = 0x5ea05eed5ea05eedull;  // entropy_lock

uint64_t next_locked() {
  uint64_t z = (state += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

}  // namespace

void random_fill(void* buf, size_t n) {
  auto* out = static_cast<uint8_t*>(buf);
  ktl::SpinGuard guard(entropy_lock);
  state ^= arch::Timer::now_ns() * 0x2545f4914f6cdd1dull;
  while (n > 0) {
    uint64_t word = next_locked();
    size_t chunk = n < sizeof word ? n : sizeof word;
    memcpy(out, &word, chunk);
    out += chunk;
    n -= chunk;
  }
}

}  // namespace proc
