// syscalls/syscall.hh - what a system call handler receives and returns.
//
// Every handler has the same shape, `Result<long> sys_NAME(Args&)`: it reads its
// arguments from args.a[] (the six argument registers of the ABI, already extracted by
// the dispatcher through arch::SyscallAbi), and returns a value or an Errno. Only the
// dispatcher (dispatch.cc) turns an Errno into -errno for user space. Handlers that
// replace the user registers wholesale (execve, rt_sigreturn) set frame_replaced so the
// dispatcher leaves the return register alone.
#pragma once

#include <contract/context.hh>
#include <stdint.h>

#include "lib/result.hh"

namespace syscalls {

using ktl::Errno;
using ktl::Result;

struct Args {
  uint64_t a[6];
  arch::TrapFrame& frame;       // the caller's saved user registers
  bool frame_replaced = false;  // set by execve/rt_sigreturn: keep the frame as it is

  int32_t i32(unsigned i) const { return static_cast<int32_t>(a[i]); }
  uint32_t u32(unsigned i) const { return static_cast<uint32_t>(a[i]); }
};

#define SYSCALL(name, x86, generic) Result<long> sys_##name(Args& args);
#include "syscalls/syscalls.def"
#undef SYSCALL

}  // namespace syscalls
