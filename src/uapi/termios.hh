// uapi/termios.hh - the terminal interface: struct termios, winsize, tty ioctls.
//
// The kernel's `struct termios` (what TCGETS/TCSETS copy) is 36 bytes with 19 control
// characters on both x86_64 and arm64. musl's user-level termios is larger (32 control
// characters and two speed words) and passes its own struct to the ioctl: the kernel
// reads and writes only the first 36 bytes, as Linux does. The ioctl numbers are the
// asm-generic ones, which both architectures use.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "uapi/misc.hh"  // kTcgets, kTiocgwinsz

namespace uapi {

inline constexpr int kNccs = 19;

struct Termios {
  uint32_t iflag;
  uint32_t oflag;
  uint32_t cflag;
  uint32_t lflag;
  uint8_t line;
  uint8_t cc[kNccs];
};
static_assert(sizeof(Termios) == 36 && offsetof(Termios, cc) == 17);

struct Winsize {
  uint16_t rows, cols, xpixel, ypixel;
};
static_assert(sizeof(Winsize) == 8);

// c_cc indices
inline constexpr int kVIntr = 0, kVQuit = 1, kVErase = 2, kVKill = 3, kVEof = 4, kVTime = 5,
                     kVMin = 6, kVSwtc = 7, kVStart = 8, kVStop = 9, kVSusp = 10, kVEol = 11,
                     kVReprint = 12, kVDiscard = 13, kVWerase = 14, kVLnext = 15, kVEol2 = 16;

// c_iflag
inline constexpr uint32_t kIgnBrk = 01, kBrkInt = 02, kInlCr = 0100, kIgnCr = 0200, kICrNl = 0400,
                          kIxOn = 02000, kIxAny = 04000, kIxOff = 010000, kIMaxBel = 020000,
                          kIUtf8 = 040000;
// c_oflag
inline constexpr uint32_t kOPost = 01, kONlCr = 04;
// c_cflag
inline constexpr uint32_t kB38400 = 017, kCs8 = 060, kCRead = 0200, kHupCl = 02000;
// c_lflag
inline constexpr uint32_t kISig = 01, kICanon = 02, kEcho = 010, kEchoE = 020, kEchoK = 040,
                          kEchoNl = 0100, kNoFlsh = 0200, kToStop = 0400, kEchoCtl = 01000,
                          kEchoKe = 04000, kIExten = 0100000;

// ioctl requests (kTcgets = 0x5401 and kTiocgwinsz = 0x5413 are in uapi/misc.hh)
inline constexpr unsigned long kTcsets = 0x5402, kTcsetsw = 0x5403, kTcsetsf = 0x5404,
                               kTcflsh = 0x540b, kTiocsctty = 0x540e, kTiocgpgrp = 0x540f,
                               kTiocspgrp = 0x5410, kTiocswinsz = 0x5414, kFionread = 0x541b,
                               kTiocnotty = 0x5422, kFionbio = 0x5421, kTiocgsid = 0x5429;
// tcflush queue selectors
inline constexpr int kTciFlush = 0, kTcoFlush = 1, kTcioFlush = 2;

}  // namespace uapi
