// fs/kernel_hooks.cc - fs's sleeping, signals and clocks over src/proc (kernel only).
//
// A WaitChannel's queue is a proc::WaitQueue; wait() is proc::wait_event on the current
// thread, and an interruption by a signal becomes kRestartSys, so the signal code restarts
// the call or returns EINTR as SA_RESTART says. Signals from a terminal or a broken pipe
// are sent under tree_lock like kill(2)'s; the wall clock is the boot-time RTC reading
// plus the monotonic clock.
#include "fs/kernel_hooks.hh"

#include <arch/context.hh>
#include <new>

#include "fs/hooks.hh"
#include "proc/current.hh"
#include "proc/process.hh"
#include "proc/restart.hh"
#include "proc/signal.hh"
#include "proc/thread.hh"
#include "proc/wait_queue.hh"

namespace fs {
namespace {

void* queue_new(const char* name) { return new (std::nothrow) proc::WaitQueue(name); }
void queue_delete(void* q) { delete static_cast<proc::WaitQueue*>(q); }

Result<void> wait(void* q, bool (*ready)(void*), void* ctx, uint64_t deadline_ns) {
  auto r = proc::wait_event(
      *static_cast<proc::WaitQueue*>(q), proc::current_thread(), [&] { return ready(ctx); },
      deadline_ns);
  if (r.is_error() && r.error() == Errno::Intr) return proc::kRestartSys;
  return r;
}

void wake_all(void* q) { static_cast<proc::WaitQueue*>(q)->wake_all(); }

proc::SigRecord kernel_record() {
  proc::SigRecord info;
  info.code = uapi::kSiKernel;
  return info;
}

void signal_current(int sig) {
  ktl::SpinGuard tree(proc::tree_lock);
  proc::send_to_thread_locked(proc::current_thread(), sig, kernel_record());
}

void signal_group(int pgid, int sig) {
  ktl::SpinGuard tree(proc::tree_lock);
  proc::for_each_process_locked([&](proc::Process* p) {
    if (p->state == proc::ProcessState::Alive && p->pgid == pgid)
      proc::send_to_process_locked(p, sig, kernel_record());
  });
}

Result<void> check_group_in_session(int pgid, int sid) {
  bool found = false, same_session = false;
  ktl::SpinGuard tree(proc::tree_lock);
  proc::for_each_process_locked([&](proc::Process* p) {
    if (p->state != proc::ProcessState::Alive || p->pgid != pgid) return;
    found = true;
    same_session = same_session || p->sid == sid;
  });
  if (!found) return Errno::Srch;
  if (!same_session) return Errno::Perm;
  return {};
}

bool signal_ignored_or_blocked(int sig) {
  proc::Thread* t = proc::current_thread();
  if (t->blocked & uapi::sig_bit(sig)) return true;
  return proc::action_of(t->process, sig).handler == uapi::kSigIgn;
}

uint64_t monotonic_ns() { return arch::Timer::now_ns(); }

uapi::Timespec realtime() {
  uint64_t ns = arch::Timer::boot_realtime_ns() + arch::Timer::now_ns();
  return {static_cast<int64_t>(ns / 1'000'000'000), static_cast<int64_t>(ns % 1'000'000'000)};
}

constexpr ProcessHooks kKernelHooks = {
    queue_new,
    queue_delete,
    wait,
    wake_all,
    signal_current,
    signal_group,
    check_group_in_session,
    signal_ignored_or_blocked,
    monotonic_ns,
    realtime,
    proc::kRestartSys,
};

}  // namespace

void install_kernel_hooks() { install_hooks(&kKernelHooks); }

}  // namespace fs
