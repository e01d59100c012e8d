// arch/uaccess.hh (aarch64) - the one routine that touches user memory (contract/uaccess.hh).
//
// src/syscalls/uaccess.cc checks a user range (user half, regions, protection) and then
// calls UserAccess::copy to move the bytes. The copy may still fault - a page another
// thread just unmapped, a page the VM layer cannot fill - and must then return false
// instead of crashing the kernel: the kernel fault path (traps.cc) sends a fault whose
// PC lies inside the copy loop (uaccess.S, between uaccess_copy_start and _end) to the
// routine's fixup, which returns false. Without PAN (Armv8.0, and PSTATE.PAN clear on
// newer CPUs) EL1 loads and stores reach user pages directly.
#pragma once

#include <stddef.h>

#include <contract/uaccess.hh>

extern "C" bool uaccess_copy(void* dst, const void* src, size_t n);

namespace arch {

struct UserAccess {
  static bool copy(void* dst, const void* src, size_t n) { return uaccess_copy(dst, src, n); }
};

static_assert(contract::UserAccessOps<UserAccess>);

}  // namespace arch
