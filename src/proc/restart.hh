// proc/restart.hh - "restart this system call": the codes a blocking call returns when
// a signal interrupts it, and what they become.
//
// A system call that sleeps and is woken by a signal cannot know yet whether the
// signal will run a handler, so it returns one of Linux's internal codes (numbers above
// every real errno, never seen by user space); the return-to-user path decides once
// the signal is dealt with (signal_deliver.cc):
//   kRestartSys     restart if no handler runs, or if the handler has SA_RESTART;
//                   otherwise EINTR (read, wait4, futex without timeout...)
//   kRestartNoIntr  always restart (nothing may return EINTR)
//   kRestartNoHand  restart if no handler runs, else EINTR (nanosleep, pause...)
#pragma once

#include "lib/errno.hh"

namespace proc {

inline constexpr ktl::Errno kRestartSys = static_cast<ktl::Errno>(512);
inline constexpr ktl::Errno kRestartNoIntr = static_cast<ktl::Errno>(513);
inline constexpr ktl::Errno kRestartNoHand = static_cast<ktl::Errno>(514);

constexpr bool is_restart_code(long e) { return e >= 512 && e <= 514; }

}  // namespace proc
