// uapi/signal.hh - signals as Linux user space sees them (x86_64 and arm64 agree).
//
// Signal numbers, sigaction flags, the kernel's `struct sigaction` (what rt_sigaction
// copies, not libc's), stack_t and siginfo_t are the same on both architectures: arm64
// uses the generic definitions and x86_64's happen to match them. Only the frame pushed
// on the user stack differs (contract/signal.hh). Signal sets are 64 bits: bit n-1 is
// signal n. User programs (C++) may include this header; it uses no kernel types.
#pragma once

#include <stdint.h>

namespace uapi {

inline constexpr int kSigHup = 1, kSigInt = 2, kSigQuit = 3, kSigIll = 4, kSigTrap = 5,
                     kSigAbrt = 6, kSigBus = 7, kSigFpe = 8, kSigKill = 9, kSigUsr1 = 10,
                     kSigSegv = 11, kSigUsr2 = 12, kSigPipe = 13, kSigAlrm = 14, kSigTerm = 15,
                     kSigStkFlt = 16, kSigChld = 17, kSigCont = 18, kSigStop = 19,
                     kSigTstp = 20, kSigTtin = 21, kSigTtou = 22, kSigUrg = 23, kSigXcpu = 24,
                     kSigXfsz = 25, kSigVtalrm = 26, kSigProf = 27, kSigWinch = 28, kSigIo = 29,
                     kSigPwr = 30, kSigSys = 31;
inline constexpr int kSigRtMin = 32;
inline constexpr int kNumSignals = 64;  // valid signals are 1..64

using SigSet = uint64_t;
constexpr SigSet sig_bit(int sig) { return SigSet{1} << (sig - 1); }

// sa_flags
inline constexpr uint64_t kSaNoCldStop = 0x1, kSaNoCldWait = 0x2, kSaSigInfo = 0x4,
                          kSaRestorer = 0x04000000, kSaOnStack = 0x08000000,
                          kSaRestart = 0x10000000, kSaNoDefer = 0x40000000,
                          kSaResetHand = 0x80000000;
// sa_handler values
inline constexpr uint64_t kSigDfl = 0, kSigIgn = 1;
// rt_sigprocmask `how`
inline constexpr int kSigBlock = 0, kSigUnblock = 1, kSigSetMask = 2;

// The kernel's struct sigaction (rt_sigaction's argument), 32 bytes on both archs.
struct KernelSigaction {
  uint64_t handler;
  uint64_t flags;
  uint64_t restorer;
  SigSet mask;
};
static_assert(sizeof(KernelSigaction) == 32);

// stack_t (sigaltstack)
struct StackT {
  uint64_t sp;
  int32_t flags;
  int32_t pad;
  uint64_t size;
};
static_assert(sizeof(StackT) == 24);
inline constexpr int kSsOnStack = 1, kSsDisable = 2;

// si_code values
inline constexpr int kSiUser = 0, kSiKernel = 0x80, kSiQueue = -1, kSiTkill = -6;
inline constexpr int kSegvMapErr = 1, kSegvAccErr = 2;
inline constexpr int kBusAdrAln = 1, kBusAdrErr = 2;
inline constexpr int kIllIllOpc = 1, kIllPrvOpc = 5;
inline constexpr int kFpeIntDiv = 1;
inline constexpr int kTrapBrkpt = 1;
inline constexpr int kCldExited = 1, kCldKilled = 2, kCldDumped = 3, kCldTrapped = 4,
                     kCldStopped = 5, kCldContinued = 6;

// siginfo_t: 128 bytes; the union starts at offset 16 on 64-bit Linux.
struct SigInfo {
  int32_t signo;
  int32_t err;  // si_errno
  int32_t code;
  int32_t pad0;
  union {
    struct {
      int32_t pid;
      uint32_t uid;
      int32_t status;  // SIGCHLD: exit code or signal; kill/rt: sigval's low half
      int32_t pad;
      int64_t utime, stime;
    } proc;            // SI_USER, SI_TKILL, SIGCHLD
    uint64_t addr;     // SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP: si_addr
    uint8_t bytes[112];
  };
};
static_assert(sizeof(SigInfo) == 128);

}  // namespace uapi
