// syscalls/uaccess.cc - the user-memory copies: range check, region check, arch copy.
#include "syscalls/uaccess.hh"

#include "lib/string.hh"
#include "mm/address_space.hh"
#include "proc/current.hh"

#if __has_include(<arch/uaccess.hh>)
#include <arch/uaccess.hh>
#endif

namespace uaccess {
namespace {

// The arch routine that survives a fault (contract/uaccess.hh). Until an arch has it,
// a plain copy: prepare_user_access has already checked and faulted in every page, and
// nothing can unmap them meanwhile on one CPU with a non-preemptible kernel.
bool raw_copy(void* dst, const void* src, size_t n) {
#if __has_include(<arch/uaccess.hh>)
  return arch::UserAccess::copy(dst, src, n);
#else
  memcpy(dst, src, n);
  return true;
#endif
}

// LAB 4 syscalls: BEGIN
Result<void> check(uint64_t addr, size_t n, bool write) {
  if (!user_range_ok(addr, n)) return Errno::Fault;
  mm::AddressSpace* as = proc::current_address_space();
  if (!as) return Errno::Fault;
  return as->prepare_user_access(addr, n, write);
}
// LAB 4: STUB
// Result<void> check(uint64_t, size_t, bool) { return Errno::Fault; }
// LAB 4: END

}  // namespace

Result<void> copy_from_user(void* dst, uint64_t src, size_t n) {
  if (n == 0) return {};
  TRY(check(src, n, false));
  if (!raw_copy(dst, reinterpret_cast<const void*>(src), n)) return Errno::Fault;
  return {};
}

Result<void> copy_to_user(uint64_t dst, const void* src, size_t n) {
  if (n == 0) return {};
  TRY(check(dst, n, true));
  if (!raw_copy(reinterpret_cast<void*>(dst), src, n)) return Errno::Fault;
  return {};
}

Result<size_t> strncpy_from_user(char* dst, uint64_t src, size_t size) {
  size_t done = 0;
  while (done < size) {
    // Never cross a page in one copy: the string may end just before an unmapped page.
    uint64_t at = src + done;
    size_t chunk = contract::kPageSize - (at % contract::kPageSize);
    if (chunk > size - done) chunk = size - done;
    TRY(copy_from_user(dst + done, at, chunk));
    for (size_t i = 0; i < chunk; ++i)
      if (dst[done + i] == '\0') return done + i;
    done += chunk;
  }
  if (size) dst[size - 1] = '\0';
  return Errno::NameTooLong;
}

}  // namespace uaccess
