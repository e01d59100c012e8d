"""x86_64 SMP tests: secondary CPUs started with INIT-SIPI-SIPI through the real-mode
trampoline (arch/x86_64/smp/) come online at -smp 1, 2, 4 and 8, and with local APIC ids
that are not 0..n-1 (two sockets of three cores: ids 0,1,2,4,5,6); test=ipi runs a
function on every other CPU through smp::call_on and checks where it ran; test=panic
with four CPUs gives exactly one report and exit 35; the arch self-tests that use the
boot CPU's traps, IST stacks and timer still pass with four CPUs."""
import secrets

from seaos.machine import EXIT_FAIL, EXIT_PASS, Machine, MachineError

ARCH = "x86_64"
TAGS = ("smp", ARCH)

# (label, CPUs, extra QEMU arguments: a later -smp merges into the Makefile's)
ONLINE = (
    ("-smp 1", 1, ()),
    ("-smp 2", 2, ()),
    ("-smp 4", 4, ()),
    ("-smp 8", 8, ()),
    ("-smp 6 sockets=2 cores=3 (APIC ids 0,1,2,4,5,6)", 6, ("-smp", "6,sockets=2,cores=3")),
)


def online_test(smp, extra_args, label):
    def run():
        name = "smp-x86-%d-%d" % (smp, len(extra_args))
        with Machine(ARCH, smp=smp, extra_args=extra_args, name=name, cmdline="poweroff") as m:
            m.expect(r"smp: %d of %d CPUs online" % (smp, smp), timeout=60)
            m.expect_exit(EXIT_PASS)
            if "did not start" in m.output:
                raise MachineError("a secondary CPU failed to start")
    return run


def ipi_test(smp, extra_args=()):
    def run():
        nonce = secrets.token_hex(6)
        with Machine(ARCH, smp=smp, extra_args=extra_args, name="smp-x86-ipi-%d" % smp,
                     cmdline="test=ipi nonce=%s poweroff" % nonce) as m:
            m.expect(r"smp: %d of %d CPUs online" % (smp, smp), timeout=60)
            for cpu in range(1, smp):
                m.expect(r"ipi: function for cpu %d ran on cpu %d\b" % (cpu, cpu))
            m.expect(r"ipi: %d of %d calls ran on the right CPU" % (smp - 1, smp - 1))
            m.expect(r"\[%s\] selftest ipi: PASS" % nonce)
            m.expect_exit(EXIT_PASS)
    return run


def panic_test(smp):
    def run():
        with Machine(ARCH, smp=smp, cmdline="test=panic", name="smp-x86-panic", forbid=()) as m:
            m.expect(r"smp: %d of %d CPUs online" % (smp, smp), timeout=60)
            m.expect(r"KERNEL PANIC: .*deliberate panic")
            m.expect(r"backtrace:")
            m.expect(r"kernel_main")
            m.expect_exit(EXIT_FAIL)
            if m.output.count("KERNEL PANIC") != 1:
                raise MachineError("expected one panic report, got %d" %
                                   m.output.count("KERNEL PANIC"))
    return run


def selftest_at(name, smp, expect_exit=EXIT_PASS, expect=()):
    def run():
        nonce = secrets.token_hex(6)
        with Machine(ARCH, smp=smp, cmdline="test=%s nonce=%s poweroff" % (name, nonce),
                     name="smp-x86-selftest-%s" % name,
                     forbid=() if expect_exit == EXIT_FAIL else (r"KERNEL PANIC", r"fatal: ")) as m:
            m.expect(r"smp: %d of %d CPUs online" % (smp, smp), timeout=60)
            for pattern in expect:
                m.expect(pattern)
            if expect_exit == EXIT_PASS:
                m.expect(r"\[%s\] selftest %s: PASS" % (nonce, name))
            m.expect_exit(expect_exit)
    return run


def add(suite):
    for label, smp, extra in ONLINE:
        suite.add("smp x86_64: %s: all CPUs online (INIT-SIPI-SIPI)" % label,
                  online_test(smp, extra, label), tags=TAGS)
    suite.add("smp x86_64: test=ipi at -smp 4", ipi_test(4), tags=TAGS)
    suite.add("smp x86_64: test=ipi at -smp 6 with APIC ids 0,1,2,4,5,6",
              ipi_test(6, ("-smp", "6,sockets=2,cores=3")), tags=TAGS)
    suite.add("smp x86_64: test=panic at -smp 4: one report, exit 35", panic_test(4), tags=TAGS)
    for name in ("timer", "usermode", "paging", "ksyms"):
        suite.add("smp x86_64: test=%s still passes at -smp 4" % name, selftest_at(name, 4),
                  tags=TAGS)
    suite.add("smp x86_64: kernel stack overflow still reported from the #DF IST at -smp 4",
              selftest_at("stackoverflow", 4, EXIT_FAIL, (r"double fault \(#DF, vector 8\)",
                                                          r"kernel stack overflow")), tags=TAGS)
