"""Lab 3 grader: page tables; the hole is the arch MMU map/unmap/protect/query and the
kernel's W^X layout, on both architectures (arch/<isa>/mm blocks `LAB 3`).

Self-tests, tagged with the run's nonce:
  mmu      map a page, query it back (address, protection), remap, unmap, query finds
           nothing; a 2 MiB range; TLB invalidation seen by a second access
  wx       kernel text is read-only + executable, data and the direct map are
           non-executable: a write to text and a jump into data both fault as expected
  directmap every usable RAM page is reachable through the direct map

PENDING until arch/*/mm and the mmu/wx/directmap self-tests land.
"""
from labs import common

LAB = 3
PENDING = "the arch MMU layer and its mmu/wx/directmap self-tests are not in the kernel yet"
FOLDER = "3-page-tables"

TESTS = (
    ("MMU map/query/unmap self-test", "selftest", ("mmu",), {1: 10, 4: 5}),
    ("kernel W^X self-test (text RX, data RW+NX)", "selftest", ("wx",), {1: 15}),
    ("direct map covers all RAM", "selftest", ("directmap",), {1: 10}),
)
ANSWER_POINTS = 20


def add(suite, ctx):
    common.add_table(suite, ctx, LAB, FOLDER, TESTS, ANSWER_POINTS)
