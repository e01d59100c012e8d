// trap/uaccess_fixup.cc - the fixup table of SeaOS has one entry.
//
// Linux keeps a table (__ex_table) of every kernel instruction allowed to fault and the
// address to resume at. SeaOS reaches user memory through one routine, so its table is
// one range, [uaccess_copy_start, uaccess_copy_end), and one fixup address.
#include "uaccess_fixup.hh"

extern "C" char uaccess_copy_start[], uaccess_copy_end[], uaccess_copy_fixup[];

namespace uaccess_fixup {

bool apply(arch::TrapFrame& frame) {
  if (frame.rip < reinterpret_cast<uintptr_t>(uaccess_copy_start) ||
      frame.rip >= reinterpret_cast<uintptr_t>(uaccess_copy_end))
    return false;
  frame.rip = reinterpret_cast<uintptr_t>(uaccess_copy_fixup);
  return true;
}

}  // namespace uaccess_fixup
