"""User-mode tests (issue 4): each test program of userland/tests booted on both
architectures as the child of init.

Every boot runs `init=/sbin/init --exit-after /tests/<name>` with a fresh nonce on the
kernel command line: init starts the program, waits for it and powers the machine off,
so QEMU exits with 33 whatever the program did; the verdict is the program's one line,
"<name>: PASS" (or "[<nonce>] <name>: PASS" once the test report prints the nonce the
kernel passes in SEAOS_NONCE). The kernel must echo this run's nonce in its banner, so
output from an earlier run cannot pass for this one.

The initrd is built once per architecture (`make initrd`); each boot test depends on
that step. On aarch64 the initrd is QEMU's -initrd (INITRD=...), on x86_64 a Multiboot2
module that the ISO picks up by itself.
"""
import os
import re
import secrets

from seaos.machine import EXIT_PASS, TOP, Machine, MachineError, make

ARCHES = ("x86_64", "aarch64")

# (program, CPU counts). One CPU for most; the process and thread tests also with more.
PROGRAMS = (
    ("hello", (1,)),
    ("hello_static", (1,)),
    ("syscall_basics", (1,)),
    ("getpid_family", (1,)),
    ("fork_wait", (1, 4)),
    ("brk_mmap", (1,)),
    ("bad_pointers", (1,)),
    ("clock_sleep", (1,)),
    ("futex_timeout", (1,)),
    ("threads", (1, 4)),
    ("signals", (1,)),
    ("signal_restart", (1,)),
    ("faults", (1,)),
    ("fork_bomb_rlimit", (1,)),
    ("cow", (1, 4)),
    ("mmap_shared", (1, 4)),
    ("munmap_split", (1,)),
    ("mprotect_split", (1,)),
    ("mremap", (1,)),
    ("files_basic", (1,)),
    ("dirs", (1,)),
    ("pipes", (1, 4)),
    ("dup_fcntl", (1,)),
    ("tty", (1,)),
    ("devices", (1,)),
)

BOOT_SECONDS = 60      # banner
PROGRAM_SECONDS = 120  # the program's verdict (TCG is slow; fork_bomb_rlimit forks a lot)


def initrd_path(arch):
    return os.path.join("build", arch, "initrd.cpio")


def build_initrd(arch):
    def run():
        make("initrd", "ARCH=" + arch)
        if not os.path.exists(os.path.join(TOP, initrd_path(arch))):
            raise MachineError("make initrd did not produce %s" % initrd_path(arch))
    return run


def program_test(arch, name, smp):
    def run():
        token = secrets.token_hex(6)
        cmdline = "nonce=%s init=/sbin/init --exit-after /tests/%s" % (token, name)
        extra_args, extra_make = [], []
        if arch == "aarch64":
            # A later -append wins over the Makefile's (whose quoting print-qemu loses).
            extra_args = ["-append", cmdline]
            extra_make = ["INITRD=" + initrd_path(arch)]
            cmdline = "user-test"
        with Machine(arch, smp=smp, cmdline=cmdline, name="user-%s-%s-smp%d" % (arch, name, smp),
                     extra_args=extra_args, extra_make=extra_make) as m:
            line = m.expect(r'command line "([^"\n]*)"', timeout=BOOT_SECONDS)
            if "nonce=" + token not in line.group(1).split():
                raise MachineError("the kernel did not echo this run's nonce: %r" % line.group(0))
            verdict = m.expect(r"(?m)^(?:\[%s\] )?%s: (PASS|FAIL.*)$" % (token, re.escape(name)),
                               timeout=PROGRAM_SECONDS)
            if verdict.group(1) != "PASS":
                raise MachineError("%s: %s" % (name, verdict.group(1)))
            m.expect_exit(EXIT_PASS, timeout=BOOT_SECONDS)
    return run


def vm_selftest(arch):
    """The in-kernel address-space test (issue 7, src/mm/vm_selftest.cc): map, fork with
    copy-on-write and shared memory, split, destroy, and every page back."""
    def run():
        nonce = secrets.token_hex(6)
        with Machine(arch, smp=1, cmdline="test=vm nonce=%s poweroff" % nonce,
                     name="user-%s-vm-selftest" % arch) as m:
            verdict = m.expect(r"\[%s\] selftest vm: (PASS|FAIL)" % nonce, timeout=BOOT_SECONDS)
            if verdict.group(1) != "PASS":
                raise MachineError("selftest vm: FAIL")
            m.expect_exit(EXIT_PASS, timeout=BOOT_SECONDS)
    return run


def add(suite):
    for arch in ARCHES:
        tags = ("user", arch)
        suite.add("user %s: in-kernel test=vm (COW fork, shared, split, no leak)" % arch,
                  vm_selftest(arch), tags=tags)
        build = "user %s: build the initrd" % arch
        suite.add(build, build_initrd(arch), tags=tags)
        for name, smps in PROGRAMS:
            for smp in smps:
                suite.add("user %s -smp %d: /tests/%s" % (arch, smp, name),
                          program_test(arch, name, smp), deps=(build,), tags=tags)
