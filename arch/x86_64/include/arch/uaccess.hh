// arch/uaccess.hh (x86_64) - the one routine that moves bytes to or from user memory
// (contract/uaccess.hh).
//
// UserAccess::copy is a `rep movsb` in trap/uaccess.S. Only that instruction may fault
// on a user address and be forgiven: the kernel's page-fault path first lets the VM
// layer fault the page in, and if it cannot, moves RIP to the routine's fixup, which
// returns false. When the CPU has SMAP (the kernel may not touch user pages at all), the
// routine opens the window with `stac` for the copy alone and closes it with `clac`.
#pragma once

#include <contract/uaccess.hh>
#include <stddef.h>

extern "C" bool uaccess_copy(void* dst, const void* src, size_t n);

namespace arch {

struct UserAccess {
  static bool copy(void* dst, const void* src, size_t n) { return uaccess_copy(dst, src, n); }
};

static_assert(contract::UserAccessOps<UserAccess>);

}  // namespace arch
