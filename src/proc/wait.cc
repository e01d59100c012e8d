// proc/wait.cc - wait4 and waitid: collecting children that exited, stopped or continued.
//
// The caller walks its children under tree_lock looking for one that matches the
// selector and has something to report; a zombie is removed from the tree right there
// (unless WNOWAIT), and its Process freed once the caller drops the parent's claim.
// With nothing to report the caller sleeps on its child_events queue, which exit, stop
// and continue wake (signal_send.cc, exit.cc), and looks again.
#include "proc/current.hh"
#include "proc/lifecycle.hh"
#include "proc/process.hh"
#include "proc/restart.hh"
#include "uapi/signal.hh"
#include "uapi/wait.hh"

namespace proc {
namespace {

using namespace uapi;

constexpr int kKnownOptions =
    kWNoHang | kWUntraced | kWExited | kWContinued | kWNoWait | kWNoThread | kWAll | kWClone;

[[maybe_unused]] bool selected(const Process* c, const Process* self, int idtype, int id, int options) {
  bool clone_child = c->exit_signal != kSigChld;
  if (!(options & kWAll) && clone_child != ((options & kWClone) != 0)) return false;
  switch (idtype) {
    case kPAll:
      return true;
    case kPPid:
      return c->pid == id;
    case kPPgid:
      return c->pgid == (id ? id : self->pgid);
    default:
      return false;
  }
}

[[maybe_unused]] void describe(int status, WaitResult* r) {
  r->status = status;
  if (status == kWaitStatusContinued) {
    r->code = kCldContinued;
    r->value = kSigCont;
  } else if ((status & 0xff) == 0x7f) {
    r->code = kCldStopped;
    r->value = (status >> 8) & 0xff;
  } else if ((status & 0x7f) == 0) {
    r->code = kCldExited;
    r->value = (status >> 8) & 0xff;
  } else {
    r->code = (status & 0x80) ? kCldDumped : kCldKilled;
    r->value = status & 0x7f;
  }
}

// One look at the children (tree_lock held). Sets *any when some child matches.
[[maybe_unused]] Process* find_report_locked(Process* self, int idtype, int id, int options, bool* any,
                            WaitResult* r) {
  Process* reaped = nullptr;
  self->children.for_each([&](Process* c) {
    if (r->pid || !selected(c, self, idtype, id, options)) return;
    *any = true;
    if (c->state == ProcessState::Zombie) {
      if (!(options & kWExited)) return;
      describe(c->exit_status, r);
      r->pid = c->pid;
      r->uid = c->creds.uid;
      if (!(options & kWNoWait)) {
        unregister_process_locked(c);
        reaped = c;
      }
      return;
    }
    int report = c->stop_report;
    bool continued = report == kWaitStatusContinued;
    if (!report || !(options & (continued ? kWContinued : kWUntraced))) return;
    describe(report, r);
    r->pid = c->pid;
    r->uid = c->creds.uid;
    if (!(options & kWNoWait)) c->stop_report = 0;
  });
  return reaped;
}

}  // namespace

// LAB 5 processes: BEGIN
ktl::Result<WaitResult> do_wait(int idtype, int id, int options) {
  if (options & ~kKnownOptions) return ktl::Errno::Inval;
  if (!(options & (kWExited | kWUntraced | kWContinued))) return ktl::Errno::Inval;
  Thread* self = current_thread();
  Process* p = self->process;
  for (;;) {
    p->child_events.prepare(self, true);
    WaitResult r;
    bool any = false;
    Process* reaped;
    {
      ktl::SpinGuard tree(tree_lock);
      reaped = find_report_locked(p, idtype, id, options, &any, &r);
    }
    if (r.pid || !any || (options & kWNoHang)) {
      p->child_events.finish(self);
      if (reaped) process_put(reaped);
      if (!any) return ktl::Errno::Child;
      return r;
    }
    if (sleep_prepared(0) == WakeReason::Signal) {
      p->child_events.finish(self);
      return kRestartSys;
    }
  }
}
// LAB 5: STUB
// ktl::Result<WaitResult> do_wait(int, int, int) { return ktl::Errno::NoSys; }
// LAB 5: END

}  // namespace proc
