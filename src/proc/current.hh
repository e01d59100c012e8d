// proc/current.hh - "who is running here": the few questions other subsystems ask.
//
// There is no global `current` variable: each CPU's block (proc::Cpu, reached through
// arch::PerCpu) records the thread it runs. These functions are what mm, syscalls and
// the signal code use; they read this CPU's block, so the answer is only stable while
// the caller cannot migrate (always true today: threads never change CPU).
#pragma once

namespace mm {
class AddressSpace;
}

namespace proc {

struct Thread;
struct Process;

Thread* current_thread();        // nullptr before the scheduler runs on this CPU
Process* current_process();      // nullptr for kernel threads
mm::AddressSpace* current_address_space();

}  // namespace proc
