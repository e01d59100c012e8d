# SeaOS - one entry point for building, running, debugging and testing.
#
#   make run                 build and boot x86_64 in QEMU (console on this terminal)
#   make run ARCH=aarch64    the same on aarch64 (QEMU virt)
#   make test                unit tests + boot tests on both architectures
#   make help                every target and variable
#
# Outputs go to build/<arch>/ only. Arch-specific rules live in arch/<arch>/arch.mk.
# The kernel keeps frame pointers and makes no sibling (tail) calls, so every backtrace,
# the kernel's own and GDB's, shows each caller.

ARCH    ?= x86_64
SMP     ?= 4
MEM     ?= 512M
CMDLINE ?=
# GDB port derived from the user id, so students sharing a machine do not collide.
GDBPORT ?= $(shell echo $$((26000 + $$(id -u) % 30000)))

ifeq ($(filter $(ARCH),x86_64 aarch64),)
$(error ARCH must be x86_64 or aarch64, not '$(ARCH)')
endif

B := build/$(ARCH)
PYTHON := python3

.DEFAULT_GOAL := all
# User programs and the initrd (USER_INITRD) first: the boot images depend on them.
include userland/userland.mk
include arch/$(ARCH)/arch.mk

CXX     := $(CROSS)g++
NM      := $(CROSS)nm
OBJCOPY := $(CROSS)objcopy

CXXFLAGS := -std=c++20 -O2 -g -ffreestanding -fno-exceptions -fno-rtti -fno-threadsafe-statics \
	-fno-stack-protector -fno-pic -fno-omit-frame-pointer -mno-omit-leaf-frame-pointer \
	-fno-asynchronous-unwind-tables -fno-unwind-tables -fno-tree-loop-distribute-patterns \
	-fno-optimize-sibling-calls \
	-nostdlib -Wall -Wextra -Werror -MMD -MP \
	-Isrc -Iarch/include -Iarch/$(ARCH)/include $(ARCH_CXXFLAGS)
ASFLAGS  := $(CXXFLAGS) -D__ASSEMBLY__
LDFLAGS  := -nostdlib -static -no-pie -Wl,--build-id=none -Wl,-z,max-page-size=0x1000 \
	-Wl,-T,$(ARCH_LDSCRIPT) $(ARCH_LDFLAGS)

KERNEL_SRCS := $(sort $(shell find src arch/$(ARCH) -name '*.cc' -o -name '*.S'))
KERNEL_OBJS := $(patsubst %,$(B)/obj/%.o,$(KERNEL_SRCS))

.PHONY: all kernel image run qemu-gdb gdb bochs test unit boot-test deps clean help print-qemu

all: kernel image

kernel: $(B)/kernel.elf

# Objects depend on the flags they were built with: changing a flag rebuilds everything.
$(B)/cxxflags: FORCE
	@mkdir -p $(B)
	@echo '$(CXXFLAGS)' | cmp -s - $@ || echo '$(CXXFLAGS)' > $@

$(B)/obj/%.cc.o: %.cc $(B)/cxxflags
	@mkdir -p $(dir $@)
	$(CXX) $(CXXFLAGS) -c $< -o $@

$(B)/obj/%.S.o: %.S $(B)/cxxflags
	@mkdir -p $(dir $@)
	$(CXX) $(ASFLAGS) -c $< -o $@

# Two links: the first gives the symbol table that the second embeds in .ksyms, the last
# section of the image, so nothing else moves (ksyms.py --verify checks that).
$(B)/kernel.pass1.elf: $(KERNEL_OBJS) $(ARCH_LDSCRIPT)
	$(CXX) $(CXXFLAGS) $(LDFLAGS) $(KERNEL_OBJS) -lgcc -o $@

$(B)/ksyms.S: $(B)/kernel.pass1.elf tools/scripts/ksyms.py
	$(PYTHON) tools/scripts/ksyms.py --nm $(NM) $< > $@

$(B)/kernel.elf: $(B)/kernel.pass1.elf $(B)/ksyms.S
	$(CXX) $(ASFLAGS) -c $(B)/ksyms.S -o $(B)/ksyms.o
	$(CXX) $(CXXFLAGS) $(LDFLAGS) $(KERNEL_OBJS) $(B)/ksyms.o -lgcc -o $@
	$(PYTHON) tools/scripts/ksyms.py --nm $(NM) --verify $< $@

image: $(IMAGE) $(USER_INITRD)

# ---- running and debugging ------------------------------------------------------------
QEMU_RUN := $(QEMU_BASE) -nographic

run: deps-check image
	@echo "SeaOS $(ARCH), $(SMP) CPUs, $(MEM) RAM. Quit QEMU with Ctrl-A X."
	@# SeaOS powers off with status 33 for success (contract/power.hh): that is a clean exit.
	$(QEMU_RUN) || test $$? -eq 33

qemu-gdb: image
	@echo "QEMU waits for GDB on port $(GDBPORT): run 'make gdb ARCH=$(ARCH)' in another terminal."
	$(QEMU_RUN) -S -gdb tcp:127.0.0.1:$(GDBPORT)

$(B)/gdbinit: tools/gdb/gdbinit.in FORCE
	@mkdir -p $(B)
	sed -e 's|@KERNEL@|$(B)/kernel.elf|g' -e 's|@PORT@|$(GDBPORT)|g' \
	    -e 's|@GDBARCH@|$(GDB_ARCH)|g' -e 's|@TOP@|$(CURDIR)|g' $< > $@

gdb: $(B)/kernel.elf $(B)/gdbinit
	gdb-multiarch -q -x $(B)/gdbinit

# Prints the QEMU command line for this ARCH/SMP/MEM/CMDLINE (the test runner uses it,
# so the Makefile stays the one place that knows how to boot SeaOS).
print-qemu: image
	@printf '%s\n' '$(QEMU_BASE)'


# GDB walkthroughs of a lab's subsystem (tools/gdb/walk/<lab>.gdb), in batch mode.
.PHONY: walk
walk: $(B)/kernel.elf
	@test -n "$(LAB)" || { echo "usage: make walk LAB=n [ARCH=aarch64]"; exit 2; }
	$(PYTHON) tools/gdb/walk/run.py --lab $(LAB) --arch $(ARCH)

# ---- tests --------------------------------------------------------------------------------
HOST_CXX := g++
UNIT_SRCS := $(sort $(wildcard tests/unit/*.cc)) src/lib/format.cc src/lib/string.cc \
	src/kernel/cmdline.cc src/kernel/machine.cc src/kernel/ksyms.cc \
	src/kernel/ksyms_empty.cc
UNIT_BIN := build/host/unit_tests
# Each subsystem lists its host-testable sources in tests/unit/<subsystem>.mk (UNIT_SRCS += ...).
include $(wildcard tests/unit/*.mk)

$(UNIT_BIN): $(UNIT_SRCS) $(wildcard src/*/*.hh tests/unit/*.hh)
	@mkdir -p $(dir $@)
	$(HOST_CXX) -std=c++20 -g -O1 -Wall -Wextra -Werror -Isrc -Iarch/include -Itests/unit/host \
	    $(UNIT_SRCS) -lCppUTest -lCppUTestExt -o $@

unit: $(UNIT_BIN)
	$(UNIT_BIN) -v

# Everything: unit tests, then boot tests on both architectures. Ends with "N passed, N failed".
test: deps-check
	$(PYTHON) grading/run_tests.py

boot-test:
	$(PYTHON) grading/run_tests.py --only boot --arch $(ARCH)

# ---- labs: grading, handouts and their proofs -------------------------------------------
#   make grade [LAB=n]       grade the labs so far (or lab n); both archs unless ARCH= is given
#   make handout LAB=n       the staged tree for lab n in build/handout/lab<n>/
#   make lab-branches        local branches lab1..lab10, one commit each (checkout untouched)
#   make check-labs [LAB=n]  prove the graders: main full marks, each handout zero on its lab
#   make handout-docs        the lab READMEs and the book as HTML in build/handout-docs/
#   make gradescope LAB=n    the Gradescope autograder zip in build/gradescope/
LAB ?=
LAB_ARCH = $(if $(filter command line environment,$(origin ARCH)),--arch $(ARCH))

.PHONY: grade handout lab-branches check-labs handout-docs gradescope
grade:
	$(PYTHON) grading/grade.py $(if $(LAB),--lab $(LAB)) $(LAB_ARCH)

handout:
	@test -n "$(LAB)" || { echo "usage: make handout LAB=n"; exit 2; }
	$(PYTHON) labs/handout.py --lab $(LAB)

lab-branches:
	$(PYTHON) labs/handout.py --branches .

check-labs:
	$(PYTHON) labs/check_labs.py $(if $(LAB),--lab $(LAB)) $(LAB_ARCH)

handout-docs:
	$(PYTHON) labs/render_docs.py

gradescope:
	$(PYTHON) grading/gradescope/make_autograder.py $(if $(LAB),--lab $(LAB))

# ---- benchmarks ---------------------------------------------------------------------------
#   make bench [ARCH=a] [BENCH_SMP=n]  userland/bench on SeaOS and Debian's Linux, same QEMU;
#                                      both archs unless ARCH is given (docs/benchmarks.md)
BENCH_SMP ?= 1
.PHONY: bench
bench: deps-check
	bash tools/bench/fetch-linux.sh $(if $(LAB_ARCH),$(ARCH))
	$(PYTHON) tools/bench/run.py $(LAB_ARCH) --smp $(BENCH_SMP) --mem $(MEM)

# ---- set-up -------------------------------------------------------------------------------
deps:
	bash tools/scripts/deps.sh

deps-check:
	@bash tools/scripts/deps.sh --check >/dev/null 2>&1 || bash tools/scripts/deps.sh

clean:
	rm -rf build/x86_64/obj build/aarch64/obj build/host build/*/kernel*.elf build/*/*.iso \
	    build/aarch64/Image build/*/userland build/*/initrd.cpio
	rm -rf build/handout build/check-labs build/grade build/handout-docs build/gradescope

help:
	@sed -n 's/^#   //p' Makefile
	@echo "targets: run qemu-gdb gdb walk bochs bochs-debug bochs-test bochs-debug-test test unit"
	@echo "         boot-test deps clean image kernel"
	@echo "labs:    grade handout lab-branches check-labs handout-docs gradescope"
	@echo "vars:    ARCH=$(ARCH) SMP=$(SMP) MEM=$(MEM) CMDLINE='$(CMDLINE)' GDBPORT=$(GDBPORT)"

FORCE:

-include $(KERNEL_OBJS:.o=.d)
