"""Lab 1 grader: boot and tools; the hole is print_backtrace() in src/kernel/panic.cc.

What a working backtrace shows, on both architectures and with 1 and 4 CPUs:
- `test=fault` makes the kernel write to an unmapped address; the exception report ends
  in a backtrace that names, innermost first, deliberate_fault, selftest::run and
  kernel_main, and the kernel powers off with the failure status (QEMU exit 35);
- the kernel monitor's `backtrace` command names monitor::run and kernel_main.
Every frame must match the booted kernel.elf's symbol table (seaos/backtrace.py), so
printing the expected names does not pass. The answers file must be filled in.

The stubbed handout still boots to the banner (the 0-point preconditions) and prints
"backtrace: (not written yet: lab 1)", which names no frame: zero points.
"""
from seaos import backtrace, machine

from labs import common

LAB = 1
PENDING = None
FOLDER = "1-boot"

FAULT_POINTS = {1: 15, 4: 10}
MONITOR_POINTS = {1: 10, 4: 5}
ANSWER_POINTS = 20
FAULT_CALLERS = ("deliberate_fault", "selftest::run", "kernel_main")
# kernel_main's last call is monitor::run: the Makefile's -fno-optimize-sibling-calls
# keeps it a real call, so kernel_main's frame is there to find on both architectures.
MONITOR_CALLERS = ("monitor::run", "kernel_main")


def fault_test(ctx, arch, smp):
    def run():
        budget, token = common.Budget(120), common.nonce()
        # fatal: is this test's expected output, so only a panic is forbidden here.
        with common.boot("lab1-fault-%s-smp%d" % (arch, smp), arch, smp,
                         "test=fault nonce=%s" % token, mem=ctx.mem,
                         forbid=(r"KERNEL PANIC",)) as m:
            common.expect_banner(m, arch, smp, ctx.mib, token, budget)
            m.expect(r"deliberate fault", timeout=budget.left())
            m.expect(r"(?i)page fault|data abort", timeout=budget.left())
            m.expect(r"backtrace:", timeout=budget.left())
            m.expect_exit(machine.EXIT_FAIL, timeout=budget.left())
            report = m.output[m.output.rfind("deliberate fault"):]
            backtrace.check(report, arch, FAULT_CALLERS)
            if "selftest fault: PASS" in m.output:
                raise machine.MachineError("the kernel claimed the fault test passed")
    return run


def monitor_test(ctx, arch, smp):
    def run():
        budget, token = common.Budget(120), common.nonce()
        with common.boot("lab1-monitor-%s-smp%d" % (arch, smp), arch, smp,
                         "nonce=%s" % token, mem=ctx.mem) as m:
            common.expect_banner(m, arch, smp, ctx.mib, token, budget)
            m.expect(r"seaos> ", timeout=budget.left())
            m.send("backtrace\r")
            start = m.expect(r"backtrace:", timeout=budget.left()).start()
            end = m.expect(r"seaos> ", timeout=budget.left()).start()
            backtrace.check(m.output[start:end], arch, MONITOR_CALLERS)
            m.send("poweroff\r")
            m.expect_exit(machine.EXIT_PASS, timeout=budget.left())
    return run


def add(suite, ctx):
    banners = common.add_banner_preconditions(suite, ctx, LAB)
    for arch in ctx.arches:
        for smp in ctx.smps:
            points = FAULT_POINTS.get(smp, 5)
            suite.add(common.test_name(LAB, arch, smp, "fault report backtrace names "
                                       + " <- ".join(FAULT_CALLERS)),
                      fault_test(ctx, arch, smp), points=points, deps=(banners[arch, smp],),
                      tags=common.tags(LAB, arch, points))
            points = MONITOR_POINTS.get(smp, 5)
            suite.add(common.test_name(LAB, arch, smp, "monitor 'backtrace' names "
                                       + " <- ".join(MONITOR_CALLERS)),
                      monitor_test(ctx, arch, smp), points=points, deps=(banners[arch, smp],),
                      tags=common.tags(LAB, arch, points))
    suite.add("lab1: answers.md has an answer to every question",
              common.answers_test(FOLDER), points=ANSWER_POINTS, tags=common.tags(LAB))
