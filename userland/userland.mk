# userland/userland.mk - user space: programs over musl, and the initrd they live in.
#
# Included by the top-level Makefile; also works on its own, which is how
# tools/scripts/check-userland.sh proves the toolchain without a kernel:
#   make -f userland/userland.mk ARCH=aarch64 initrd
#
#   make userland             every program, for $(ARCH)
#   make initrd               build/$(ARCH)/initrd.cpio (the programs + musl + skeleton)
#   make userland-clean       remove build/$(ARCH)/userland and the initrd
#   USERLAND_LINK=static      link every program statically (for a kernel without
#                             PT_INTERP support); by default each program chooses
#   EXTRA_ROOT=<dir>          a tree copied over the initrd's root (EXTRA=<dir> also works)
#   MUSL_ROOT=<dir>           where musl's Debian packages are unpacked (see toolchain.mk)
#
# How a program is built: userland/make/toolchain.mk. How programs are declared:
# userland/make/program.mk and userland/*/programs.mk. The initrd: userland/make/initrd.mk.

ARCH ?= x86_64
ifeq ($(filter $(ARCH),x86_64 aarch64),)
$(error ARCH must be x86_64 or aarch64, not '$(ARCH)')
endif
USERLAND_LINK ?=
ifneq ($(filter-out static dynamic,$(USERLAND_LINK)),)
$(error USERLAND_LINK must be static, dynamic or empty, not '$(USERLAND_LINK)')
endif
EXTRA_ROOT ?= $(EXTRA)

USER_OUT := build/$(ARCH)/userland
USER_INITRD := build/$(ARCH)/initrd.cpio

# Alone, `make -f userland/userland.mk` builds the initrd; included, the top level's
# default goal stays.
ifeq ($(.DEFAULT_GOAL),)
.DEFAULT_GOAL := initrd
endif

include userland/make/toolchain.mk
include userland/make/program.mk
include $(sort $(wildcard userland/*/programs.mk))
include userland/make/initrd.mk

-include $(USER_CXXRT_OBJ:.o=.d)

.PHONY: userland initrd userland-clean
userland: $(foreach p,$(USER_PROGRAMS),$(user.$(p).bin))

initrd: $(USER_INITRD)

userland-clean:
	rm -rf $(USER_OUT) $(USER_INITRD)
