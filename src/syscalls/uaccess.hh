// syscalls/uaccess.hh - the only way the kernel touches user memory.
//
// A user address is a number the kernel must not trust: it may be NULL, point into the
// kernel, be non-canonical, wrap around, be unmapped, or be read-only when the kernel
// wants to write. UserPtr<T> holds such an address and cannot be dereferenced; the
// copy functions below are the only doors, and each returns EFAULT instead of faulting
// the kernel. They check, in order: the range lies in the user half; the current address
// space has regions with the needed protection over all of it (missing pages of those
// regions are faulted in now); then the arch copy routine moves the bytes, catching any
// fault that still happens (contract/uaccess.hh). A zero-length copy always succeeds.
#pragma once

#include <contract/layout.hh>
#include <stddef.h>
#include <stdint.h>

#include "lib/result.hh"

namespace uaccess {

using ktl::Errno;
using ktl::Result;

// True when [addr, addr + n) lies entirely in the user half of the address space.
constexpr bool user_range_ok(uint64_t addr, uint64_t n) {
  return addr < contract::kUserEnd && n <= contract::kUserEnd - addr;
}

// Errors for all three: Fault.
Result<void> copy_from_user(void* dst, uint64_t src, size_t n);
Result<void> copy_to_user(uint64_t dst, const void* src, size_t n);
// Copies a NUL-terminated string of at most size-1 characters into dst (size > 0) and
// returns its length. Errors: Fault, NameTooLong (no NUL within size bytes).
Result<size_t> strncpy_from_user(char* dst, uint64_t src, size_t size);

template <class T>
class UserPtr {
 public:
  constexpr UserPtr() = default;
  constexpr explicit UserPtr(uint64_t addr) : addr_(addr) {}

  constexpr uint64_t addr() const { return addr_; }
  constexpr bool is_null() const { return addr_ == 0; }
  // The element `index` places further (wrapping is caught by the range check).
  constexpr UserPtr at(size_t index) const { return UserPtr(addr_ + index * sizeof(T)); }

  Result<T> read() const {
    T value;
    TRY(copy_from_user(&value, addr_, sizeof(T)));
    return value;
  }
  Result<void> write(const T& value) const { return copy_to_user(addr_, &value, sizeof(T)); }

 private:
  uint64_t addr_ = 0;
};

}  // namespace uaccess
