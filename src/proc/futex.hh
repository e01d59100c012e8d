// proc/futex.hh - futexes: sleeping on a 32-bit word of user memory.
//
// A futex is just an address: FUTEX_WAIT sleeps if the word still holds the expected
// value (checked under the futex lock, so a FUTEX_WAKE after the user changed the word
// cannot be missed), FUTEX_WAKE wakes sleepers on the address, FUTEX_REQUEUE moves them
// to another address (musl's condition variables). Waiters are keyed by (address space,
// address): private futexes. Shared ones (between processes, through MAP_SHARED memory)
// key on the physical page and come with shared mappings (the mmap issue).
#pragma once

#include <stdint.h>

#include "lib/result.hh"

namespace mm {
class AddressSpace;
}

namespace proc {

// Errors: Again (the word differs), TimedOut, Fault, and kRestartSys (a signal).
ktl::Result<long> futex_wait(mm::AddressSpace* as, uint64_t uaddr, uint32_t expected,
                             uint64_t deadline_ns, uint32_t bitset);
// Wakes up to n waiters whose bitset intersects `bitset`; returns how many.
long futex_wake(mm::AddressSpace* as, uint64_t uaddr, int n, uint32_t bitset);
// Wakes up to n waiters on uaddr and moves up to `requeue` more to uaddr2; with
// `check`, first verifies *uaddr == expected (Errors: Again, Fault).
ktl::Result<long> futex_requeue(mm::AddressSpace* as, uint64_t uaddr, int n, uint64_t uaddr2,
                                int requeue, bool check, uint32_t expected);

}  // namespace proc
