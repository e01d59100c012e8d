"""Lab 7 grader: mmap; the hole is regions, demand paging, copy-on-write, MAP_SHARED and
munmap splitting a region (src/mm address spaces).

Test programs (kind "program", see common.py):
  /tests/mmap_anon    anonymous mappings are zero-filled and filled only when touched
                      (the free-page count moves page by page)
  /tests/cow          fork shares pages; a write by either side copies exactly one page
  /tests/mmap_shared  MAP_SHARED|MAP_ANONYMOUS is seen by parent and child
  /tests/munmap_split munmap and mprotect in the middle of a region split it in three;
                      a touch of the hole faults (SIGSEGV), the ends still work

PENDING until address spaces, regions and the page-fault handler exist.
"""
from labs import common

LAB = 7
PENDING = "address spaces, regions and page-fault handling are not written yet"
FOLDER = "7-mmap"

TESTS = (
    ("anonymous mmap is demand-paged and zeroed", "program", "/tests/mmap_anon", {1: 10}),
    ("copy-on-write after fork", "program", "/tests/cow", {1: 5, 4: 5}),
    ("MAP_SHARED is shared", "program", "/tests/mmap_shared", {1: 10}),
    ("munmap/mprotect split regions", "program", "/tests/munmap_split", {1: 10}),
)
ANSWER_POINTS = 20


def add(suite, ctx):
    common.add_table(suite, ctx, LAB, FOLDER, TESTS, ANSWER_POINTS)
