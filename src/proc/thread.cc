// proc/thread.cc - creating and freeing threads.
//
// A thread's kernel stack comes from mm::kernel_stack_alloc (guard pages below it, so
// an overflow faults instead of corrupting memory). A new user thread is prepared so
// that the first switch_to() into it runs thread_start_user (sched.cc), which enters
// user mode with start_frame: the caller (fork, clone, exec of init) fills that frame.
#include "proc/thread.hh"

#include <new>

#include "lib/string.hh"
#include "mm/kernel_stack.hh"
#include "proc/cpu.hh"
#include "proc/process.hh"
#include "proc/sched.hh"

namespace proc {

ktl::Result<Thread*> thread_create_user(Process* process, const arch::TrapFrame& frame, int tid) {
  Thread* t = new (std::nothrow) Thread;
  if (!t) return ktl::Errno::NoMem;
  auto stack = mm::kernel_stack_alloc();
  if (stack.is_error()) {
    delete t;
    return stack.error();
  }
  t->kstack_base = stack.value().base;
  t->kstack_top = stack.value().top;
  t->tid = tid;
  t->process = process;
  ktl::str_copy(t->name, process->name, sizeof t->name);
  t->start_frame = frame;
  t->cpu = this_cpu();
  arch::Context::fpu_init(&t->fpu);
  arch::Context::init_kernel_thread(&t->context, t->kstack_top, thread_start_user, t);
  process_get(process);
  return t;
}

void thread_reap(Thread* t) {
  mm::kernel_stack_free(mm::KernelStack{t->kstack_base, t->kstack_top});
  Process* p = t->process;
  delete t;
  if (p) process_put(p);
}

}  // namespace proc
