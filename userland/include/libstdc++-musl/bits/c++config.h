// bits/c++config.h (SeaOS user space) - GCC's C++ headers, told they sit on musl.
//
// User programs use the header-only parts of the C++ library (<array>, <algorithm>,
// <span>, <string_view>, <optional>, <ranges>, <atomic>, <mutex>, ...) but are built
// against musl's C headers and link no libstdc++. The libstdc++ headers that come with
// Debian's gcc/g++ (and aarch64-linux-gnu-g++) were configured for glibc, and in four
// places they assume it. Every libstdc++ header includes <bits/c++config.h> first, and
// this directory is searched before GCC's own, so this wrapper can set things right
// around the real file (#include_next) before anything else is read.
//
// Compile-only: code that needs libstdc++'s compiled part (iostreams, std::locale,
// std::thread's constructor, std::filesystem, ...) still compiles but will not link.
#ifndef SEAOS_USERLAND_CXXCONFIG_MUSL_H
#define SEAOS_USERLAND_CXXCONFIG_MUSL_H

// 1. os_defines.h asks __GLIBC_PREREQ(major, minor), a glibc macro musl does not define
//    (without it the preprocessor stops at the first #if). GCC 12 asks about 2.15 (gets
//    gone), 2.23 (no obsolete isinf/isnan), 2.27 (pthread_self usable everywhere) and
//    2.34 (all of pthreads inside libc). musl answers yes to each; in particular the
//    2.34 answer turns off libstdc++'s weak pthread references, without which a
//    statically linked program that never names pthread_cancel would get a std::mutex
//    that silently does not lock (its "is the program threaded?" probe reads null).
#ifndef __GLIBC_PREREQ
#define __GLIBC_PREREQ(major, minor) 1
#endif

#include_next <bits/c++config.h>

// 2. Functions configure found in glibc 2.30+ and 2.36 that musl does not have:
//    <mutex>, <condition_variable>, <shared_mutex> and <atomic> fall back to the POSIX
//    timed calls, <cuchar> to not offering mbrtoc8/c8rtomb.
#undef _GLIBCXX_USE_PTHREAD_COND_CLOCKWAIT
#undef _GLIBCXX_USE_PTHREAD_MUTEX_CLOCKLOCK
#undef _GLIBCXX_USE_PTHREAD_RWLOCK_CLOCKLOCK
#undef _GLIBCXX_USE_UCHAR_C8RTOMB_MBRTOC8_CXX20
#undef _GLIBCXX_USE_UCHAR_C8RTOMB_MBRTOC8_FCHAR8_T

// 3. The locale headers name glibc's spelling of locale_t. musl's locale_t is a pointer
//    to the same-named struct, so this typedef declares the identical type.
typedef struct __locale_struct *__locale_t;

// 4. std::ctype_base takes its class masks from glibc's <ctype.h> (<memory> reaches it
//    through <ostream> in C++20). The values are glibc's, as the header expects; they
//    matter only to std::ctype<char>, which lives in libstdc++.so and is not linked.
#define _ISupper 0x0100
#define _ISlower 0x0200
#define _ISalpha 0x0400
#define _ISdigit 0x0800
#define _ISxdigit 0x1000
#define _ISspace 0x2000
#define _ISprint 0x4000
#define _ISgraph 0x8000
#define _ISblank 0x0001
#define _IScntrl 0x0002
#define _ISpunct 0x0004
#define _ISalnum 0x0008

#endif  // SEAOS_USERLAND_CXXCONFIG_MUSL_H
