// syscalls/sys_memory.cc - brk, mmap, munmap, mprotect, mremap, msync, madvise.
//
// The work is in mm::AddressSpace; these check the arguments the way Linux does.
// Anonymous mappings, private (copy-on-write across fork) or MAP_SHARED; file mappings
// wait for the page cache (mapping a descriptor today gives ENODEV, a bad one EBADF).
#include <contract/layout.hh>

#include "fs/fd_table.hh"
#include "mm/address_space.hh"
#include "proc/current.hh"
#include "proc/process.hh"
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
    TRY(proc::current_process()->files->get(a.i32(4)));  // EBADF first, as Linux
    return Errno::NoDev;
  }
  bool noreplace = flags & uapi::kMapFixedNoReplace;
  bool fixed = (flags & uapi::kMapFixed) || noreplace;
  uintptr_t at = TRY(space()->map_anonymous(addr, len, prot, fixed, noreplace,
                                            mm::RegionKind::Anonymous, type != uapi::kMapPrivate));
  // MAP_POPULATE: fault every page in now (written, so private pages are the caller's
  // own). Best effort, as on Linux: a failure leaves the rest to demand paging.
  if ((flags & uapi::kMapPopulate) && (prot & uapi::kProtRead))
    (void)space()->prepare_user_access(at, len, prot & uapi::kProtWrite);
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

Result<long> sys_mremap(Args& a) {
  int flags = a.i32(3);
  if (flags & ~uapi::kMremapMayMove) return Errno::Inval;  // FIXED, DONTUNMAP: not yet
  uintptr_t at = TRY(space()->remap(a.a[0], a.a[1], a.a[2], flags & uapi::kMremapMayMove));
  return static_cast<long>(at);
}

// Anonymous memory has no backing store to write to: msync only checks its arguments.
Result<long> sys_msync(Args& a) {
  int flags = a.i32(2);
  if (a.a[0] % kPage || (flags & ~(uapi::kMsAsync | uapi::kMsInvalidate | uapi::kMsSync)) ||
      ((flags & uapi::kMsAsync) && (flags & uapi::kMsSync)))
    return Errno::Inval;
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
