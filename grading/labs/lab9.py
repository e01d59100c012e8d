"""Lab 9 grader: files and pipes; the hole is pipes, dup/dup2 and read/write through the
page cache (src/fs).

Test programs (kind "program", see common.py):
  /tests/pipe       a pipe between parent and child carries 1 MiB intact; EOF when the
                    writer closes, EPIPE/SIGPIPE when the reader has
  /tests/dup        dup/dup2 share one file offset; close-on-exec
  /tests/pagecache  write() then mmap() of the same file sees the data and the reverse;
                    both go through the page cache

PENDING until src/fs exists.
"""
from labs import common

LAB = 9
PENDING = "src/fs (VFS, pipes, page cache) is not written yet"
FOLDER = "9-files"

TESTS = (
    ("pipe carries 1 MiB, EOF and EPIPE", "program", "/tests/pipe", {1: 5, 4: 10}),
    ("dup and dup2 share the offset", "program", "/tests/dup", {1: 10}),
    ("read/write and mmap agree through the page cache", "program", "/tests/pagecache",
     {1: 15}),
)
ANSWER_POINTS = 20


def add(suite, ctx):
    common.add_table(suite, ctx, LAB, FOLDER, TESTS, ANSWER_POINTS)
