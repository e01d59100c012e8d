// fs/hooks.cc - the default process hooks and WaitChannel.
//
// The defaults stand in for a kernel with no process layer yet (and for tests that do
// not care): there is nobody else to wait for, so a wait that is not already satisfied
// fails with EAGAIN instead of hanging the only thread forever.
#include "fs/hooks.hh"

namespace fs {
namespace {

int fake_queue;  // queue_new must return something non-null

void* default_queue_new(const char*) { return &fake_queue; }
void default_queue_delete(void*) {}
Result<void> default_wait(void*, bool (*ready)(void*), void* ctx, uint64_t) {
  if (ready(ctx)) return {};
  return Errno::Again;
}
void default_wake_all(void*) {}
void default_signal_current(int) {}
void default_signal_group(int, int) {}
Result<void> default_check_group(int, int) { return {}; }
bool default_ignored(int) { return false; }
uint64_t default_monotonic() { return 0; }
uapi::Timespec default_realtime() { return {0, 0}; }

constexpr ProcessHooks kDefaultHooks = {
    default_queue_new,      default_queue_delete, default_wait,        default_wake_all,
    default_signal_current, default_signal_group, default_check_group, default_ignored,
    default_monotonic,      default_realtime,     Errno::Intr,
};

const ProcessHooks* installed = &kDefaultHooks;  // written once at boot (or by a test)

}  // namespace

const ProcessHooks& hooks() { return *installed; }

const ProcessHooks* install_hooks(const ProcessHooks* h) {
  const ProcessHooks* old = installed;
  installed = h ? h : &kDefaultHooks;
  return old;
}

WaitChannel::~WaitChannel() {
  if (queue_) hooks().queue_delete(queue_);
}

Result<void> WaitChannel::init(const char* name) {
  if (queue_) return {};
  queue_ = hooks().queue_new(name);
  if (!queue_) return Errno::NoMem;
  return {};
}

Result<void> WaitChannel::wait(bool (*ready)(void*), void* ctx, uint64_t deadline_ns) {
  if (!queue_) return ready(ctx) ? Result<void>() : Result<void>(Errno::Again);
  return hooks().wait(queue_, ready, ctx, deadline_ns);
}

void WaitChannel::wake_all() {
  if (queue_) hooks().wake_all(queue_);
  poll_notify(this);
}

}  // namespace fs
