// uapi/wait.hh - wait4/waitid options and the wait status word.
//
// The status word that wait4 stores is how a parent learns how its child ended; musl's
// WIFEXITED/WEXITSTATUS/WIFSIGNALED/WTERMSIG macros decode exactly these encodings:
//   exited with code c          (c & 0xff) << 8
//   killed by signal s          s, | 0x80 when a core dump would have been written
//   stopped by signal s         (s << 8) | 0x7f
//   continued                   0xffff
#pragma once

#include <stdint.h>

namespace uapi {

inline constexpr int kWNoHang = 1, kWUntraced = 2, kWStopped = 2, kWExited = 4,
                     kWContinued = 8, kWNoWait = 0x01000000;
inline constexpr int kWNoThread = 0x20000000, kWAll = 0x40000000, kWClone = int(0x80000000u);
// waitid idtype
inline constexpr int kPAll = 0, kPPid = 1, kPPgid = 2, kPPidfd = 3;

constexpr int wait_status_exited(int code) { return (code & 0xff) << 8; }
constexpr int wait_status_signaled(int sig, bool core) { return (sig & 0x7f) | (core ? 0x80 : 0); }
constexpr int wait_status_stopped(int sig) { return ((sig & 0xff) << 8) | 0x7f; }
inline constexpr int kWaitStatusContinued = 0xffff;

}  // namespace uapi
