// mm/fault.hh - the one page-fault handler the arch trap code calls.
//
// Both architectures call mm::handle_page_fault() for every page fault: from user mode,
// and from kernel mode when the address is in the user half (a copy_from_user touching a
// page not yet faulted in). It finds the current thread's address space and the region
// holding the address; a missing page of a region that allows the access is taken from
// the region's VmObject (zeroed on first touch) and mapped, and a write to a copy-on-write
// page copies it (Handled: retry the instruction; docs/vm.md). Anything else is Unhandled: the
// arch then signals the user thread (kernel_entry::user_exception, SIGSEGV) or, for a
// kernel access, applies its uaccess fixup or reports a kernel fault.
// Interrupts may be on or off; the handler takes the address space's spin lock.
#pragma once

#include <contract/trap.hh>

namespace mm {

trap::FaultResult handle_page_fault(const trap::PageFault& fault);

}  // namespace mm
