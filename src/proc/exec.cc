// proc/exec.cc - execve: copying the arguments in, and replacing the program.
//
// The path, argv and envp live in the memory that is about to be replaced, so they are
// copied into one kernel buffer first (at most kArgMax bytes, like Linux's ARG_MAX
// budget, E2BIG beyond). build_program() then makes the new image; only when that has
// worked does the process change: new address space, close-on-exec descriptors closed,
// caught signals reset to their default (ignored ones stay ignored), a fresh FPU state
// and thread pointer, and the registers set to enter the new program. A vfork parent
// waiting for this child is released.
#include <new>

#include "kernel/panic.hh"
#include "lib/string.hh"
#include "mm/address_space.hh"
#include "mm/mm.hh"
#include "proc/cpu.hh"
#include "proc/current.hh"
#include "fs/fd_table.hh"
#include "proc/lifecycle.hh"
#include "proc/process.hh"
#include "proc/program.hh"
#include "proc/sched.hh"
#include "proc/wait_queue.hh"
#include "syscalls/uaccess.hh"
#include "uapi/fcntl.hh"

namespace proc {
namespace {

constexpr size_t kArgMax = 128 * 1024;
constexpr size_t kMaxStrings = 4096;

// The copied strings: back to back in `text`, pointed to by `ptrs` (argv then envp).
struct ExecArgs {
  char* text = nullptr;
  const char** ptrs = nullptr;
  size_t used = 0, count = 0, argc = 0, envc = 0;

  ~ExecArgs() {
    mm::kfree(text);
    mm::kfree(ptrs);
  }
  ktl::Result<void> alloc() {
    text = static_cast<char*>(TRY(mm::kmalloc(kArgMax)));
    ptrs = static_cast<const char**>(TRY(mm::kmalloc(kMaxStrings * sizeof(char*))));
    return {};
  }
  // Copies a NULL-terminated user array of strings (NULL itself: empty). Errors: Fault,
  // TooBig.
  ktl::Result<size_t> copy_array(uint64_t array) {
    size_t n = 0;
    for (; array; ++n) {
      uint64_t str = TRY(uaccess::UserPtr<uint64_t>(array).at(n).read());
      if (!str) break;
      if (count == kMaxStrings) return ktl::Errno::TooBig;
      auto len = uaccess::strncpy_from_user(text + used, str, kArgMax - used);
      if (len.is_error())
        return len.error() == ktl::Errno::NameTooLong ? ktl::Errno::TooBig : len.error();
      ptrs[count++] = text + used;
      used += len.value() + 1;
    }
    return n;
  }
};

// Caught signals go back to SIG_DFL; the table is unshared first if clone shared it.
[[maybe_unused]] ktl::Result<void> reset_signal_actions(Process* p) {
  SignalActions* actions = p->actions;
  if (actions->refs.load() > 1) {
    auto* own = new (std::nothrow) SignalActions;
    if (!own) return ktl::Errno::NoMem;
    {
      ktl::SpinGuard guard(actions->lock);
      for (int i = 0; i < uapi::kNumSignals; ++i) own->action[i] = actions->action[i];
    }
    p->actions = own;
    actions->put();
    actions = own;
  }
  ktl::SpinGuard guard(actions->lock);
  for (auto& a : actions->action) {
    if (a.handler != uapi::kSigIgn) a.handler = uapi::kSigDfl;
    a.flags = 0;
    a.restorer = 0;
    a.mask = 0;
  }
  return {};
}

[[maybe_unused]] // Makes every other thread of p exit (they see exec_survivor on their way back to user
// mode) and waits until they have. Errors: Again (an exit or another exec is under way).
[[maybe_unused]] ktl::Result<void> become_single_threaded(Process* p, Thread* self) {
  {
    ktl::SpinGuard guard(p->lock);
    if (p->live_threads == 1) return {};
    if (p->group_exiting || p->exec_survivor) return ktl::Errno::Again;
    p->exec_survivor = self;
    p->threads.for_each([&](Thread* t) {
      if (t != self) wake_interruptible(t);
    });
  }
  (void)wait_event(p->thread_exits, self, [&] {
    ktl::SpinGuard guard(p->lock);
    return p->live_threads == 1;
  }, 0, false);
  ktl::SpinGuard guard(p->lock);
  p->exec_survivor = nullptr;
  return {};
}

[[maybe_unused]] void set_name(Process* p, const char* path) {
  const char* base = path;
  for (const char* s = path; *s; ++s)
    if (*s == '/' && s[1]) base = s + 1;
  ktl::str_copy(p->name, base, sizeof p->name);
}

}  // namespace

// LAB 4 syscalls: BEGIN
ktl::Result<void> do_execve(uint64_t upath, uint64_t argv, uint64_t envp, arch::TrapFrame& frame) {
  Thread* self = current_thread();
  Process* p = self->process;
  ExecArgs args;
  TRY(args.alloc());
  char* path = args.text;
  args.used = TRY(uaccess::strncpy_from_user(path, upath, uapi::kPathMax)) + 1;
  args.argc = TRY(args.copy_array(argv));
  args.envc = TRY(args.copy_array(envp));
  ProgramArgs pa{path, args.ptrs, args.argc, args.ptrs + args.argc, args.envc};
  Program prog = TRY(build_program(pa, *p));
  if (auto r = become_single_threaded(p, self); r.is_error()) {
    prog.as->put();
    return r.error();
  }
  if (auto r = reset_signal_actions(p); r.is_error()) {
    prog.as->put();
    return r.error();
  }
  // The point of no return.
  mm::AddressSpace* old = p->as;
  p->as = prog.as;
  prog.as->activate();
  this_cpu()->active_as = prog.as;
  old->put();
  p->files->close_on_exec();
  set_name(p, path);
  ktl::str_copy(self->name, p->name, sizeof self->name);
  {
    ktl::SpinGuard guard(p->lock);
    p->execed = true;
    if (p->vfork_pending) {
      p->vfork_pending = false;
      p->vfork_done.wake_all();
    }
  }
  self->altstack = {0, uapi::kSsDisable, 0, 0};
  self->clear_child_tid = 0;
  arch::Context::fpu_init(&self->fpu);
  arch::Context::fpu_restore(&self->fpu);
  self->user_tls = 0;
  arch::Context::set_user_tls(0);
  arch::SyscallAbi::init_user(frame, prog.entry, prog.sp);
  return {};
}
// LAB 4: STUB
// ktl::Result<void> do_execve(uint64_t, uint64_t, uint64_t, arch::TrapFrame&) {
//   return ktl::Errno::NoSys;
// }
// LAB 4: END

}  // namespace proc
