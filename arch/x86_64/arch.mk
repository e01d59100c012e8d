# arch/x86_64/arch.mk - how to build and boot SeaOS on x86_64 (QEMU q35, GRUB, Bochs).
#
# The kernel is an ELF64 file that GRUB loads through Multiboot2. It is linked at
# kKernelBase + its physical load address (phys 0x200000 -> 0xffffffff80200000), so
# -mcmodel=kernel applies: every symbol lives in the top 2 GiB and is reached with
# sign-extended 32-bit addresses. Only the Multiboot2 header and the 32-bit entry sit at
# their physical address (section .boot, see linker.ld).
#
# Kernel code must not touch the SSE/x87 registers (they belong to user threads and are
# saved lazily), hence -mgeneral-regs-only; there is no red zone because an interrupt
# pushes its frame right below the interrupted code's stack pointer.
#
# The bootable image is a GRUB rescue ISO. The kernel command line is written into its
# grub.cfg, so the ISO is named after a hash of CMDLINE: runs with different command
# lines (parallel tests) get different files, and a repeated command line reuses its ISO.

CROSS :=
ARCH_CXXFLAGS := -m64 -march=x86-64 -mno-red-zone -mcmodel=kernel -mgeneral-regs-only \
	-fcf-protection=none --param=min-pagesize=0
ARCH_LDFLAGS := -Wl,-z,noexecstack -Wl,-z,norelro -Wl,--no-warn-rwx-segments
ARCH_LDSCRIPT := arch/x86_64/linker.ld
GDB_ARCH := i386:x86-64

# CMDLINE as one shell word (single quotes, with any ' inside written as '\'').
x86_cmdline_word = '$(subst ','\'',$(CMDLINE))'
x86_cmdline_hash := $(shell printf '%s' $(x86_cmdline_word) | md5sum | cut -c1-8)
IMAGE := $(B)/boot-$(x86_cmdline_hash).iso

# The initrd (userland/userland.mk) becomes a Multiboot2 module.
$(IMAGE): $(B)/kernel.elf arch/x86_64/mkiso.sh $(USER_INITRD)
	sh arch/x86_64/mkiso.sh $@ $(B)/kernel.elf $(x86_cmdline_word) $(B)/initrd.cpio

# q35 rather than pc: it is the modern chipset (PCIe with an ECAM window described by
# ACPI's MCFG, like aarch64 virt), and its ACPI tables list the CPUs in a MADT.
# -cpu max: every feature TCG emulates (NX, 1 GiB pages, x2APIC, SMEP/SMAP, ...).
QEMU_BASE = qemu-system-x86_64 -M q35 -cpu max -smp $(SMP) -m $(MEM) \
	-cdrom $(IMAGE) -boot d -device isa-debug-exit,iobase=0xf4,iosize=0x04 -no-reboot

# ---- Bochs (x86 only) -------------------------------------------------------------------
# `make bochs` boots the same ISO in Bochs with the text-terminal display. Debian's Bochs
# has its debugger built in: this terminal becomes the debugger (continue.rc starts the
# machine, Ctrl-C stops it, `q` quits) and the VGA screen is drawn on the pty Bochs names
# ("Bochs connected to screen /dev/pts/N": `cat` it from another terminal). COM1 goes to
# build/x86_64/bochs-serial.log. `make bochs-test` is the headless check
# (tools/bochs/boot-test.sh); more in tools/bochs/README.md.
x86_mem_number = $(patsubst %G,%,$(patsubst %g,%,$(patsubst %M,%,$(patsubst %m,%,$(MEM)))))
BOCHS_MEGS = $(if $(filter %G %g,$(MEM)),$(shell echo $$(($(x86_mem_number) * 1024))),$(x86_mem_number))
BOCHS_ENV = BOCHS_ISO=$(IMAGE) BOCHS_SERIAL=$(B)/bochs-serial.log BOCHS_LOG=$(B)/bochs.log \
	BOCHS_MEGS=$(BOCHS_MEGS)

.PHONY: bochs bochs-test
bochs: $(IMAGE)
	$(BOCHS_ENV) bochs -q -f tools/bochs/bochsrc -rc tools/bochs/continue.rc

bochs-test: $(IMAGE)
	BOCHS_MEGS=$(BOCHS_MEGS) sh tools/bochs/boot-test.sh $(IMAGE)

# `make bochs-debug`: Bochs's internal debugger stops at the Multiboot2 entry, the switch
# to long mode and kernel_main, printing the control registers and the GDT at each stop
# (docs/bochs.md). `make bochs-debug-test` checks those stops headless.
.PHONY: bochs-debug bochs-debug-test
$(B)/bochs-debug.rc: $(B)/kernel.elf tools/bochs/make_debug_rc.py
	$(PYTHON) tools/bochs/make_debug_rc.py --kernel $< --out $@ --nm $(NM) --objdump $(CROSS)objdump
bochs-debug: $(IMAGE) $(B)/bochs-debug.rc
	$(BOCHS_ENV) bochs -q -f tools/bochs/bochsrc -rc $(B)/bochs-debug.rc
bochs-debug-test: $(IMAGE) $(B)/bochs-debug.rc
	BOCHS_MEGS=$(BOCHS_MEGS) sh tools/bochs/debug-test.sh $(IMAGE) $(B)/bochs-debug.rc
