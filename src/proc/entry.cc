// proc/entry.cc - the arch's calls into the process layer that are not system calls:
// the timer tick and exceptions taken in user mode.
#include <arch/context.hh>

#include "fs/console_tty.hh"
#include "proc/cpu.hh"
#include "proc/sched.hh"
#include "proc/signal.hh"

void kernel_entry::timer_tick() {
  proc::sched_tick();
  if (proc::this_cpu()->index == 0) fs::console_tty_poll();
}

// A fault the memory manager could not satisfy, an illegal instruction, a division by
// zero...: the thread gets the signal, forced past its mask, and acts on it in
// return_to_user_hook on the way out of this exception.
void kernel_entry::user_exception(arch::TrapFrame&, int signal, int code, uintptr_t address) {
  proc::SigRecord info{code, 0, 0, 0, address};
  proc::force_signal_current(signal, info);
}

