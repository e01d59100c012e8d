"""Lab 8 grader: ELF and dynamic linking; the hole is mapping PT_LOAD segments with mmap,
PT_INTERP and the auxiliary vector (src/elf).

Test programs (kind "program", see common.py):
  /tests/static_hello   a static musl program, segments mapped, .bss zeroed
  /tests/dynamic_hello  a dynamic musl program: the kernel maps /lib/ld-musl-<arch>.so.1
                        (PT_INTERP), which relocates and runs it
  /tests/auxv           AT_PHDR, AT_ENTRY, AT_PAGESZ, AT_RANDOM are right

PENDING until src/elf and the musl user space exist.
"""
from labs import common

LAB = 8
PENDING = "src/elf and dynamically linked musl programs are not there yet"
FOLDER = "8-elf"

TESTS = (
    ("static musl program runs", "program", "/tests/static_hello", {1: 10}),
    ("dynamic musl program runs through PT_INTERP", "program", "/tests/dynamic_hello",
     {1: 10, 4: 5}),
    ("auxiliary vector is right", "program", "/tests/auxv", {1: 15}),
)
ANSWER_POINTS = 20


def add(suite, ctx):
    common.add_table(suite, ctx, LAB, FOLDER, TESTS, ANSWER_POINTS)
