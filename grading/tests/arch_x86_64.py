"""x86_64 architecture tests: page tables and the kernel map (W^X, guard pages), the
timer and interrupt controllers, and user mode with system calls and exceptions.

Each runs an in-kernel self-test from the command line (arch/x86_64/selftest/,
src/mm/paging_selftest.cc, src/mm/kernel_stack.cc). Passing self-tests print a
nonce-tagged PASS line and power off with 33; the two fault tests must instead stop the
kernel with the right report and exit 35.
"""
import secrets

from seaos.machine import EXIT_FAIL, EXIT_PASS, Machine, MachineError

ARCH = "x86_64"
TAGS = ("boot", ARCH, "arch")


def selftest(name, smp=2, mem="512M", expect=()):
    def run():
        nonce = secrets.token_hex(6)
        with Machine(ARCH, smp=smp, mem=mem, cmdline="test=%s nonce=%s poweroff" % (name, nonce),
                     name="x86-selftest-%s-smp%d-%s" % (name, smp, mem)) as m:
            m.expect(r"mmu: kernel map: \d+ MiB RAM in the direct map", timeout=60)
            for pattern in expect:
                m.expect(pattern)
            m.expect(r"\[%s\] selftest %s: PASS" % (nonce, name))
            m.expect_exit(EXIT_PASS)
            if "W+X" in m.output:
                raise MachineError("the kernel map has W+X pages")
    return run


def fault_selftest(name, patterns):
    def run():
        with Machine(ARCH, smp=1, cmdline="test=%s poweroff" % name, name="x86-fault-" + name,
                     forbid=()) as m:
            for i, pattern in enumerate(patterns):
                m.expect(pattern, timeout=60 if i == 0 else 30)
            m.expect_exit(EXIT_FAIL)
            if "selftest %s: PASS" % name in m.output:
                raise MachineError("the %s test claimed to pass" % name)
    return run


def add(suite):
    for smp in (1, 4):
        suite.add("x86_64: page tables - map/unmap/protect/query, 2 MiB split, user tables, "
                  "no leak (-smp %d)" % smp, selftest("paging", smp=smp), tags=TAGS)
    suite.add("x86_64: page tables at -m 4G (RAM above 4 GiB, 1 GiB pages in the direct map)",
              selftest("paging", mem="4G", expect=(r"[1-9]\d* 1 GiB pages",)), tags=TAGS)
    suite.add("x86_64: page tables at -m 2G", selftest("paging", mem="2G"), tags=TAGS)
    suite.add("x86_64: write to kernel text gives a protection-fault report, exit 35",
              fault_selftest("wx", (
                  r"wx: kernel text +0x[0-9a-f]+ RX\s",
                  r"page fault \(#PF, vector 14\), error code 0x3, in kernel mode",
                  r"protection violation, write, kernel mode",
                  r"write to kernel text \(R X\)",
                  r"fatal: unhandled page fault \(#PF\) in kernel mode: write to read-only",
                  r"backtrace:",
                  r"arch_selftest::wx",
                  r"kernel_main")), tags=TAGS)
    suite.add("x86_64: kernel stack overflow hits the guard gap, reported from the #DF IST "
              "stack, exit 35",
              fault_selftest("stackoverflow", (
                  r"stackoverflow: recursing on the kernel stack",
                  r"double fault \(#DF, vector 8\)",
                  r"kernel stack overflow: 0x[0-9a-f]+ is in the unmapped guard gap",
                  r"fatal: unhandled double fault \(#DF\) in kernel mode: kernel stack overflow",
                  r"backtrace:",
                  r"recurse")), tags=TAGS)
    suite.add("x86_64: LAPIC tick rate, monotonic clock, PIT through the I/O APIC, RTC",
              selftest("timer", expect=(r"timer: \d+ ticks at 100 Hz",
                                        r"timer: \d+ PIT interrupts through the I/O APIC")),
              tags=TAGS)
    suite.add("x86_64: ring 3 - syscall with its six arguments, -ENOSYS back, #UD #BP #GP #DE "
              "#PF as signals", selftest("usermode", expect=(
                  r"usermode: system call 999 \(1 2 3 4 5 6\) from cs 0x2b",
                  r"signal 4 code 0x2",
                  r"signal 11 code 0x1 address 0 ")), tags=TAGS)
    suite.add("x86_64: user mode at -smp 4", selftest("usermode", smp=4), tags=TAGS)
