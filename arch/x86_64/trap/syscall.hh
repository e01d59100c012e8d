// trap/syscall.hh - setting up the `syscall` instruction on a CPU.
#pragma once

namespace syscall_msr {

// Programs STAR, LSTAR, FMASK and EFER.SCE on this CPU. After cpu_local_init.
void init_cpu();

}  // namespace syscall_msr
