"""aarch64 architecture tests: the MMU (page tables, W^X, stack guards), the generic timer
and GIC, and user mode - each an in-kernel self-test (arch/aarch64/selftest_*.cc) booted
on several machines: cortex-a72 and max, entered at EL1 and at EL2, GICv2 and GICv3,
-smp 1 and 4, -m 512M and 2G. Results are nonce-tagged; fault tests expect exit 35."""
import secrets

from seaos.machine import EXIT_FAIL, EXIT_PASS, Machine, MachineError

ARCH = "aarch64"
TAGS = ("boot", ARCH, "arch")

# (label, smp, mem, make variables)
MACHINES = (
    ("cortex-a72 EL1 GICv2 -smp 1 -m 512M", 1, "512M", ()),
    ("cortex-a72 EL1 GICv2 -smp 4 -m 2G", 4, "2G", ()),
    ("max EL2 GICv2 -smp 4 -m 512M", 4, "512M", ("AARCH64_CPU=max", "AARCH64_EL2=1")),
    ("max EL1 GICv3 -smp 1 -m 2G", 1, "2G", ("AARCH64_CPU=max", "AARCH64_GIC=3")),
    ("cortex-a72 EL2 GICv3 -smp 4 -m 512M", 4, "512M", ("AARCH64_EL2=1", "AARCH64_GIC=3")),
)

SELFTESTS = ("paging", "timer", "usermode")


def selftests_test(smp, mem, extra_make, label):
    def run():
        nonce = secrets.token_hex(6)
        name = "arch-%s" % label.replace(" ", "_").replace("-", "")
        with Machine(ARCH, smp=smp, mem=mem, extra_make=extra_make, name=name,
                     cmdline="test=%s nonce=%s poweroff" % (",".join(SELFTESTS), nonce)) as m:
            m.expect(r"mmu: kernel map: %d MiB RAM in the direct map" % (2048 if mem == "2G" else 512),
                     timeout=60)
            m.expect(r"gic: GICv%s" % ("3" if "AARCH64_GIC=3" in extra_make else "2"))
            for test in SELFTESTS:
                m.expect(r"\[%s\] selftest %s: PASS" % (nonce, test), timeout=60)
            m.expect_exit(EXIT_PASS)
            if "W+X" in m.output:
                raise MachineError("the kernel map has W+X pages")
    return run


def wx_test(extra_make=()):
    def run():
        with Machine(ARCH, smp=1, cmdline="test=wx", name="arch-wx", forbid=(),
                     extra_make=extra_make) as m:
            m.expect(r"wx: kernel text +0x[0-9a-f]+ RX", timeout=60)
            m.expect(r"wx: kernel data +0x[0-9a-f]+ RW")
            m.expect(r"wx: writing to kernel text")
            m.expect(r"EXCEPTION: data abort")
            m.expect(r"permission fault at level 3, write")
            m.expect(r"backtrace:")
            m.expect(r"arch_selftest::wx")
            m.expect_exit(EXIT_FAIL)
            if "did not fault" in m.output or "selftest wx: PASS" in m.output:
                raise MachineError("the write to kernel text did not fault")
    return run


def stack_overflow_test(smp, extra_make=()):
    def run():
        with Machine(ARCH, smp=smp, cmdline="test=stackoverflow", name="arch-stackoverflow",
                     forbid=(), extra_make=extra_make) as m:
            m.expect(r"stackoverflow: recursing on the kernel stack", timeout=60)
            m.expect(r"EXCEPTION: kernel stack overflow")
            # a guard gap in the stack window (secondary CPUs may hold the first slots)
            m.expect(r"FAR +0xffffc00000[0-9a-f]{6}")
            m.expect(r"backtrace:")
            m.expect(r"recurse")
            m.expect_exit(EXIT_FAIL)
            if "nested exception" in m.output:
                raise MachineError("the overflow report faulted again")
    return run


def add(suite):
    for label, smp, mem, extra in MACHINES:
        suite.add("arch aarch64: paging, timer, usermode self-tests on %s" % label,
                  selftests_test(smp, mem, extra, label), tags=TAGS)
    suite.add("arch aarch64: a write to kernel text is a permission fault (W^X)", wx_test(),
              tags=TAGS)
    suite.add("arch aarch64: W^X on max, EL2, GICv3",
              wx_test(("AARCH64_CPU=max", "AARCH64_EL2=1", "AARCH64_GIC=3")), tags=TAGS)
    suite.add("arch aarch64: kernel stack overflow is reported, -smp 1",
              stack_overflow_test(1), tags=TAGS)
    suite.add("arch aarch64: kernel stack overflow is reported, max EL2 -smp 4",
              stack_overflow_test(4, ("AARCH64_CPU=max", "AARCH64_EL2=1")), tags=TAGS)
