// syscalls/sys_info.cc - who am I and what is this machine: uname, the uid/gid calls,
// umask, resource limits, getrandom, reboot and (x86_64 only) arch_prctl.
#include <arch/context.hh>
#include <arch/power.hh>
#include <arch/user_abi.hh>

#include "lib/printk.hh"
#include "lib/string.hh"
#include "proc/current.hh"
#include "proc/entropy.hh"
#include "proc/process.hh"
#include "syscalls/syscall.hh"
#include "syscalls/uaccess.hh"
#include "uapi/misc.hh"
#include "uapi/resource.hh"
#include "uapi/utsname.hh"

namespace syscalls {
namespace {

using proc::Credentials;
using proc::Process;

Credentials& creds() { return proc::current_process()->creds; }

// The Linux version programs see: SeaOS implements that ABI (glibc checks the number).
constexpr const char* kRelease = "6.1.0-seaos";

Result<long> limits(int pid, int resource, uint64_t new_addr, uint64_t old_addr) {
  if (resource < 0 || resource >= uapi::kRlimitCount) return Errno::Inval;
  Process* self = proc::current_process();
  if (pid != 0 && pid != self->pid) return Errno::Perm;  // other processes: not yet
  uapi::Rlimit& limit = self->limits[resource];
  uapi::Rlimit wanted{};
  if (new_addr) {
    wanted = TRY(uaccess::UserPtr<uapi::Rlimit>(new_addr).read());
    if (wanted.cur > wanted.max) return Errno::Inval;
    if (wanted.max > limit.max && self->creds.euid != 0) return Errno::Perm;
  }
  if (old_addr) TRY(uaccess::UserPtr<uapi::Rlimit>(old_addr).write(limit));
  if (new_addr) limit = wanted;
  return 0;
}

}  // namespace

Result<long> sys_uname(Args& a) {
  uapi::Utsname u{};
  ktl::str_copy(u.sysname, "SeaOS", sizeof u.sysname);
  ktl::str_copy(u.nodename, "seaos", sizeof u.nodename);
  ktl::str_copy(u.release, kRelease, sizeof u.release);
  ktl::str_copy(u.version, "#1 SeaOS 0.1", sizeof u.version);
  ktl::str_copy(u.machine, arch::kPlatform, sizeof u.machine);
  ktl::str_copy(u.domainname, "(none)", sizeof u.domainname);
  TRY(uaccess::UserPtr<uapi::Utsname>(a.a[0]).write(u));
  return 0;
}

Result<long> sys_getuid(Args&) { return creds().uid; }
Result<long> sys_geteuid(Args&) { return creds().euid; }
Result<long> sys_getgid(Args&) { return creds().gid; }
Result<long> sys_getegid(Args&) { return creds().egid; }

Result<long> sys_getresuid(Args& a) {
  Credentials c = creds();
  TRY(uaccess::UserPtr<uint32_t>(a.a[0]).write(c.uid));
  TRY(uaccess::UserPtr<uint32_t>(a.a[1]).write(c.euid));
  TRY(uaccess::UserPtr<uint32_t>(a.a[2]).write(c.suid));
  return 0;
}

// No supplementary groups: the list is always empty. Errors: Inval (negative size).
Result<long> sys_getgroups(Args& a) {
  if (a.i32(0) < 0) return Errno::Inval;
  return 0;
}

Result<long> sys_getresgid(Args& a) {
  Credentials c = creds();
  TRY(uaccess::UserPtr<uint32_t>(a.a[0]).write(c.gid));
  TRY(uaccess::UserPtr<uint32_t>(a.a[1]).write(c.egid));
  TRY(uaccess::UserPtr<uint32_t>(a.a[2]).write(c.sgid));
  return 0;
}

// setuid/setgid: root sets all three ids; others may only switch the effective id
// between their real and saved ones.
Result<long> sys_setuid(Args& a) {
  uint32_t id = a.u32(0);
  if (id == ~0u) return Errno::Inval;
  Credentials& c = creds();
  if (c.euid == 0)
    c.uid = c.euid = c.suid = id;
  else if (id == c.uid || id == c.suid)
    c.euid = id;
  else
    return Errno::Perm;
  return 0;
}

Result<long> sys_setgid(Args& a) {
  uint32_t id = a.u32(0);
  if (id == ~0u) return Errno::Inval;
  Credentials& c = creds();
  if (c.euid == 0)
    c.gid = c.egid = c.sgid = id;
  else if (id == c.gid || id == c.sgid)
    c.egid = id;
  else
    return Errno::Perm;
  return 0;
}

Result<long> sys_umask(Args& a) {
  Process* p = proc::current_process();
  uint32_t old = p->umask;
  p->umask = a.u32(0) & 0777;
  return old;
}

Result<long> sys_getrlimit(Args& a) { return limits(0, a.i32(0), 0, a.a[1]); }
Result<long> sys_setrlimit(Args& a) { return limits(0, a.i32(0), a.a[1], 0); }
Result<long> sys_prlimit64(Args& a) { return limits(a.i32(0), a.i32(1), a.a[2], a.a[3]); }

Result<long> sys_getrandom(Args& a) {
  if (a.u32(2) & ~(uapi::kGrndNonblock | uapi::kGrndRandom | uapi::kGrndInsecure))
    return Errno::Inval;
  size_t n = a.a[1] < (32u << 20) ? a.a[1] : (32u << 20);
  uint8_t chunk[256];
  for (size_t done = 0; done < n;) {
    size_t len = n - done < sizeof chunk ? n - done : sizeof chunk;
    proc::random_fill(chunk, len);
    TRY(uaccess::copy_to_user(a.a[0] + done, chunk, len));
    done += len;
  }
  return static_cast<long>(n);
}

Result<long> sys_reboot(Args& a) {
  if (creds().euid != 0) return Errno::Perm;
  uint32_t magic2 = a.u32(1);
  if (a.u32(0) != uapi::kRebootMagic1 ||
      (magic2 != uapi::kRebootMagic2 && magic2 != uapi::kRebootMagic2A &&
       magic2 != uapi::kRebootMagic2B && magic2 != uapi::kRebootMagic2C))
    return Errno::Inval;
  switch (a.u32(2)) {
    case uapi::kRebootCmdPowerOff:
    case uapi::kRebootCmdHalt:
    case uapi::kRebootCmdRestart:
      printk("reboot: powering off\n");
      arch::Power::exit(0);
      return 0;
    case uapi::kRebootCmdCadOn:
    case uapi::kRebootCmdCadOff:
      return 0;
    default:
      return Errno::Inval;
  }
}

// x86_64's way to set the thread pointer (FS base); only in that column of the table.
Result<long> sys_arch_prctl(Args& a) {
  proc::Thread* t = proc::current_thread();
  switch (a.i32(0)) {
    case uapi::kArchSetFs:
      if (a.a[1] >= contract::kUserEnd) return Errno::Perm;
      t->user_tls = a.a[1];
      arch::Context::set_user_tls(a.a[1]);
      return 0;
    case uapi::kArchGetFs:
      TRY(uaccess::UserPtr<uint64_t>(a.a[1]).write(arch::Context::user_tls()));
      return 0;
    default:
      return Errno::Inval;
  }
}

}  // namespace syscalls
