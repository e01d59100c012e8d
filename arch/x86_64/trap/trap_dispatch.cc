// trap/trap_dispatch.cc - where every interrupt and exception arrives in C++.
//
// trap_entry.S saves the interrupted registers and calls trap_dispatch(frame) with
// interrupts off. At this stage of the kernel nothing is expected to trap: there are
// no device interrupts yet and page faults are not part of normal operation, so every
// trap is reported (exception_report.cc) and ends in trap::fatal(), which prints the
// symbolic backtrace starting at the interrupted code and powers off with status 1.
// Page faults will go to the memory manager, and device vectors to their drivers,
// from this switch.
#include <contract/trap.hh>

#include "exception_report.hh"
#include "lib/format.hh"
#include "trap_frame.hh"

extern "C" void trap_dispatch(trap::TrapFrame* frame) {
  trap::print_exception_report(*frame);
  // Static rather than on the stack: the stack may be what failed (a double fault runs
  // on the small IST stack). trap::fatal() stops at once if it is entered twice.
  static char what[96];
  const char* mnemonic = trap::vector_mnemonic(frame->vector);
  ktl::snprint(what, sizeof what, "unhandled %s%s%s%s in %s mode",
               trap::vector_name(frame->vector), mnemonic[0] ? " (" : "", mnemonic,
               mnemonic[0] ? ")" : "", (frame->cs & 3) ? "user" : "kernel");
  // The frame's RBP is the interrupted function's frame record: the walk starts there.
  trap::fatal(what, frame->rip, frame->rbp);
}
