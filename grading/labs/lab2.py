"""Lab 2 grader: physical memory; the hole is the buddy allocator and the slab caches
(src/mm/buddy.cc alloc/free and src/mm/slab.cc add_slab/alloc/free, blocks
`LAB 2 physical-memory`).

Two kinds of evidence:
- the in-kernel memory self-test `test=mm` (src/mm/selftest.cc), tagged with the run's
  nonce, on both architectures with 1 and 4 CPUs: every free page taken until ENOMEM and
  given back with free_pages() exactly restored, a block of every order, kmalloc of many
  sizes and until ENOMEM, all counted back;
- the host unit tests of the allocators (tests/unit/mm_buddy.cc, mm_slab.cc,
  mm_heap.cc), CppUTest groups Buddy, Slab and Kmalloc run one group at a time, so a
  student sees which part is wrong.

The stubbed handout fails all of them: its allocators return NoMem.
"""
import os
import subprocess

from seaos import machine

from labs import common

LAB = 2
PENDING = None
FOLDER = "2-physical-memory"

TESTS = (
    ("memory self-test test=mm (every page back, every order, kmalloc)", "selftest",
     ("mm",), {1: 15, 4: 10}),
)
UNIT_GROUPS = (("Buddy", 15), ("Slab", 10), ("Kmalloc", 5))
ANSWER_POINTS = 20


def unit_group_test(group):
    def run():
        machine.make("build/host/unit_tests")
        binary = os.path.join(machine.TOP, "build", "host", "unit_tests")
        res = subprocess.run([binary, "-g", group], capture_output=True, text=True,
                             timeout=300 * machine.SCALE)
        if res.returncode != 0 or "OK (" not in res.stdout:
            raise AssertionError("CppUTest group %s failed:\n%s" % (group, (res.stdout +
                                                                            res.stderr)[-2500:]))
    return run


def add(suite, ctx):
    common.add_table(suite, ctx, LAB, FOLDER, TESTS, ANSWER_POINTS)
    for group, points in UNIT_GROUPS:
        suite.add("lab2: host unit tests, CppUTest group %s" % group, unit_group_test(group),
                  points=points, tags=common.tags(LAB, None, points) + ("unit",))
