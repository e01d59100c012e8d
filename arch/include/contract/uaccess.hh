// contract/uaccess.hh - touching user memory from the kernel without trusting it.
//
// Every read or write of user memory by the kernel goes through src/syscalls/uaccess.hh
// (UserPtr<T>, copy_from_user, copy_to_user, strncpy_from_user). Those helpers do the
// arch-independent part: they reject addresses outside the user half (kernel addresses,
// non-canonical addresses, ranges that wrap) with EFAULT, check that the range lies in
// regions of the current address space with the right protection, and fault in missing
// pages. Then one arch routine moves the bytes, in <arch/uaccess.hh>:
//
//   arch::UserAccess::copy(dst, src, n) -> bool
//       Copies n bytes between a kernel buffer and user memory (either direction).
//       Returns true when every byte was copied and false when an access faulted; it
//       never panics on a bad user address. It opens the user window for its own
//       duration only (x86_64: stac/clac when SMAP is on; aarch64: PAN cleared, or
//       LDTR/STTR, when PAN is on), so no other kernel code can touch user memory.
//
// What the arch's page-fault path must do for a fault taken in kernel mode:
//   1. If the address is in the user half, call mm::handle_page_fault(fault) (declared
//      in src/mm/fault.hh) with `user = false`; Handled means retry the instruction.
//   2. Otherwise, if the faulting pc lies inside UserAccess::copy (a fixup table of
//      the instructions that may fault, or the routine's address range), resume at the
//      routine's fixup so that it returns false. No other kernel fault is fixed up.
// Both architectures can do this with a small assembly copy loop whose loads/stores are
// listed in an exception table (Linux's __ex_table) or bracketed by two labels.
#pragma once

#include <concepts>
#include <stddef.h>

namespace contract {

template <class U>
concept UserAccessOps = requires(void* dst, const void* src, size_t n) {
  { U::copy(dst, src, n) } -> std::same_as<bool>;
};

}  // namespace contract
