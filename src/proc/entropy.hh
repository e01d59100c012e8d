// proc/entropy.hh - random bytes for getrandom and AT_RANDOM.
//
// Not cryptographic: a 64-bit mixing generator (splitmix64) whose state is stirred with
// the monotonic clock at every call, so two boots or two calls differ. What the kernel
// promises today is "unpredictable enough for stack canaries and hash seeds in a
// teaching system". A hardware source (RDRAND, the Arm RNDR register) can feed it later.
#pragma once

#include <stddef.h>

namespace proc {

void random_fill(void* buf, size_t n);

}  // namespace proc
