// lib/errno.hh - the kernel's error codes: Linux's numbers, typed.
//
// A kernel function that can fail returns Result<T> (lib/result.hh), which holds either
// its value or one Errno. The numbers are Linux's (asm-generic, used by both x86_64 and
// aarch64), so the syscall layer turns an Errno into its return value with a plain
// `-static_cast<long>(e)` and nothing else in the kernel cares about the numbers.
//
// The names drop the leading E and use the tree's CamelCase (Errno::NoMem for ENOMEM):
// spelled ENOMEM they would collide with the host C library's macros in unit tests.
// errno_name() gives the familiar spelling back for messages.
#pragma once

// X(name, number, "ENAME") for every code the kernel uses; add more as subsystems need.
#define SEAOS_ERRNO_LIST(X)            \
  X(Perm, 1, "EPERM")                  \
  X(NoEnt, 2, "ENOENT")                \
  X(Srch, 3, "ESRCH")                  \
  X(Intr, 4, "EINTR")                  \
  X(Io, 5, "EIO")                      \
  X(NxIo, 6, "ENXIO")                  \
  X(TooBig, 7, "E2BIG")                \
  X(NoExec, 8, "ENOEXEC")              \
  X(BadF, 9, "EBADF")                  \
  X(Child, 10, "ECHILD")               \
  X(Again, 11, "EAGAIN")               \
  X(NoMem, 12, "ENOMEM")               \
  X(Acces, 13, "EACCES")               \
  X(Fault, 14, "EFAULT")               \
  X(Busy, 16, "EBUSY")                 \
  X(Exist, 17, "EEXIST")               \
  X(XDev, 18, "EXDEV")                 \
  X(NoDev, 19, "ENODEV")               \
  X(NotDir, 20, "ENOTDIR")             \
  X(IsDir, 21, "EISDIR")               \
  X(Inval, 22, "EINVAL")               \
  X(NFile, 23, "ENFILE")               \
  X(MFile, 24, "EMFILE")               \
  X(NoTty, 25, "ENOTTY")               \
  X(TxtBsy, 26, "ETXTBSY")             \
  X(FBig, 27, "EFBIG")                 \
  X(NoSpc, 28, "ENOSPC")               \
  X(SPipe, 29, "ESPIPE")               \
  X(RoFs, 30, "EROFS")                 \
  X(MLink, 31, "EMLINK")               \
  X(Pipe, 32, "EPIPE")                 \
  X(Dom, 33, "EDOM")                   \
  X(Range, 34, "ERANGE")               \
  X(DeadLk, 35, "EDEADLK")             \
  X(NameTooLong, 36, "ENAMETOOLONG")   \
  X(NoLck, 37, "ENOLCK")               \
  X(NoSys, 38, "ENOSYS")               \
  X(NotEmpty, 39, "ENOTEMPTY")         \
  X(Loop, 40, "ELOOP")                 \
  X(NoData, 61, "ENODATA")             \
  X(Overflow, 75, "EOVERFLOW")         \
  X(NotSock, 88, "ENOTSOCK")           \
  X(MsgSize, 90, "EMSGSIZE")           \
  X(OpNotSupp, 95, "EOPNOTSUPP")       \
  X(AfNoSupport, 97, "EAFNOSUPPORT")   \
  X(AddrInUse, 98, "EADDRINUSE")       \
  X(AddrNotAvail, 99, "EADDRNOTAVAIL") \
  X(NetUnreach, 101, "ENETUNREACH")    \
  X(ConnReset, 104, "ECONNRESET")      \
  X(NoBufs, 105, "ENOBUFS")            \
  X(IsConn, 106, "EISCONN")            \
  X(NotConn, 107, "ENOTCONN")          \
  X(TimedOut, 110, "ETIMEDOUT")        \
  X(ConnRefused, 111, "ECONNREFUSED")  \
  X(HostUnreach, 113, "EHOSTUNREACH")  \
  X(Already, 114, "EALREADY")          \
  X(InProgress, 115, "EINPROGRESS")

namespace ktl {

enum class Errno : int {
#define SEAOS_ERRNO_ENUM(name, number, text) name = number,
  SEAOS_ERRNO_LIST(SEAOS_ERRNO_ENUM)
#undef SEAOS_ERRNO_ENUM
};

// "ENOMEM" for Errno::NoMem; "E?" for a number not in the list.
constexpr const char* errno_name(Errno e) {
  switch (e) {
#define SEAOS_ERRNO_CASE(name, number, text) \
  case Errno::name:                          \
    return text;
    SEAOS_ERRNO_LIST(SEAOS_ERRNO_CASE)
#undef SEAOS_ERRNO_CASE
  }
  return "E?";
}

}  // namespace ktl
