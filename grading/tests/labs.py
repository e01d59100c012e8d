"""The lab machinery in `make test`: the handout generator's unit tests, the markers of
the tree, and check-labs (every ready lab proven both ways) on each architecture.

check-labs boots the main tree and every handout in QEMU, so it is the slowest entry of
`make test`; it runs one architecture per test so `--arch` and the arch tags apply.
"""
import os
import subprocess
import sys

from seaos.machine import SCALE, TOP, MachineError


def run(cmd, timeout):
    return subprocess.run(cmd, cwd=TOP, capture_output=True, text=True, timeout=timeout * SCALE)


def unit_tests():
    res = run([sys.executable, "-m", "unittest", "discover", "-s", "labs/tests"],
              300)
    if res.returncode != 0:
        raise AssertionError("labs/tests failed:\n" + res.stderr[-3000:])


def markers_valid():
    res = run([sys.executable, "labs/handout.py", "--check"], 60)
    if res.returncode != 0:
        raise AssertionError(res.stderr[-3000:])


def check_labs(arch):
    def check():
        res = run([sys.executable, "labs/check_labs.py", "--arch", arch], 1800)
        if res.returncode != 0:
            raise MachineError("check-labs failed on %s:\n%s" % (arch, (res.stdout +
                                                                        res.stderr)[-4000:]))
    return check


def add(suite):
    suite.add("labs: handout generator unit tests", unit_tests, tags=("labs", "unit"))
    suite.add("labs: lab markers in the tree are valid", markers_valid, tags=("labs", "unit"))
    for arch in ("x86_64", "aarch64"):
        suite.add("labs %s: check-labs (main full marks, handouts zero on their lab)" % arch,
                  check_labs(arch), tags=("labs", arch))
