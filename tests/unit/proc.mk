# tests/unit/proc.mk - the host-testable sources of the user-mode layer (issue 4):
# the syscall table, user-pointer range checks, regions, the initrd reader, ELF parsing
# and the initial stack. Everything else in src/proc, src/syscalls and src/mm/address_space
# needs <arch/...> and is exercised by the user test programs in QEMU (grading/tests/user.py).
UNIT_SRCS += src/mm/region_map.cc src/fs/initrd.cc src/elf/parse.cc src/elf/stack.cc
