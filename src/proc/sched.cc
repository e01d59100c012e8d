// proc/sched.cc - run queues, the context switch, sleeping and the tick.
//
// The switch protocol (xv6's): schedule() takes this CPU's lock with interrupts off,
// picks the next thread, records who it switches from and calls switch_to. The thread
// that resumes, whether in its own schedule() or for the first time in
// thread_start_user(), runs finish_switch(), which releases the lock and frees the
// thread switched from if it was Dead (its stack is no longer in use). User state that
// the kernel itself never touches is swapped around the switch: the FPU registers, the
// user thread pointer, the kernel stack for the next trap and the user page table.
#include "proc/sched.hh"

#include <arch/context.hh>
#include <arch/mmu.hh>

#include "kernel/panic.hh"
#include "mm/address_space.hh"
#include "proc/cpu.hh"
#include "proc/current.hh"
#include "proc/process.hh"
#include "proc/thread.hh"

namespace proc {
namespace {

Cpu boot_cpu;        // CPU 0 (SMP: one block per CPU)
Thread boot_thread;  // the boot context, CPU 0's idle thread

bool on_run_queue(Thread* t) { return static_cast<ktl::ListLink<RunQueueTag>*>(t)->is_linked(); }
bool on_timer(Thread* t) { return static_cast<ktl::ListLink<TimerTag>*>(t)->is_linked(); }

void enqueue_locked(Cpu* cpu, Thread* t) {
  t->state = ThreadState::Runnable;
  if (!on_run_queue(t)) cpu->run_queue.push_back(t);
  if (cpu->current == cpu->idle) cpu->need_resched = true;
}

// Loads the user side of `self` onto this CPU after a switch into it.
void enter_user_state(Cpu* cpu, Thread* self) {
  Process* p = self->process;
  if (p->as && cpu->active_as != p->as) {
    p->as->activate();
    cpu->active_as = p->as;
  }
  arch::Context::set_kernel_stack(self->kstack_top);
  arch::Context::fpu_restore(&self->fpu);
  arch::Context::set_user_tls(self->user_tls);
}

// Runs in the thread that was switched to, with cpu->lock held; releases it.
void finish_switch(Cpu* cpu) {
  Thread* from = cpu->switched_from;
  Thread* self = cpu->current;
  cpu->switched_from = nullptr;
  cpu->lock.unlock();
  if (from && from->state == ThreadState::Dead) thread_reap(from);
  if (from && self->process) enter_user_state(cpu, self);
}

}  // namespace

Thread* current_thread() {
  Cpu* cpu = this_cpu();
  return cpu ? cpu->current : nullptr;
}

Process* current_process() {
  Thread* t = current_thread();
  return t ? t->process : nullptr;
}

mm::AddressSpace* current_address_space() {
  Process* p = current_process();
  return p ? p->as : nullptr;
}

void sched_init_boot_cpu() {
  boot_thread.tid = 0;
  boot_thread.name[0] = 'i', boot_thread.name[1] = 'd', boot_thread.name[2] = 'l',
  boot_thread.name[3] = 'e';
  boot_thread.cpu = &boot_cpu;
  boot_thread.state = ThreadState::Running;
  boot_cpu.idle = boot_cpu.current = &boot_thread;
  arch::PerCpu::set(&boot_cpu);
}

void sched_add(Thread* t) {
  Cpu* cpu = t->cpu;
  ktl::SpinGuard guard(cpu->lock);
  enqueue_locked(cpu, t);
}

// LAB 5 processes: BEGIN
void schedule() {
  uintptr_t flags = arch::Cpu::irq_save();
  Cpu* cpu = this_cpu();
  cpu->lock.lock();
  Thread* prev = cpu->current;
  cpu->need_resched = false;
  if (prev->state == ThreadState::Running && prev != cpu->idle) {
    enqueue_locked(cpu, prev);
  } else if (prev->state == ThreadState::Sleeping && prev->deadline_ns && !on_timer(prev)) {
    cpu->sleepers.push_back(prev);
  }
  Thread* next = cpu->run_queue.pop_front();
  if (!next) next = cpu->idle;
  next->state = ThreadState::Running;
  next->slice = kSliceTicks;
  if (next == prev) {
    cpu->lock.unlock();
    arch::Cpu::irq_restore(flags);
    return;
  }
  if (prev->process && prev->state != ThreadState::Dead) {
    arch::Context::fpu_save(&prev->fpu);
    prev->user_tls = arch::Context::user_tls();
  }
  cpu->switched_from = prev;
  cpu->current = next;
  arch::Context::switch_to(&prev->context, &next->context);
  finish_switch(this_cpu());
  arch::Cpu::irq_restore(flags);
}

void sched_tick() {
  Cpu* cpu = this_cpu();
  if (!cpu) return;
  ktl::SpinGuard guard(cpu->lock);
  ++cpu->ticks;
  uint64_t now = arch::Timer::now_ns();
  cpu->sleepers.for_each([&](Thread* t) {
    if (t->deadline_ns > now) return;
    cpu->sleepers.remove(t);
    t->timed_out = true;
    enqueue_locked(cpu, t);
  });
  Thread* running = cpu->current;
  if (running == cpu->idle) {
    if (!cpu->run_queue.empty()) cpu->need_resched = true;
  } else if (--running->slice <= 0) {
    cpu->need_resched = true;
  }
}
// LAB 5: STUB
// void schedule() { panic("schedule: not written yet (lab 5)"); }
// void sched_tick() {}
// LAB 5: END

bool sched_need_resched() {
  Cpu* cpu = this_cpu();
  return cpu && cpu->need_resched;
}

bool wake(Thread* t) {
  Cpu* cpu = t->cpu;
  ktl::SpinGuard guard(cpu->lock);
  if (t->state != ThreadState::Sleeping) return false;
  if (on_timer(t)) cpu->sleepers.remove(t);
  enqueue_locked(cpu, t);
  return true;
}

bool wake_interruptible(Thread* t) {
  Cpu* cpu = t->cpu;
  ktl::SpinGuard guard(cpu->lock);
  if (t->state != ThreadState::Sleeping || !t->interruptible) return false;
  if (on_timer(t)) cpu->sleepers.remove(t);
  enqueue_locked(cpu, t);
  return true;
}

void sched_prepare_sleep(Thread* t, bool interruptible) {
  Cpu* cpu = t->cpu;
  ktl::SpinGuard guard(cpu->lock);
  if (on_run_queue(t)) cpu->run_queue.remove(t);
  if (on_timer(t)) cpu->sleepers.remove(t);
  t->state = ThreadState::Sleeping;
  t->interruptible = interruptible;
  t->timed_out = false;
  t->deadline_ns = 0;
}

void sched_set_deadline(Thread* t, uint64_t deadline_ns) {
  ktl::SpinGuard guard(t->cpu->lock);
  t->deadline_ns = deadline_ns;
}

void sched_cancel_sleep(Thread* t) {
  Cpu* cpu = t->cpu;
  ktl::SpinGuard guard(cpu->lock);
  if (on_timer(t)) cpu->sleepers.remove(t);
  if (on_run_queue(t)) cpu->run_queue.remove(t);
  t->state = ThreadState::Running;
  t->deadline_ns = 0;
}

bool sched_timed_out(Thread* t) {
  ktl::SpinGuard guard(t->cpu->lock);
  return t->timed_out;
}

void thread_start_user(void* thread) {
  auto* self = static_cast<Thread*>(thread);
  finish_switch(this_cpu());
  arch::Context::return_to_user(&self->start_frame);
}

void sched_run_idle() {
  arch::Timer::start_tick(kTickHz);
  Cpu* cpu = this_cpu();
  for (;;) {
    arch::Cpu::irq_disable();
    cpu->lock.lock();
    bool work = !cpu->run_queue.empty();
    cpu->lock.unlock();
    if (work) {
      schedule();
      continue;
    }
    arch::Cpu::irq_enable();
    arch::Cpu::wait_for_interrupt();
  }
}

}  // namespace proc
