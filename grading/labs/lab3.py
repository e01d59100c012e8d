"""Lab 3 grader: page tables; the hole is the arch MMU layer - map_step, unmap_locked and
query_locked of arch::PageTable on both architectures (arch/x86_64/mm/page_table.cc and
arch/aarch64/page_table.cc, blocks `LAB 3 page-tables`).

Evidence, on both architectures:
  paging          the in-kernel page-table self-test (src/mm/paging_selftest.cc): map,
                  unmap, protect and query over 4 KiB and 2 MiB ranges, a 2 MiB split,
                  user tables, nothing leaked; nonce-tagged PASS, -smp 1 and -smp 4
  wx              `test=wx` writes to kernel text: with the final kernel map (text RX)
                  that write must fault - x86_64 "protection violation, write, kernel
                  mode", aarch64 "permission fault at level 3, write" - and the report
                  ends in a backtrace and exit status 35 (QEMU)
  stackoverflow   `test=stackoverflow` recurses on a kernel stack until it reaches the
                  unmapped guard gap below it: a "kernel stack overflow" report, a
                  backtrace, exit 35

The stubbed handout cannot build the final kernel map (map_step returns NoSys), so the
kernel stays on the boot map: text is writable, the write in `wx` does not fault, kernel
stacks have no guard gap, and the paging self-test fails - zero points.
"""
import re

from seaos import machine

from labs import common

LAB = 3
PENDING = None
FOLDER = "3-page-tables"

# What the page-fault report of a write to kernel text says on each architecture.
WX_FAULT = {
    "x86_64": r"protection violation, write, kernel mode",
    "aarch64": r"permission fault at level \d, write",
}


def fault_test(name, patterns, seconds=120):
    """A custom test factory: boots test=<name>, expects the banner, then each pattern
    in order (a dict maps arch -> pattern), then exit 35, and no PASS for <name>."""
    def factory(ctx, arch, smp):
        def run():
            budget, token = common.Budget(seconds), common.nonce()
            # fatal: is this test's expected output, so only a panic is forbidden.
            with common.boot("lab%d-%s-%s-smp%d" % (LAB, name, arch, smp), arch, smp,
                             "test=%s nonce=%s" % (name, token), mem=ctx.mem,
                             forbid=(r"KERNEL PANIC",)) as m:
                common.expect_banner(m, arch, smp, ctx.mib, token, budget)
                for pattern in patterns:
                    if isinstance(pattern, dict):
                        pattern = pattern[arch]
                    m.expect(pattern, timeout=budget.left())
                m.expect_exit(machine.EXIT_FAIL, timeout=budget.left())
                if re.search(r"selftest %s: PASS" % re.escape(name), m.output):
                    raise machine.MachineError("the kernel claimed the %s test passed" % name)
        return run
    return factory


TESTS = (
    ("page-table self-test test=paging (map/unmap/protect/query, 2 MiB split, no leak)",
     "selftest", ("paging",), {1: 20, 4: 10}),
    ("W^X: a write to kernel text is a protection/permission page fault, exit 35",
     "custom", fault_test("wx", (r"wx: kernel text +0x[0-9a-f]+ RX", WX_FAULT,
                                 r"backtrace:")), {1: 25}),
    ("kernel stack overflow hits the guard gap and is reported, exit 35",
     "custom", fault_test("stackoverflow", (r"stackoverflow: recursing on the kernel stack",
                                            r"kernel stack overflow", r"backtrace:")),
     {1: 25}),
)
ANSWER_POINTS = 20


def add(suite, ctx):
    common.add_table(suite, ctx, LAB, FOLDER, TESTS, ANSWER_POINTS)
