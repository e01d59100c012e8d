// syscalls/files.cc - the Caller of the current process, and user paths (files.hh).
#include "syscalls/files.hh"

#include "mm/mm.hh"
#include "proc/current.hh"
#include "proc/process.hh"
#include "syscalls/uaccess.hh"

namespace syscalls {

const fs::MemoryAccess kUserMemory = {uaccess::copy_to_user, uaccess::copy_from_user};

fs::Caller caller() {
  proc::Process* p = proc::current_process();
  fs::Caller c;
  c.cred = {p->creds.uid, p->creds.gid, p->creds.euid, p->creds.egid};
  c.pid = p->pid;
  c.pgid = p->pgid;
  c.sid = p->sid;
  c.files = p->files;
  c.fs = p->fs_context;
  c.umask = p->umask;
  c.nofile_limit = p->limits[uapi::kRlimitNofile].cur;
  c.memory = &kUserMemory;
  return c;
}

UserPath::~UserPath() { mm::kfree(buf_); }

Result<const char*> UserPath::load(uint64_t user) {
  if (!buf_) buf_ = static_cast<char*>(TRY(mm::kmalloc(uapi::kPathMax)));
  TRY(uaccess::strncpy_from_user(buf_, user, uapi::kPathMax));
  return static_cast<const char*>(buf_);
}

}  // namespace syscalls
