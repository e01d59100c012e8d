"""Benchmark smoke tests (issues 3, 4 and 12): every benchmark runs and prints a figure.

These do not measure anything worth keeping (that is `make bench`, tools/bench/run.py);
they prove on both architectures, in a few seconds each, that
  - `test=mm-bench` prints every page alloc+free and kmalloc+kfree case with positive
    ops/s and ns per pair, then its nonce-tagged PASS line (issue 3);
  - each program of userland/bench, dynamic and static, runs with a small iteration count
    (`<prog> <iterations> 1`, written `<prog>:<iterations>` for bench_all) and prints "bench <name>: <value> <unit> (...)" with a
    positive value and its nonce-tagged "<name>: PASS" (issues 4 and 12). All of them run
    in one boot under /bench/bench_all; lat_pipe boots on its own, since it needs pipe(2)
    (the files issue), which the rest do not.
"""
import re
import secrets

from seaos.machine import EXIT_PASS, Machine, MachineError
from tests.user import build_initrd, initrd_path

ARCHES = ("x86_64", "aarch64")
SECONDS = 60

MM_CASES = ("page alloc+free, order 0", "page alloc+free, order 0 x256",
            "page alloc+free, order 3", "kmalloc+kfree 32", "kmalloc+kfree 256",
            "kmalloc+kfree 2048", "kmalloc+kfree 16384")
MM_LINE = re.compile(r"(?m)^mm bench: (.+?)\s+(\d+) ops/s \((\d+) ns per pair\)$")

# (program, iterations) for the smoke runs: enough to take a figure, a second at most.
SMOKE = (("lat_syscall", 2000), ("lat_fork", 3), ("lat_thread", 5), ("mmap_fault", 256))
PIPE_SMOKE = (("lat_pipe", 50),)


def mm_bench_test(arch):
    def run():
        nonce = secrets.token_hex(6)
        with Machine(arch, smp=1, cmdline="test=mm-bench nonce=%s poweroff" % nonce,
                     name="bench-%s-mm" % arch) as m:
            m.expect(r"\[%s\] selftest mm-bench: (PASS|FAIL)" % nonce, timeout=SECONDS)
            m.expect_exit(EXIT_PASS)
            seen = {c: (int(ops), int(ns)) for c, ops, ns in MM_LINE.findall(m.output)}
        for case in MM_CASES:
            if case not in seen:
                raise MachineError("no figure for %r; got %r" % (case, sorted(seen)))
            if seen[case][0] <= 0 or seen[case][1] <= 0:
                raise MachineError("%r: figures not positive: %s" % (case, seen[case]))
    return run


def user_bench_test(arch, programs, label):
    def run():
        nonce = secrets.token_hex(6)
        runs = []
        for name, iterations in programs:
            for binary in (name, name + "_static"):
                runs.append("/bench/%s:%d" % (binary, iterations))  # N iterations, 1 round
        cmdline = "nonce=%s init=/sbin/init --exit-after /bench/bench_all %s" % (
            nonce, " -- ".join(runs))
        extra_args, extra_make = [], []
        if arch == "aarch64":  # as tests/user.py: a later -append wins over the Makefile's
            extra_args, extra_make = ["-append", cmdline], ["INITRD=" + initrd_path(arch)]
            cmdline = "user-test"
        with Machine(arch, smp=1, cmdline=cmdline, name="bench-%s-%s" % (arch, label),
                     extra_args=extra_args, extra_make=extra_make) as m:
            line = m.expect(r'command line "([^"\n]*)"', timeout=SECONDS)
            if "nonce=" + nonce not in line.group(1).split():
                raise MachineError("the kernel did not echo this run's nonce: %r" % line.group(0))
            for name, iterations in programs:
                for _ in range(2):  # dynamic, then static: the same name, the same lines
                    figure = m.expect(r"(?m)^bench %s: (\S+) (\S+) \((\d+) iterations\)$|"
                                      r"^(?:\[%s\] )?%s: FAIL.*$" % (name, nonce, name),
                                      timeout=SECONDS)
                    if figure.group(1) is None:
                        raise MachineError(figure.group(0))
                    if not float(figure.group(1)) > 0 or int(figure.group(3)) != iterations:
                        raise MachineError("bad figure: %r" % figure.group(0))
                    m.expect(r"(?m)^\[%s\] %s: PASS$" % (nonce, name), timeout=SECONDS)
            m.expect(r"(?m)^\[%s\] bench_all: PASS$" % nonce, timeout=SECONDS)
            m.expect_exit(EXIT_PASS, timeout=SECONDS)
    return run


def add(suite):
    for arch in ARCHES:
        tags = ("bench", arch)
        suite.add("bench %s: test=mm-bench prints allocator figures" % arch,
                  mm_bench_test(arch), tags=tags)
        build = "bench %s: build the initrd" % arch
        suite.add(build, build_initrd(arch), tags=tags)
        suite.add("bench %s: lat_syscall, lat_fork, lat_thread, mmap_fault (dynamic, static)"
                  % arch, user_bench_test(arch, SMOKE, "user"), deps=(build,), tags=tags)
        suite.add("bench %s: lat_pipe (dynamic, static)" % arch,
                  user_bench_test(arch, PIPE_SMOKE, "pipe"), deps=(build,), tags=tags)
