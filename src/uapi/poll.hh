// uapi/poll.hh - poll(2) and select(2) as user space sees them (same on both archs).
#pragma once

#include <stdint.h>

namespace uapi {

struct PollFd {
  int32_t fd;
  int16_t events;
  int16_t revents;
};
static_assert(sizeof(PollFd) == 8);

inline constexpr int16_t kPollIn = 0x1, kPollPri = 0x2, kPollOut = 0x4, kPollErr = 0x8,
                         kPollHup = 0x10, kPollNval = 0x20, kPollRdNorm = 0x40, kPollRdBand = 0x80,
                         kPollWrNorm = 0x100, kPollWrBand = 0x200, kPollRdHup = 0x2000;

// select's fd_set: 1024 bits as an array of 64-bit words.
inline constexpr int kFdSetSize = 1024;
struct FdSet {
  uint64_t bits[kFdSetSize / 64];
};

}  // namespace uapi
