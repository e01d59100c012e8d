// uapi/misc.hh - small ABI constants: reboot, arch_prctl, ioctl, fcntl, getrandom, iovec.
#pragma once

#include <stdint.h>

namespace uapi {

// reboot(2)
inline constexpr uint32_t kRebootMagic1 = 0xfee1dead;
inline constexpr uint32_t kRebootMagic2 = 672274793, kRebootMagic2A = 85072278,
                          kRebootMagic2B = 369367448, kRebootMagic2C = 537993216;
inline constexpr uint32_t kRebootCmdRestart = 0x01234567, kRebootCmdHalt = 0xcdef0123,
                          kRebootCmdPowerOff = 0x4321fedc, kRebootCmdCadOn = 0x89abcdef,
                          kRebootCmdCadOff = 0;

// arch_prctl(2), x86_64 only
inline constexpr int kArchSetGs = 0x1001, kArchSetFs = 0x1002, kArchGetFs = 0x1003,
                     kArchGetGs = 0x1004;

// ioctl(2) on terminals (same numbers on both archs)
inline constexpr unsigned long kTcgets = 0x5401, kTiocgwinsz = 0x5413;

// fcntl(2)
inline constexpr int kFDupFd = 0, kFGetFd = 1, kFSetFd = 2, kFGetFl = 3, kFSetFl = 4,
                     kFDupFdCloexec = 1030;
inline constexpr int kFdCloexec = 1;
inline constexpr int kORdOnly = 0, kOWrOnly = 1, kORdWr = 2, kOCloexec = 0x80000;

// getrandom(2)
inline constexpr unsigned kGrndNonblock = 1, kGrndRandom = 2, kGrndInsecure = 4;

// readv/writev
struct Iovec {
  uint64_t base;
  uint64_t len;
};
inline constexpr int kIovMax = 1024;

}  // namespace uapi
