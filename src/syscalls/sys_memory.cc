// syscalls/sys_memory.cc - brk, mmap, munmap, mprotect, madvise (anonymous memory).
//
// The work is in mm::AddressSpace; these check the arguments the way Linux does. Only
// private anonymous mappings exist yet: file and shared mappings come with the mmap
// issue (mapping a descriptor today gives ENODEV, a bad descriptor EBADF).
#include <contract/layout.hh>

#include "mm/address_space.hh"
#include "proc/current.hh"
#include "syscalls/files.hh"
#include "syscalls/syscall.hh"
#include "uapi/mman.hh"

namespace syscalls {
namespace {

constexpr uint64_t kPage = contract::kPageSize;
constexpr uint32_t kProtAll = uapi::kProtRead | uapi::kProtWrite | uapi::kProtExec;

mm::AddressSpace* space() { return proc::current_address_space(); }

}  // namespace

Result<long> sys_brk(Args& a) { return static_cast<long>(space()->brk(a.a[0])); }

Result<long> sys_mmap(Args& a) {
  uint64_t addr = a.a[0], len = a.a[1], off = a.a[5];
  uint32_t prot = a.u32(2);
  int flags = a.i32(3);
  if (len == 0 || off % kPage || (prot & ~kProtAll)) return Errno::Inval;
  int type = flags & uapi::kMapType;
  if (type != uapi::kMapPrivate && type != uapi::kMapShared && type != uapi::kMapSharedValidate)
    return Errno::Inval;
  if (!(flags & uapi::kMapAnonymous)) {
    TRY(fd_table()->file(a.i32(4)))->put();
    return Errno::NoDev;
  }
  if (type != uapi::kMapPrivate) return Errno::NoDev;  // shared memory: the mmap issue
  bool noreplace = flags & uapi::kMapFixedNoReplace;
  bool fixed = (flags & uapi::kMapFixed) || noreplace;
  uintptr_t at = TRY(space()->map_anonymous(addr, len, prot, fixed, noreplace));
  return static_cast<long>(at);
}

Result<long> sys_munmap(Args& a) {
  TRY(space()->unmap(a.a[0], a.a[1]));
  return 0;
}

Result<long> sys_mprotect(Args& a) {
  uint32_t prot = a.u32(2) & ~(uapi::kProtGrowsDown | uapi::kProtGrowsUp);
  if (prot & ~kProtAll) return Errno::Inval;
  TRY(space()->protect(a.a[0], a.a[1], prot));
  return 0;
}

Result<long> sys_madvise(Args& a) {
  if (a.a[0] % kPage) return Errno::Inval;
  switch (a.i32(2)) {
    case uapi::kMadvDontNeed:
      TRY(space()->discard(a.a[0], a.a[1]));
      return 0;
    case uapi::kMadvNormal:
    case uapi::kMadvRandom:
    case uapi::kMadvSequential:
    case uapi::kMadvWillNeed:
    case uapi::kMadvFree:  // may keep the data: keeping it is correct
      return 0;
    default:
      return Errno::Inval;
  }
}

}  // namespace syscalls
