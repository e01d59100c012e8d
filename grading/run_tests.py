#!/usr/bin/env python3
"""make test: every SeaOS test - host unit tests, boot tests on both architectures, the
debugging tools and the set-up - ending with the plain line "N passed, N failed".

    run_tests.py [--only TAG] [--match TEXT] [--arch ARCH] [--json F] [--junit F]

Tags: unit, boot, tools, labs, x86_64, aarch64. Results also go to build/test-results.{json,xml}.
"""
import argparse
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from seaos.machine import TOP, make  # noqa: E402
from seaos.suite import Suite  # noqa: E402
from tests import arch_aarch64, arch_x86_64, bench, boot, debug, labs, tools, unit, user  # noqa: E402
from tests import shell, smp  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--only", help="run only tests with this tag")
    ap.add_argument("--match", help="run only tests whose name contains this")
    ap.add_argument("--arch", help="run only this architecture's machine tests")
    ap.add_argument("--json", default=os.path.join(TOP, "build", "test-results.json"))
    ap.add_argument("--junit", default=os.path.join(TOP, "build", "test-results.xml"))
    args = ap.parse_args()
    start = time.monotonic()

    suite = Suite("SeaOS")
    if args.only in (None, "unit"):
        unit.add(suite)
    # Build both kernels first, once: the machine tests then only make boot images.
    for arch in ("x86_64", "aarch64"):
        if args.arch in (None, arch) and args.only != "unit":
            try:
                make("all", "ARCH=" + arch)
            except Exception as e:  # reported as a failing test, not a crash
                suite.add_failure("build %s kernel" % arch, str(e), tags=("boot", arch))
    boot.add(suite)
    arch_x86_64.add(suite)
    arch_aarch64.add(suite)
    smp.add(suite)
    user.add(suite)
    bench.add(suite)
    shell.add(suite)
    tools.add(suite)
    debug.add(suite)
    labs.add(suite)
    suite.select(args.only, args.match)
    if args.arch:
        other = {"x86_64": "aarch64", "aarch64": "x86_64"}[args.arch]
        suite.tests = [t for t in suite.tests if other not in t.tags]

    passed, failed = suite.run()
    suite.write_json(args.json)
    suite.write_junit(args.junit)
    print("make test took %.0f s" % (time.monotonic() - start))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
