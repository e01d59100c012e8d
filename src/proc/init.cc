// proc/init.cc - the first process.
//
// `init=<path> [args...]` on the kernel command line names the first program and its
// arguments (a bare `init` means /sbin/init); without it the kernel monitor keeps the
// console, until the shell exists (the files issue) and /sbin/init becomes the default.
// The program comes from the root file system (the initrd unpacked into ramfs), runs as
// pid 1 in its own session and process group with its cwd and root at "/" and fds 0-2
// on /dev/console (opened as a session leader, so the console becomes its terminal), and gets a small environment; when the command line
// carries `nonce=<token>`, SEAOS_NONCE=<token> is in it too, for graders. Then the boot
// thread becomes CPU 0's idle thread and never returns.
#include "proc/lifecycle.hh"

#include <arch/layout.hh>
#include <new>

#include "fs/boot.hh"
#include "fs/syscalls.hh"
#include "kernel/cmdline.hh"
#include "lib/format.hh"
#include "lib/printk.hh"
#include "lib/string.hh"
#include "mm/address_space.hh"
#include "fs/fd_table.hh"
#include "proc/process.hh"
#include "proc/program.hh"
#include "proc/sched.hh"
#include "uapi/resource.hh"

namespace proc {
namespace {

constexpr const char* kDefaultInit = "/sbin/init";
constexpr size_t kMaxInitArgs = 32;

void default_limits(uapi::Rlimit* limits) {
  for (int i = 0; i < uapi::kRlimitCount; ++i) limits[i] = {uapi::kRlimInfinity, uapi::kRlimInfinity};
  limits[uapi::kRlimitStack] = {8u << 20, uapi::kRlimInfinity};
  limits[uapi::kRlimitNofile] = {1024, fs::FdTable::kMaxFds};
  limits[uapi::kRlimitNproc] = {4096, 4096};
  limits[uapi::kRlimitCore] = {0, uapi::kRlimInfinity};
}

// Splits `line` in place into words; returns how many.
size_t split(char* line, char** words, size_t max) {
  size_t n = 0;
  for (char* p = line; *p && n < max;) {
    while (*p == ' ') *p++ = '\0';
    if (!*p) break;
    words[n++] = p;
    while (*p && *p != ' ') ++p;
  }
  return n;
}

// fd 0 is /dev/console, read-write; 1 and 2 are duplicates of it.
ktl::Result<void> open_console(Process* p) {
  fs::Caller c = fs::kernel_caller();
  c.pid = p->pid;
  c.pgid = p->pgid;
  c.sid = p->sid;
  c.files = p->files;
  c.fs = p->fs_context;
  c.nofile_limit = p->limits[uapi::kRlimitNofile].cur;
  TRY(fs::do_openat(c, uapi::kAtFdCwd, "/dev/console", uapi::kORdWr, 0));
  TRY(fs::do_dup2(c, 0, 1));
  TRY(fs::do_dup2(c, 0, 2));
  return {};
}

ktl::Result<Process*> make_init(const boot::Info& info, char** argv, size_t argc) {
  static char nonce_env[96];
  const char* envp[4] = {"HOME=/", "TERM=linux", "PATH=/bin:/sbin:/usr/bin:/usr/sbin"};
  size_t envc = 3;
  char nonce[64];
  if (cmdline::get(info.cmdline, "nonce", nonce, sizeof nonce)) {
    ktl::snprint(nonce_env, sizeof nonce_env, "SEAOS_NONCE=%s", nonce);
    envp[envc++] = nonce_env;
  }
  Process* p = new (std::nothrow) Process;
  if (!p) return ktl::Errno::NoMem;
  p->pid = p->pgid = p->sid = 1;
  default_limits(p->limits);
  p->files = TRY(fs::FdTable::create());
  p->fs_context = TRY(fs::fs_context_new(fs::vfs_root()));
  TRY(open_console(p));
  p->actions = new (std::nothrow) SignalActions;
  if (!p->actions) return ktl::Errno::NoMem;
  ProgramArgs args{argv[0], argv, argc, envp, envc};
  Program prog = TRY(build_program(args, *p));
  p->as = prog.as;
  const char* base = argv[0];
  for (const char* s = argv[0]; *s; ++s)
    if (*s == '/' && s[1]) base = s + 1;
  ktl::str_copy(p->name, base, sizeof p->name);
  arch::TrapFrame frame{};
  arch::SyscallAbi::init_user(frame, prog.entry, prog.sp);
  Thread* t = TRY(thread_create_user(p, frame, 1));
  p->threads.push_back(t);
  p->live_threads = 1;
  {
    ktl::SpinGuard tree(tree_lock);
    register_process_locked(p);
  }
  set_init_process(p);
  sched_add(t);
  return p;
}

}  // namespace

void start_init(const boot::Info& info) {
  static char line[boot::kMaxCmdline];
  if (!cmdline::get(info.cmdline, "init", line, sizeof line)) return;
  if (!fs::vfs_root()) {
    log_error("init: no root file system to start %s from\n", line[0] ? line : kDefaultInit);
    return;
  }
  char* argv[kMaxInitArgs + 1] = {};
  size_t argc = split(line, argv, kMaxInitArgs);
  if (argc == 0) argv[argc++] = const_cast<char*>(kDefaultInit);
  sched_init_boot_cpu();
  auto init = make_init(info, argv, argc);
  if (init.is_error()) {
    log_error("init: cannot start %s: %s\n", argv[0], ktl::errno_name(init.error()));
    return;
  }
  printk("init: starting %s (pid 1)\n", argv[0]);
  sched_run_idle();
}

}  // namespace proc
