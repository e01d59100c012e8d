# userland/make/toolchain.mk - how a SeaOS user program is compiled and linked.
#
# User programs run on SeaOS's Linux ABI against musl, but the compilers on the host
# (gcc/g++ for x86_64, aarch64-linux-gnu-gcc/g++ for aarch64) are configured for glibc.
# Rather than musl-gcc's specs file (Debian ships a usable one only for x86_64), both
# architectures use one explicit scheme, so every path the compiler sees is written here:
#
#   headers   -nostdinc, then (C++ only) our libstdc++ fix-up, GCC's C++ headers, musl's
#             headers, GCC's own headers (stddef.h, arm_neon.h, x86intrin.h, ...)
#   startup   musl's crt1.o (static, ET_EXEC) or Scrt1.o (dynamic, PIE), crti.o/crtn.o,
#             and GCC's crtbegin/crtend, which run .init_array and hold __dso_handle
#   libraries musl's libc.so (dynamic) or libc.a (static), then libgcc.a from the
#             compiler; no libstdc++ - C++ programs get userland/lib/cxxrt.cc instead
#
# musl lives in the same Debian layout on both architectures, under a different root:
#   <root>/usr/include/<arch>-linux-musl   headers
#   <root>/usr/lib/<arch>-linux-musl       crt*.o, libc.a
#   <root>/lib/<arch>-linux-musl/libc.so   libc.so, which is also the dynamic linker
# The root is / for x86_64 (Debian's musl-dev) and build/aarch64/sysroot for aarch64
# (unpacked there by `make deps`); MUSL_ROOT overrides it.

USER_CROSS_x86_64 :=
USER_CROSS_aarch64 := aarch64-linux-gnu-
USER_CC := $(USER_CROSS_$(ARCH))gcc
USER_CXX := $(USER_CROSS_$(ARCH))g++

MUSL_ROOT_x86_64 :=
MUSL_ROOT_aarch64 := build/aarch64/sysroot
MUSL_ROOT ?= $(MUSL_ROOT_$(ARCH))
USER_MUSL_TRIPLET := $(ARCH)-linux-musl
USER_MUSL_INCLUDE := $(MUSL_ROOT)/usr/include/$(USER_MUSL_TRIPLET)
USER_MUSL_LIBDIR := $(MUSL_ROOT)/usr/lib/$(USER_MUSL_TRIPLET)
USER_MUSL_SODIR := $(MUSL_ROOT)/lib/$(USER_MUSL_TRIPLET)
# The path every dynamic program names in PT_INTERP; the initrd installs libc.so there.
USER_INTERP := /lib/ld-musl-$(ARCH).so.1

# Asked of the compiler once per make run. GCC's C++ header directories are the entries
# of its search list that contain "/c++/" (the same list -nostdinc throws away).
USER_GCC_INCLUDE := $(shell $(USER_CC) -print-file-name=include)
USER_LIBGCC := $(shell $(USER_CC) -print-libgcc-file-name)
USER_CRT_DIR := $(dir $(USER_LIBGCC))
USER_CXX_STDINC := $(shell $(USER_CXX) -xc++ -E -v /dev/null 2>&1 | \
	sed -n 's|^ \(/[^ ]*/c++/[^ ]*\)$$|\1|p')

# -mno-outline-atomics: GCC's aarch64 atomics helpers in libgcc.a call __getauxval,
# which musl's libc.so does not export (it is hidden), so a dynamic program using
# atomics would not link; inline LL/SC atomics work on every ARMv8 CPU.
USER_ARCH_FLAGS_x86_64 :=
USER_ARCH_FLAGS_aarch64 := -mno-outline-atomics

# Objects are always position independent, so one object serves both link modes.
USER_COMMON_FLAGS := -O2 -g -fPIE -Wall -Wextra -Werror -MMD -MP \
	-nostdinc -isystem $(USER_MUSL_INCLUDE) -isystem $(USER_GCC_INCLUDE) \
	-Isrc/uapi $(USER_ARCH_FLAGS_$(ARCH))
# C gets the same feature set g++ turns on by itself (_GNU_SOURCE: all of musl's API).
USER_CFLAGS := -std=c17 -D_GNU_SOURCE $(USER_COMMON_FLAGS)
# The fix-up directory must come first: it wraps GCC's <bits/c++config.h>.
USER_CXXFLAGS := -std=c++20 -fno-exceptions -fno-rtti \
	-isystem userland/include/libstdc++-musl $(addprefix -isystem ,$(USER_CXX_STDINC)) \
	$(USER_COMMON_FLAGS)

# Warnings are errors at link time too (a text relocation in a PIE is one).
#
# $(call user_link_dynamic,objects): a PIE whose interpreter is musl's libc.so. libc.so
# is named with -L/-lc, not by its path, because it has no DT_SONAME: ld would copy
# whatever path it was given into DT_NEEDED, while -lc records "libc.so", a name musl's
# dynamic linker knows is itself.
user_link_dynamic = -nostdlib -Wl,--fatal-warnings -pie -Wl,-dynamic-linker,$(USER_INTERP) \
	$(USER_MUSL_LIBDIR)/Scrt1.o $(USER_MUSL_LIBDIR)/crti.o $(USER_CRT_DIR)crtbeginS.o \
	$(1) -L$(USER_MUSL_SODIR) -lc $(USER_LIBGCC) \
	$(USER_CRT_DIR)crtendS.o $(USER_MUSL_LIBDIR)/crtn.o

# $(call user_link_static,objects): a fixed-address ET_EXEC with no interpreter, the
# simplest thing execve can load. crtbeginT.o is what `gcc -static` itself picks.
# libc.a and libgcc.a need each other (e.g. long double arithmetic on aarch64).
user_link_static = -nostdlib -Wl,--fatal-warnings -static -no-pie \
	$(USER_MUSL_LIBDIR)/crt1.o $(USER_MUSL_LIBDIR)/crti.o $(USER_CRT_DIR)crtbeginT.o \
	$(1) -Wl,--start-group $(USER_MUSL_LIBDIR)/libc.a $(USER_LIBGCC) -Wl,--end-group \
	$(USER_CRT_DIR)crtend.o $(USER_MUSL_LIBDIR)/crtn.o
