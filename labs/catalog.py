"""The ten SeaOS labs: number, folder name, title and the hole each one cuts.

This table is the one place that knows which labs exist. The handout generator checks
marker lab numbers against it, the graders and `make grade` find each lab's folder
(labs/<n>-<name>/) and grader (grading/labs/lab<n>.py) through it, and check_labs.py
walks it in order. A lab's *name* here is its folder name; the name written in a marker
(`LAB 1 backtrace: BEGIN`) names the block, not the lab, so one lab can have many blocks.
"""
import collections
import os

Lab = collections.namedtuple("Lab", "number name title hole")

LABS = (
    Lab(1, "boot", "Boot and tools", "the kernel backtrace"),
    Lab(2, "physical-memory", "Physical memory", "the buddy allocator and slab caches"),
    Lab(3, "page-tables", "Page tables", "the arch MMU map/unmap/query and kernel W^X"),
    Lab(4, "syscalls", "User mode and syscalls",
        "syscall dispatch, UserPtr copies, write/getpid/exit, static exec"),
    Lab(5, "processes", "Processes and scheduling", "fork/wait/exit, preemptive scheduling"),
    Lab(6, "smp", "SMP", "starting the other CPUs (SIPI / PSCI), spinlocks, TLB shootdown"),
    Lab(7, "mmap", "mmap", "regions, demand paging, copy-on-write, MAP_SHARED, munmap splits"),
    Lab(8, "elf", "ELF and dynamic linking", "PT_LOAD by mmap, PT_INTERP, auxv"),
    Lab(9, "files", "Files and pipes", "pipes, dup, read/write through the page cache"),
    Lab(10, "network", "Network", "exporting NIC rings by mmap, switcher forwarding, UDP echo"),
)

BY_NUMBER = {lab.number: lab for lab in LABS}
LABS_DIR = os.path.dirname(os.path.abspath(__file__))


def get(number):
    """The Lab with this number; KeyError names the valid range."""
    try:
        return BY_NUMBER[int(number)]
    except (KeyError, ValueError):
        raise KeyError("no lab %r: labs are numbered 1..%d" % (number, len(LABS))) from None


def folder(lab, top=None):
    """labs/<n>-<name> for this lab, inside the tree `top` (default: this tree)."""
    base = os.path.join(top, "labs") if top else LABS_DIR
    return os.path.join(base, "%d-%s" % (lab.number, lab.name))
