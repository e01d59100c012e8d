// trap/uaccess_fixup.hh - resuming a faulted user copy at its error exit.
#pragma once

#include <arch/trap_frame.hh>

namespace uaccess_fixup {

// When the fault in `frame` happened on the copy instruction of uaccess_copy
// (trap/uaccess.S), points the frame at the routine's fixup (which returns false) and
// returns true. Any other fault: false, frame untouched.
bool apply(arch::TrapFrame& frame);

}  // namespace uaccess_fixup
