"""SMP tests on both architectures: the other CPUs come online (x86_64: INIT-SIPI-SIPI
through the real-mode trampoline, arch/x86_64/smp/; aarch64: PSCI CPU_ON, also entered at
EL2, on -cpu max and with a GICv3), test=ipi runs a function on every other CPU through
smp::call_on and checks where it ran, test=panic with four CPUs gives exactly one report
and exit 35, and self-tests that use the boot CPU's traps and timer still pass with four
CPUs. One set of test factories; the per-arch tables below say which machines to try.

A variant is (label, CPUs, extra QEMU arguments, extra make variables): a later -smp in
the QEMU arguments replaces the Makefile's (x86_64 sockets/cores give APIC ids that are
not 0..n-1); make variables pick aarch64 CPU models, EL2 entry and the GIC version.
"""
import secrets

from seaos.machine import EXIT_FAIL, EXIT_PASS, Machine, MachineError

VARIANTS = {
    "x86_64": (
        ("-smp 1", 1, (), ()),
        ("-smp 2", 2, (), ()),
        ("-smp 4", 4, (), ()),
        ("-smp 8", 8, (), ()),
        ("-smp 6 sockets=2 cores=3 (APIC ids 0,1,2,4,5,6)", 6, ("-smp", "6,sockets=2,cores=3"),
         ()),
    ),
    "aarch64": (
        ("-smp 1", 1, (), ()),
        ("-smp 2", 2, (), ()),
        ("-smp 4", 4, (), ()),
        ("-smp 8", 8, (), ()),
        ("-smp 4 EL2", 4, (), ("AARCH64_EL2=1",)),
        ("-smp 4 -cpu max", 4, (), ("AARCH64_CPU=max",)),
        ("-smp 4 GICv3", 4, (), ("AARCH64_GIC=3",)),
        ("-smp 8 max EL2 GICv3", 8, (), ("AARCH64_CPU=max", "AARCH64_EL2=1", "AARCH64_GIC=3")),
    ),
}
HOW = {"x86_64": "INIT-SIPI-SIPI", "aarch64": "PSCI CPU_ON"}
# Printed by the arch when a CPU does not report in.
NOT_STARTED = (r"did not start", r"did not come up")


def machine(arch, smp, cmdline, name, extra_args=(), extra_make=(), **kw):
    return Machine(arch, smp=smp, cmdline=cmdline, name=name, extra_args=extra_args,
                   extra_make=extra_make, **kw)


def online_test(arch, label, smp, extra_args, extra_make):
    def run():
        name = "smp-%s-%s" % (arch, "".join(c if c.isalnum() else "_" for c in label))
        with machine(arch, smp, "poweroff", name, extra_args, extra_make) as m:
            m.expect(r"smp: %d of %d CPUs online" % (smp, smp), timeout=60)
            m.expect_exit(EXIT_PASS)
            if any(text in m.output for text in NOT_STARTED):
                raise MachineError("a secondary CPU failed to start")
    return run


def ipi_test(arch, smp, extra_args=(), extra_make=()):
    def run():
        nonce = secrets.token_hex(6)
        with machine(arch, smp, "test=ipi nonce=%s poweroff" % nonce, "smp-%s-ipi-%d" % (arch, smp),
                     extra_args, extra_make) as m:
            m.expect(r"smp: %d of %d CPUs online" % (smp, smp), timeout=60)
            for cpu in range(1, smp):
                m.expect(r"ipi: function for cpu %d ran on cpu %d\b" % (cpu, cpu))
            m.expect(r"ipi: %d of %d calls ran on the right CPU" % (smp - 1, smp - 1))
            m.expect(r"\[%s\] selftest ipi: PASS" % nonce)
            m.expect_exit(EXIT_PASS)
    return run


def panic_test(arch, smp):
    def run():
        with machine(arch, smp, "test=panic", "smp-%s-panic" % arch, forbid=()) as m:
            m.expect(r"smp: %d of %d CPUs online" % (smp, smp), timeout=60)
            m.expect(r"KERNEL PANIC: .*deliberate panic")
            m.expect(r"backtrace:")
            m.expect(r"kernel_main")
            m.expect_exit(EXIT_FAIL)
            if m.output.count("KERNEL PANIC") != 1:
                raise MachineError("expected one panic report, got %d" %
                                   m.output.count("KERNEL PANIC"))
    return run


def selftest_at(arch, name, smp, expect_exit=EXIT_PASS, expect=()):
    def run():
        nonce = secrets.token_hex(6)
        forbid = () if expect_exit == EXIT_FAIL else (r"KERNEL PANIC", r"fatal: ")
        with machine(arch, smp, "test=%s nonce=%s poweroff" % (name, nonce),
                     "smp-%s-selftest-%s" % (arch, name), forbid=forbid) as m:
            m.expect(r"smp: %d of %d CPUs online" % (smp, smp), timeout=60)
            for pattern in expect:
                m.expect(pattern)
            if expect_exit == EXIT_PASS:
                m.expect(r"\[%s\] selftest %s: PASS" % (nonce, name))
            m.expect_exit(expect_exit)
    return run


def add(suite):
    for arch, variants in VARIANTS.items():
        tags = ("smp", arch)
        for label, smp, extra_args, extra_make in variants:
            suite.add("smp %s: %s: all CPUs online (%s)" % (arch, label, HOW[arch]),
                      online_test(arch, label, smp, extra_args, extra_make), tags=tags)
        suite.add("smp %s: test=ipi at -smp 4" % arch, ipi_test(arch, 4), tags=tags)
        suite.add("smp %s: test=panic at -smp 4: one report, exit 35" % arch,
                  panic_test(arch, 4), tags=tags)
        for name in ("timer", "usermode", "paging", "ksyms"):
            suite.add("smp %s: test=%s still passes at -smp 4" % (arch, name),
                      selftest_at(arch, name, 4), tags=tags)
    suite.add("smp x86_64: test=ipi at -smp 6 with APIC ids 0,1,2,4,5,6",
              ipi_test("x86_64", 6, ("-smp", "6,sockets=2,cores=3")), tags=("smp", "x86_64"))
    suite.add("smp aarch64: test=ipi at -smp 4 with a GICv3 (ICC_SGI1R_EL1 SGIs)",
              ipi_test("aarch64", 4, extra_make=("AARCH64_GIC=3",)), tags=("smp", "aarch64"))
    suite.add("smp x86_64: kernel stack overflow still reported from the #DF IST at -smp 4",
              selftest_at("x86_64", "stackoverflow", 4, EXIT_FAIL,
                          (r"double fault \(#DF, vector 8\)", r"kernel stack overflow")),
              tags=("smp", "x86_64"))
