// trap/trap_frame.hh - the trap code's view of a saved frame (arch/trap_frame.hh), and
// the entry points trap_entry.S and the IDT share.
#pragma once

#include <arch/trap_frame.hh>
#include <stdint.h>

namespace trap {

using TrapFrame = arch::TrapFrame;

// Called by trap_entry.S for every vector with the saved frame, on the interrupted
// stack, the kernel stack of TSS.RSP0 (from user mode) or an IST stack. Returning
// resumes the frame; for a frame from user mode it has run user_hooks::prepare_return.
extern "C" void trap_dispatch(TrapFrame* frame);

// The vector's entry stubs (trap_entry.S): 256 addresses, one per vector.
extern "C" const uint64_t trap_stub_table[256];

// Set by cpu features set-up when CR4.SMAP is on: the entry code then clears RFLAGS.AC.
extern "C" bool smap_enabled;

}  // namespace trap
