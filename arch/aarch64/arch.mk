# arch/aarch64/arch.mk - how to build and boot SeaOS on aarch64 (QEMU `virt`).
#
# The kernel is linked at kKernelBase + its physical load address, so it runs in the top
# 2 GiB of the address space. The small code model reaches everything PC-relatively
# (ADRP, +-4 GiB), which works at any address as long as the image itself is smaller
# than 4 GiB: the same code runs at its physical address before the MMU is on and at its
# link address after. -mno-outline-atomics keeps GCC from calling libgcc's LSE helpers,
# which need the C library's getauxval. --param=min-pagesize=0 tells GCC 12 that small
# constant addresses are real addresses, not null-pointer arithmetic (it would otherwise
# reject the deliberate write to 0x8 in selftest.cc with -Warray-bounds).
#
# QEMU boots ELF files as bare-metal programs: it neither loads an -initrd for them nor
# tells them where the device tree is. So the bootable image is a Linux arm64 `Image`
# (the ELF flattened by objcopy, with the arm64 Image header at its start, see head.S):
# QEMU then loads it like Linux, passes the device tree in x0 and fills /chosen with
# bootargs (-append) and linux,initrd-start/end (-initrd). build/aarch64/kernel.elf
# stays the symbol file for GDB.
#
#   AARCH64_CPU=max    any QEMU CPU model (default cortex-a72)
#   AARCH64_EL2=1      virt,virtualization=on: the kernel is entered at EL2 and drops to EL1
#   AARCH64_GIC=3      virt,gic-version=3: a GICv3 instead of the default GICv2
#   INITRD=<file>      passed to QEMU as -initrd (found through /chosen); default: the
#                      initrd built from userland/ (USER_INITRD)

CROSS := aarch64-linux-gnu-
ARCH_CXXFLAGS := -mgeneral-regs-only -march=armv8-a -mcmodel=small -mno-outline-atomics \
	-mbranch-protection=none --param=min-pagesize=0
ARCH_LDFLAGS := -Wl,-z,noexecstack -Wl,-z,norelro
ARCH_LDSCRIPT := arch/aarch64/linker.ld
GDB_ARCH := aarch64

AARCH64_CPU ?= cortex-a72
INITRD ?= $(USER_INITRD)
AARCH64_EL2 ?= 0
AARCH64_GIC ?= 2

IMAGE := $(B)/Image

$(B)/Image: $(B)/kernel.elf
	$(OBJCOPY) -O binary $< $@

aarch64_comma := ,
aarch64_machine := virt$(if $(filter 1 yes on,$(AARCH64_EL2)),$(aarch64_comma)virtualization=on)$(if \
	$(filter 3,$(AARCH64_GIC)),$(aarch64_comma)gic-version=3)

QEMU_BASE = qemu-system-aarch64 -M $(aarch64_machine) -cpu $(AARCH64_CPU) -smp $(SMP) -m $(MEM) \
	-kernel $(IMAGE) -initrd $(INITRD) -append "$(CMDLINE)" \
	-semihosting-config enable=on,target=native -no-reboot
