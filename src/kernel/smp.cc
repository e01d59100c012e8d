// kernel/smp.cc - secondary CPUs' first steps and the call-function mailbox.
//
// The arch starts each CPU and calls secondary_main(index) on it with interrupts off.
// For now a secondary CPU only marks itself online, starts its timer tick and waits for
// interrupts (IPIs, its tick): proc has no per-CPU scheduler start yet, so no thread
// runs there. The arch's tick skips the kernel's tick hook until a CPU has a scheduler
// block (arch::PerCpu), so sched_tick never sees a CPU without one.
//
// Mailboxes: one per CPU. `busy` (a try-lock) serialises senders; the sender fills fn/arg, publishes
// `pending` and sends CallFunction; the target's IPI handler takes the call, runs it and
// sets `done`. A waiting sender serves its own mailbox while it spins, so two CPUs that
// call each other at once both make progress.
#include "kernel/smp.hh"

#include <arch/context.hh>
#include <arch/cpu.hh>
#include <arch/smp.hh>

#include "lib/atomic.hh"
#include "lib/printk.hh"
#include "proc/sched.hh"

namespace smp {
namespace {

struct Mailbox {
  ktl::Atomic<bool> busy{false};      // a lock: true while one sender owns the slot
  void (*fn)(void*) = nullptr;        // busy (written before `pending` is set)
  void* arg = nullptr;                // busy
  ktl::Atomic<bool> pending{false};   // set by the sender, cleared by the target
  ktl::Atomic<bool> done{false};      // set by the target after fn returned
};

Mailbox mailboxes[boot::kMaxCpus];
ktl::Atomic<bool> online[boot::kMaxCpus];
ktl::Atomic<uint32_t> online_cpus{1};

// Runs the call waiting in this CPU's mailbox, if any. Interrupts off.
void serve_mailbox() {
  Mailbox& box = mailboxes[arch::Smp::this_cpu_index()];
  if (!box.pending.load(ktl::Order::Acquire)) return;
  void (*fn)(void*) = box.fn;
  void* arg = box.arg;
  box.pending.store(false);
  fn(arg);
  box.done.store(true, ktl::Order::Release);
}

}  // namespace

void start(const boot::Info& info) {
  online[0].store(true);
  uint32_t count = arch::Smp::start_secondaries(info);
  // secondary_main has marked each started CPU; the arch's count is the same number.
  printk("smp: %u of %u CPUs online\n", count, info.cpu_count);
}

uint32_t online_count() { return online_cpus.load(); }

bool is_online(uint32_t index) { return index < boot::kMaxCpus && online[index].load(); }

ktl::Result<void> call_on(uint32_t cpu, void (*fn)(void*), void* arg, bool wait) {
  if (!is_online(cpu) || !fn) return ktl::Errno::Inval;
  uintptr_t flags = arch::Cpu::irq_save();
  if (cpu == arch::Smp::this_cpu_index()) {
    fn(arg);
    arch::Cpu::irq_restore(flags);
    return {};
  }
  Mailbox& box = mailboxes[cpu];
  for (bool expected = false; !box.busy.compare_exchange(expected, true); expected = false) {
    serve_mailbox();  // serve our own mailbox while another sender owns this one
    arch::Cpu::relax();
  }
  box.fn = fn;
  box.arg = arg;
  box.done.store(false);
  box.pending.store(true, ktl::Order::Release);
  arch::Smp::send(cpu, contract::Ipi::CallFunction);
  // Without `wait` the slot is still owned until the target has taken the call: the
  // mailbox has one slot.
  while (box.pending.load(ktl::Order::Acquire)) {
    serve_mailbox();
    arch::Cpu::relax();
  }
  if (wait) {
    while (!box.done.load(ktl::Order::Acquire)) {
      serve_mailbox();
      arch::Cpu::relax();
    }
  }
  box.busy.store(false, ktl::Order::Release);
  arch::Cpu::irq_restore(flags);
  return {};
}

}  // namespace smp

namespace kernel_entry {

[[noreturn]] void secondary_main(uint32_t cpu_index) {
  smp::online[cpu_index].store(true);
  smp::online_cpus.fetch_add(1);
  arch::Timer::start_tick(proc::kTickHz);
  arch::Cpu::irq_enable();
  for (;;) arch::Cpu::wait_for_interrupt();
}

void ipi_reschedule() {}  // the scheduler does not use other CPUs yet

void ipi_call_function() { smp::serve_mailbox(); }

}  // namespace kernel_entry
