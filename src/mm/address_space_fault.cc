// mm/address_space_fault.cc - demand paging: the page-fault handler and the check that
// runs before every kernel copy to or from user memory.
//
// A fault is satisfied when a region covers the address and allows the access: the page
// is allocated zeroed and mapped with the region's protection. A fault on a page that is
// already mapped (another thread got there first, or the TLB was stale) is retried. All
// else is Unhandled, and the caller turns it into SIGSEGV or EFAULT.
#include "mm/address_space.hh"
#include "mm/fault.hh"
#include "mm/user_layout.hh"
#include "proc/current.hh"
#include "uapi/mman.hh"

namespace mm {
namespace {

constexpr size_t kPage = contract::kPageSize;

bool region_allows(uint32_t prot, trap::Access access) {
  switch (access) {
    case trap::Access::Read:
      return prot & (uapi::kProtRead | uapi::kProtWrite);
    case trap::Access::Write:
      return prot & uapi::kProtWrite;
    case trap::Access::Execute:
      return prot & uapi::kProtExec;
  }
  return false;
}

bool translation_allows(uint32_t prot, trap::Access access) {
  if (!(prot & contract::kProtUser)) return false;
  switch (access) {
    case trap::Access::Read:
      return prot & contract::kProtRead;
    case trap::Access::Write:
      return prot & contract::kProtWrite;
    case trap::Access::Execute:
      return prot & contract::kProtExec;
  }
  return false;
}

}  // namespace

trap::FaultResult AddressSpace::handle_fault(const trap::PageFault& fault) {
  uintptr_t page = page_down(fault.address);
  ktl::SpinGuard guard(lock_);
  Region* r = regions_.find(fault.address);
  if (!r || !region_allows(r->prot, fault.access)) return trap::FaultResult::Unhandled;
  contract::Translation t;
  if (table_->query(page, &t))
    return translation_allows(t.prot, fault.access) ? trap::FaultResult::Handled
                                                    : trap::FaultResult::Unhandled;
  return fault_in_locked(*r, page).is_ok() ? trap::FaultResult::Handled
                                           : trap::FaultResult::Unhandled;
}

ktl::Result<void> AddressSpace::prepare_user_access(uintptr_t addr, size_t size, bool write) {
  uintptr_t end = addr + size;
  ktl::SpinGuard guard(lock_);
  for (uintptr_t at = addr; at < end;) {
    Region* r = regions_.find(at);
    if (!r || !region_allows(r->prot, write ? trap::Access::Write : trap::Access::Read))
      return ktl::Errno::Fault;
    uintptr_t stop = r->end < end ? r->end : end;
    for (uintptr_t page = page_down(at); page < stop; page += kPage) {
      contract::Translation t;
      if (!table_->query(page, &t) && fault_in_locked(*r, page).is_error())
        return ktl::Errno::Fault;
    }
    at = stop;
  }
  return {};
}

trap::FaultResult handle_page_fault(const trap::PageFault& fault) {
  if (fault.address >= contract::kUserEnd || fault.address < kUserMin)
    return trap::FaultResult::Unhandled;
  AddressSpace* as = proc::current_address_space();
  if (!as) return trap::FaultResult::Unhandled;
  return as->handle_fault(fault);
}

}  // namespace mm
