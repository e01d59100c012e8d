// mm/address_space_fault.cc - demand paging: the page-fault handler and the check that
// runs before every kernel copy to or from user memory.
//
// A fault is satisfied when a region covers the address and allows the access. Then:
//   - the page is missing from the table: take it from the region's object (allocating a
//     zeroed page on first touch: demand zero) and map it;
//   - it is mapped read-only but the region is writable: a copy-on-write page. If another
//     object still holds it (user_refs > 1) copy it into ours, else just map it writable;
//   - it is mapped and allows the access (another thread got there first, or the TLB was
//     stale): retry.
// All else is Unhandled, and the caller turns it into SIGSEGV or EFAULT.
#include "mm/address_space.hh"
#include "mm/fault.hh"
#include "mm/user_layout.hh"
#include "mm/vm_object.hh"
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

ktl::Result<PhysAddr> AddressSpace::fault_in_locked(const Region& r, uintptr_t page, bool write) {
  size_t index = r.page_index(page);
  PhysAddr frame = write ? TRY(r.object->own_for_write(index)) : TRY(r.object->get_or_zero(index));
  uint32_t prot = arch_prot(r.prot);
  // Still shared with another object (after fork): read-only until the first write.
  if (!r.shared && user_page_refs(frame) > 1) prot &= ~contract::kProtWrite;
  contract::Translation t;
  if (table_->query(page, &t)) {
    if (page_down(t.phys) == frame) {
      if (t.prot != prot) TRY(table_->protect(page, kPage, prot));
      return frame;
    }
    table_->unmap(page, kPage);  // the old frame stays with whoever else holds it
  }
  TRY(table_->map(page, frame, kPage, prot));
  return frame;
}

trap::FaultResult AddressSpace::handle_fault(const trap::PageFault& fault) {
  uintptr_t page = page_down(fault.address);
  ktl::SpinGuard guard(lock_);
  Region* r = regions_.find(fault.address);
  if (!r || !region_allows(r->prot, fault.access)) return trap::FaultResult::Unhandled;
  contract::Translation t;
  if (table_->query(page, &t) && translation_allows(t.prot, fault.access))
    return trap::FaultResult::Handled;
  bool write = fault.access == trap::Access::Write;
  return fault_in_locked(*r, page, write).is_ok() ? trap::FaultResult::Handled
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
      bool present = table_->query(page, &t);
      // Missing, or a copy-on-write page about to be written by the kernel: fault it now.
      if ((!present || (write && !(t.prot & contract::kProtWrite))) &&
          fault_in_locked(*r, page, write).is_error())
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
