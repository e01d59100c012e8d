"""Boot tests on both architectures: banner, CPU and memory counts, self-tests, the
exception report with symbol names, panics and the kernel monitor."""
import secrets

from seaos.machine import BANNER, EXIT_FAIL, EXIT_PASS, Machine, MachineError

ARCHES = ("x86_64", "aarch64")


def check_banner(m, arch, cpus, mib):
    match = m.expect(BANNER.pattern, timeout=60)
    got = (match.group(2), int(match.group(3)), int(match.group(4)))
    if got != (arch, cpus, mib):
        raise MachineError("banner says %s, %d CPUs, %d MiB; expected %s, %d CPUs, %d MiB" % (
            got + (arch, cpus, mib)))


def banner_test(arch, smp, mem, mib, extra_make=()):
    def run():
        name = "boot-%s-smp%d-%s%s" % (arch, smp, mem, "-".join([""] + list(extra_make)))
        with Machine(arch, smp=smp, mem=mem, cmdline="poweroff", name=name,
                     extra_make=extra_make) as m:
            check_banner(m, arch, smp, mib)
            m.expect_exit(EXIT_PASS)
    return run


def selftest_test(arch, name):
    def run():
        nonce = secrets.token_hex(6)
        with Machine(arch, smp=2, cmdline="test=%s nonce=%s poweroff" % (name, nonce),
                     name="selftest-%s-%s" % (arch, name)) as m:
            m.expect(r"\[%s\] selftest %s: PASS" % (nonce, name), timeout=60)
            m.expect_exit(EXIT_PASS)
    return run


def fault_test(arch):
    def run():
        with Machine(arch, smp=1, cmdline="test=fault", name="fault-" + arch, forbid=()) as m:
            m.expect(r"deliberate fault", timeout=60)
            m.expect(r"(?i)page fault|data abort")
            m.expect(r"backtrace:")
            m.expect(r"deliberate_fault")
            m.expect(r"kernel_main")
            m.expect_exit(EXIT_FAIL)
            if "selftest fault: PASS" in m.output:
                raise MachineError("the fault test claimed to pass")
    return run


def panic_test(arch):
    def run():
        with Machine(arch, smp=1, cmdline="test=panic", name="panic-" + arch, forbid=()) as m:
            m.expect(r"KERNEL PANIC: .*deliberate panic", timeout=60)
            m.expect(r"backtrace:")
            m.expect(r"kernel_main")
            m.expect_exit(EXIT_FAIL)
    return run


def monitor_test(arch):
    def run():
        with Machine(arch, smp=4, name="monitor-" + arch) as m:
            check_banner(m, arch, 4, 512)
            m.expect(r"seaos> ", timeout=60)
            m.send("cpus\r")
            m.expect(r"cpu 3: hwid")
            m.expect(r"seaos> ")
            m.send("nosuchcommand\r")
            m.expect(r"unknown command 'nosuchcommand'")
            m.send("backtrace\r")
            m.expect(r"#0 \S+ monitor::run")
            m.expect(r"#1 \S+ kernel_main")
            m.send("poweroff\r")
            m.expect_exit(EXIT_PASS)
    return run


def add(suite):
    for arch in ARCHES:
        tag = ("boot", arch)
        for smp in (1, 4):
            suite.add("boot %s: banner at -smp %d -m 512M" % (arch, smp),
                      banner_test(arch, smp, "512M", 512), tags=tag)
        suite.add("boot %s: banner at -m 2G" % arch, banner_test(arch, 2, "2G", 2048), tags=tag)
        suite.add("boot %s: kernel symbols self-test (nonce-tagged)" % arch,
                  selftest_test(arch, "ksyms"), tags=tag)
        suite.add("boot %s: deliberate fault gives a symbolic report and exit 35" % arch,
                  fault_test(arch), tags=tag)
        suite.add("boot %s: panic gives a backtrace and exit 35" % arch, panic_test(arch), tags=tag)
        suite.add("boot %s: kernel monitor answers on the console" % arch, monitor_test(arch),
                  tags=tag)
    suite.add("boot aarch64: -cpu max", banner_test("aarch64", 2, "512M", 512,
                                                     ("AARCH64_CPU=max",)), tags=("boot", "aarch64"))
    suite.add("boot aarch64: entered at EL2 (virtualization=on)",
              banner_test("aarch64", 2, "512M", 512, ("AARCH64_EL2=1",)), tags=("boot", "aarch64"))
