# tests/unit/mm.mk - the host-testable sources of src/mm (see tests/unit/mm_*.cc).
# Kernel-only mm files (physical.cc, kmalloc.cc, new.cc, selftest.cc, bench.cc) need
# <arch/...> and are not built here.
UNIT_SRCS += src/mm/debug.cc src/mm/buddy.cc src/mm/page_cache.cc src/mm/boot_memory.cc \
	src/mm/slab.cc src/mm/heap.cc
