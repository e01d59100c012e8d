// syscalls/dispatch.cc - kernel_entry::syscall: from a trap frame to a handler and back.
//
// The arch's syscall entry saves the user registers and calls here with interrupts on.
// The number selects a handler through the table of this architecture's column
// (arch::kSyscallTable); the six arguments come out of the frame through
// arch::SyscallAbi. This is the one place where a Result becomes what Linux returns:
// the value, or -errno. A restart code (proc/restart.hh) is also noted for the
// return-to-user path, which settles it once signals are dealt with. Unknown numbers
// get ENOSYS, and each distinct number is logged once.
#include <arch/context.hh>
#include <arch/user_abi.hh>

#include "lib/atomic.hh"
#include "lib/printk.hh"
#include "proc/current.hh"
#include "proc/restart.hh"
#include "proc/thread.hh"
#include "syscalls/syscall.hh"
#include "syscalls/table.hh"

namespace syscalls {
namespace {

using Handler = Result<long> (*)(Args&);

[[maybe_unused]] constexpr Handler kHandlers[kSysCount] = {
#define SYSCALL(name, x86, generic) sys_##name,
#include "syscalls/syscalls.def"
#undef SYSCALL
};

[[maybe_unused]] constexpr Numbering<arch::kSyscallTable> kNumbering;

constexpr uint64_t kLoggedLimit = 1024;
ktl::Atomic<uint64_t> logged[kLoggedLimit / 64];  // bit n: number n already reported

[[maybe_unused]] Result<long> unknown(uint64_t number) {
  bool first = number >= kLoggedLimit;  // beyond the bitmap: always report
  if (!first) {
    ktl::Atomic<uint64_t>& word = logged[number / 64];
    uint64_t bit = uint64_t{1} << (number % 64);
    uint64_t old = word.load();
    while (!(old & bit) && !first) first = word.compare_exchange(old, old | bit);
  }
  proc::Thread* t = proc::current_thread();
  if (first)
    log_warn("syscall %lu has no handler in SeaOS (%s, tid %d): ENOSYS\n",
             static_cast<unsigned long>(number), t ? t->name : "?", t ? t->tid : 0);
  return Errno::NoSys;
}

}  // namespace
}  // namespace syscalls

// LAB 4 syscalls: BEGIN
void kernel_entry::syscall(arch::TrapFrame& frame) {
  using namespace syscalls;
  using Abi = arch::SyscallAbi;
  uint64_t number = Abi::number(frame);
  Args args{{Abi::arg(frame, 0), Abi::arg(frame, 1), Abi::arg(frame, 2), Abi::arg(frame, 3),
             Abi::arg(frame, 4), Abi::arg(frame, 5)},
            frame};
  int index = kNumbering.lookup(number);
  Result<long> result = index < 0 ? unknown(number) : kHandlers[index](args);
  if (args.frame_replaced) return;
  long value = result.is_ok() ? result.value() : -static_cast<long>(result.error());
  if (result.is_error() && proc::is_restart_code(-value)) proc::current_thread()->restart = -value;
  Abi::set_result(frame, static_cast<uint64_t>(value));
}
// LAB 4: STUB
// void kernel_entry::syscall(arch::TrapFrame& frame) {
//   arch::SyscallAbi::set_result(frame, static_cast<uint64_t>(-38));  // ENOSYS
// }
// LAB 4: END
