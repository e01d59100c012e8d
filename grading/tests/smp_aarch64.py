"""aarch64 SMP tests: secondary CPUs started with PSCI CPU_ON come online at -smp 1, 2, 4
and 8 (cortex-a72 at EL1 with a GICv2; also entered at EL2, on -cpu max and with a
GICv3, where IPIs are ICC_SGI1R_EL1 writes instead of GICD_SGIR); test=ipi runs a function
on every other CPU through smp::call_on and checks where it ran; test=panic with four
CPUs gives exactly one report and exit 35."""
import secrets

from seaos.machine import EXIT_FAIL, EXIT_PASS, Machine, MachineError

ARCH = "aarch64"
TAGS = ("smp", ARCH)

# (label, smp, make variables)
ONLINE = (
    ("-smp 1", 1, ()),
    ("-smp 2", 2, ()),
    ("-smp 4", 4, ()),
    ("-smp 8", 8, ()),
    ("-smp 4 EL2", 4, ("AARCH64_EL2=1",)),
    ("-smp 4 -cpu max", 4, ("AARCH64_CPU=max",)),
    ("-smp 4 GICv3", 4, ("AARCH64_GIC=3",)),
    ("-smp 8 max EL2 GICv3", 8, ("AARCH64_CPU=max", "AARCH64_EL2=1", "AARCH64_GIC=3")),
)


def online_test(smp, extra_make, label):
    def run():
        name = "smp-a64-%s" % label.replace(" ", "_").replace("-", "")
        with Machine(ARCH, smp=smp, extra_make=extra_make, name=name,
                     cmdline="poweroff") as m:
            m.expect(r"smp: %d of %d CPUs online" % (smp, smp), timeout=60)
            m.expect_exit(EXIT_PASS)
            if "did not come up" in m.output or "CPU_ON" in m.output:
                raise MachineError("a secondary CPU failed to start")
    return run


def ipi_test(smp, extra_make=()):
    def run():
        nonce = secrets.token_hex(6)
        with Machine(ARCH, smp=smp, extra_make=extra_make, name="smp-a64-ipi",
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
        with Machine(ARCH, smp=smp, cmdline="test=panic", name="smp-a64-panic", forbid=()) as m:
            m.expect(r"smp: %d of %d CPUs online" % (smp, smp), timeout=60)
            m.expect(r"KERNEL PANIC: .*deliberate panic")
            m.expect(r"backtrace:")
            m.expect_exit(EXIT_FAIL)
            if m.output.count("KERNEL PANIC") != 1:
                raise MachineError("expected one panic report, got %d" %
                                   m.output.count("KERNEL PANIC"))
    return run


def add(suite):
    for label, smp, extra in ONLINE:
        suite.add("smp aarch64: %s: all CPUs online (PSCI CPU_ON)" % label,
                  online_test(smp, extra, label), tags=TAGS)
    suite.add("smp aarch64: test=ipi at -smp 4 (GICv2 SGIs)", ipi_test(4), tags=TAGS)
    suite.add("smp aarch64: test=ipi at -smp 4 (GICv3 SGIs)", ipi_test(4, ("AARCH64_GIC=3",)),
              tags=TAGS)
    suite.add("smp aarch64: test=panic at -smp 4: one report, exit 35", panic_test(4), tags=TAGS)
