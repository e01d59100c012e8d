#!/usr/bin/env python3
"""make check-labs: prove every lab's grader both ways, on both architectures.

    check_labs.py [--lab N[,M..]] [--arch A] [--jobs J] [--keep]

For every lab whose grader is not pending:
  1. main scores full marks on every such lab;
  2. the lab-N handout (staged: labs < N solved, N and later stubbed) scores zero points
     on lab N's tests, full marks on every earlier lab, and still builds and boots (its
     0-point precondition tests pass: a stubbed kernel fails cleanly, it does not die).
Writing each handout also proves that no solution text is left in it (handout.py).

Each (tree, architecture) pair is graded by its own grade.py process, J at a time
(default 2: each QEMU is a busy process, and most machines have few cores), with results
under build/check-labs/results/. A handout's own lab is graded with --no-retry-lab
(its tests are meant to fail: re-running them only costs time); everything else gets
grade.py's flaky re-run. Prints one verdict
line per proof and exits 0 only if all hold.
"""
import argparse
import concurrent.futures
import json
import os
import subprocess
import sys
import time

LABS_DIR = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(LABS_DIR)
sys.path.insert(0, LABS_DIR)
sys.path.insert(1, os.path.join(TOP, "grading"))

import catalog  # noqa: E402
import handout  # noqa: E402
import labs as graders  # noqa: E402  (grading/labs)

GRADE = os.path.join(TOP, "grading", "grade.py")
WORK = os.path.join(TOP, "build", "check-labs")


def ready_labs():
    return [n for n in graders.NUMBERS if not graders.load(n).PENDING]


def grade(tree, labs, arch, out, hole=None):
    """Runs grade.py; returns (results dict or None, seconds, output tail). The tests of
    lab `hole` are not re-run: they are meant to fail."""
    cmd = [sys.executable, GRADE, "--tree", tree, "--lab", ",".join(map(str, labs)),
           "--arch", arch, "--out", out] + (["--no-retry-lab", str(hole)] if hole else [])
    start = time.monotonic()
    res = subprocess.run(cmd, capture_output=True, text=True)
    took = time.monotonic() - start
    try:
        with open(os.path.join(out, "results.json")) as f:
            return json.load(f), took, res.stdout + res.stderr
    except (OSError, ValueError):
        return None, took, res.stdout + res.stderr


def failures(results, want, labs):
    """Names of graded tests of `labs` not in state `want` ("pass": passed or flaky;
    "zero": scored nothing)."""
    bad = []
    for t in results["tests"]:
        if t.get("lab") not in labs or not t["points"]:
            continue
        passed = t["status"] in ("passed", "flaky")
        if (want == "pass" and not passed) or (want == "zero" and t["score"]):
            bad.append("%s [%s] %s" % (t["name"], t["status"], t["message"].strip()[:300]))
    return bad


def preconditions_failed(results):
    """The 0-point tests (build, boot to the banner) that did not pass."""
    return ["%s [%s] %s" % (t["name"], t["status"], t["message"].strip()[:300])
            for t in results["tests"] if not t["points"] and t["status"] != "passed"]


def judge(kind, lab, arch, results, took, output, ready):
    """The verdict lines of one grading run; each is (ok, text)."""
    where = "%s %s" % (kind if kind == "main" else "lab-%d handout" % lab, arch)
    if results is None:
        return [(False, "%s: grade.py wrote no results:\n%s" % (where, output[-3000:]))]
    build = [t for t in results["tests"] if "build" in t.get("tags", ())]
    broken = [t["message"][-2000:] for t in build if t["status"] != "passed"]
    if broken:
        return [(False, "%s: the kernel does not build:\n%s" % (where, broken[0]))]
    verdicts = []
    if kind == "main":
        bad = failures(results, "pass", ready) + preconditions_failed(results)
        verdicts.append((not bad, "%s: full marks on labs %s (%.0f s)" % (
            where, ",".join(map(str, ready)), took)))
    else:
        earlier = [n for n in ready if n < lab]
        bad = failures(results, "zero", [lab])
        verdicts.append((not bad, "%s: zero points on lab %d (%.0f s)" % (where, lab, took)))
        if earlier:
            bad_earlier = failures(results, "pass", earlier)
            verdicts.append((not bad_earlier, "%s: full marks on labs %s" % (
                where, ",".join(map(str, earlier)))))
            bad += bad_earlier
        bad_boot = preconditions_failed(results)
        verdicts.append((not bad_boot, "%s: still builds and boots (preconditions pass)" % where))
        bad += bad_boot
    if bad:
        verdicts.append((False, "%s: offending tests:\n    %s" % (where, "\n    ".join(bad))))
    return verdicts


def share_sysroot(src, tree):
    """Gives a handout tree the main tree's aarch64 musl (build/ is never copied into a
    handout; `make deps` would unpack it again, a link saves the download)."""
    sysroot = os.path.join(src, "build", "aarch64", "sysroot")
    link = os.path.join(tree, "build", "aarch64", "sysroot")
    if os.path.isdir(sysroot) and not os.path.exists(link):
        os.makedirs(os.path.dirname(link), exist_ok=True)
        os.symlink(sysroot, link)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--lab", help="prove only these labs (default: every non-pending lab)")
    ap.add_argument("--arch", action="append", choices=("x86_64", "aarch64"))
    ap.add_argument("--jobs", type=int, default=2, help="grading runs at once (default 2)")
    ap.add_argument("--src", default=TOP, help="the main tree (default: this tree)")
    args = ap.parse_args(argv)
    start = time.monotonic()
    src = os.path.abspath(args.src)
    ready = ready_labs()
    wanted = [int(n) for n in args.lab.split(",")] if args.lab else ready
    for n in wanted:
        catalog.get(n)
        if n not in ready:
            print("check-labs: lab %d is pending (%s): skipped" % (n, graders.load(n).PENDING))
    wanted = [n for n in wanted if n in ready]
    arches = args.arch or ["x86_64", "aarch64"]
    if not wanted:
        print("check-labs: no lab to check")
        return 1
    # main is graded on the labs being proven and every ready lab before them.
    main_labs = [n for n in ready if n <= max(wanted)]

    runs = []  # (kind, lab, arch, tree, labs graded)
    for arch in arches:
        runs.append(("main", None, arch, src, main_labs))
    # One handout directory per set of architectures: check-labs runs for x86_64 and for
    # aarch64 (as `make test` does them) may then overlap without sharing a build tree.
    handouts = os.path.join(WORK, "-".join(arches))
    for n in wanted:
        tree = os.path.join(handouts, "lab%d" % n)
        count = handout.write_handout(src, tree, n)
        share_sysroot(src, tree)
        print("check-labs: lab-%d handout written (%d blocks stubbed, no solution text left)"
              % (n, count), flush=True)
        for arch in arches:
            runs.append(("handout", n, arch, tree, [m for m in ready if m <= n]))
    print("check-labs: %d grading runs, %d at a time" % (len(runs), args.jobs), flush=True)

    def one(run):
        kind, lab, arch, tree, labs = run
        out = os.path.join(WORK, "results", "%s-%s" % ("main" if kind == "main" else
                                                       "lab%d" % lab, arch))
        return run, grade(tree, labs, arch, out, hole=lab)

    ok = True
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        for (kind, lab, arch, _, _), (results, took, output) in pool.map(one, runs):
            for good, text in judge(kind, lab, arch, results, took, output, main_labs):
                ok = ok and good
                print("%s %s" % ("ok  " if good else "FAIL", text), flush=True)
    print("check-labs: %s in %.0f s" % ("every lab proven both ways" if ok else "FAILED",
                                        time.monotonic() - start))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
