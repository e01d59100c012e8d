#!/usr/bin/env python3
"""make grade: grade the labs on a SeaOS tree, both architectures, 1 and 4 CPUs.

    grade.py [--lab N[,M..]|all] [--arch A] [--smp 1,4] [--tree DIR] [--out DIR]

Which labs by default: in a handout tree (labs/handout.json) the labs so far - 1..N for a
staged lab-N tree, just N for an independent one; in the main tree every lab. Labs whose
grader is PENDING (the kernel does not have that subsystem yet) are listed and skipped.

Each architecture's kernel is built first (a 0-point test every boot test depends on).
A failed test is run once more: passing the second time makes it *flaky* (full points,
reported apart); failing twice, *failed*. The console log of every failed attempt is kept
under <out>/failure-logs/. The student reads progress lines and a score table; machines
read <out>/results.json, <out>/results.xml (JUnit) and <out>/gradescope.json
(Gradescope's results.json format; --gradescope PATH writes it elsewhere).

--tree grades another tree with these graders (Gradescope grades a submission with the
course's own copy of grading/, so a student cannot change how they are graded).
Exit status: 0 when every graded test passed, 1 otherwise.
"""
import argparse
import glob
import json
import os
import shutil
import sys
import time

GRADING = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, GRADING)
sys.path.insert(0, os.path.join(os.path.dirname(GRADING), "labs"))

import catalog  # noqa: E402
import labs as graders  # noqa: E402
from labs import common  # noqa: E402
from seaos import machine  # noqa: E402
from seaos.suite import Suite  # noqa: E402


def labs_so_far(tree):
    """The lab numbers `make grade` grades by default in `tree`."""
    try:
        with open(os.path.join(tree, "labs", "handout.json")) as f:
            stamp = json.load(f)
    except (OSError, ValueError):
        return list(graders.NUMBERS)
    if stamp.get("mode") == "independent":
        return [stamp["lab"]]
    return list(range(1, stamp["lab"] + 1))


def parse_labs(text, tree):
    if not text:
        return labs_so_far(tree)
    if text == "all":
        return list(graders.NUMBERS)
    numbers = []
    for part in text.split(","):
        catalog.get(part)  # KeyError names the valid range
        numbers.append(int(part))
    return numbers


def build_test(arch):
    def run():
        machine.make("all", "ARCH=" + arch)
    return run


def slug(name):
    return "".join(c if c.isalnum() or c in "-_." else "-" for c in name).strip("-")[:100]


def with_progress_and_logs(test, position, total, out, retry=True):
    """Wraps a test: prints what is starting, and keeps the console logs of a failed try.
    Without `retry` a second attempt repeats the first failure instead of running again."""
    fn, attempts, first_failure = test.fn, [], []
    arches = [a for a in common.ARCHES if a in test.tags] or ["*"]

    def run():
        if attempts and not retry and first_failure:
            raise first_failure[0]
        attempts.append(1)
        print("[%d/%d] %s%s ..." % (position, total, test.name,
                                    " (again, to tell flaky from failed)" if len(attempts) > 1
                                    else ""), flush=True)
        before = log_times(arches)
        try:
            fn()
        except Exception as e:
            kept = keep_logs(before, out, "%s.try%d" % (slug(test.name), len(attempts)), arches)
            if kept:
                detail = str(e) or type(e).__name__
                e = AssertionError("%s\nconsole log: %s" % (detail, ", ".join(kept)))
            first_failure.append(e)
            raise e
    return run


def log_times(arches):
    """{console log path: mtime} of the test logs of `arches` (machine.py writes them)."""
    times = {}
    for arch in arches:
        for path in glob.glob(os.path.join(machine.TOP, "build", arch, "test-logs", "*.log")):
            times[path] = os.path.getmtime(path)
    return times


def keep_logs(before, out, prefix, arches):
    """Copies the console logs written since the `before` snapshot to <out>/failure-logs/;
    returns their paths."""
    kept = []
    for path, mtime in sorted(log_times(arches).items()):
        if before.get(path) == mtime:
            continue
        dest_dir = os.path.join(out, "failure-logs")
        os.makedirs(dest_dir, exist_ok=True)
        dest = os.path.join(dest_dir, "%s.%s" % (prefix, os.path.basename(path)))
        shutil.copyfile(path, dest)
        inside = os.path.commonpath([dest, machine.TOP]) == machine.TOP
        kept.append(os.path.relpath(dest, machine.TOP) if inside else dest)
    return kept


def lab_of(test):
    for tag in test.tags:
        if tag.startswith("lab") and tag[3:].isdigit():
            return int(tag[3:])
    return None


def score_table(suite, numbers):
    """The lines of the table the student reads, and {lab: (score, max)}."""
    scores, lines = {}, []
    lines.append("%-4s %-26s %9s %9s %9s %7s" % ("lab", "", "x86_64", "aarch64", "other",
                                                  "total"))
    for n in numbers:
        cells = {"x86_64": [0, 0], "aarch64": [0, 0], "other": [0, 0]}
        for t in suite.tests:
            if lab_of(t) != n:
                continue
            col = cells["x86_64" if "x86_64" in t.tags else "aarch64" if "aarch64" in t.tags
                        else "other"]
            col[1] += t.points
            col[0] += t.points if t.status in ("passed", "flaky") else 0
        got, most = sum(c[0] for c in cells.values()), sum(c[1] for c in cells.values())
        scores[n] = (got, most)
        lines.append("%-4d %-26s %9s %9s %9s %7s" % (
            n, catalog.get(n).title[:26],
            *("%d/%d" % tuple(cells[k]) if cells[k][1] else "-" for k in ("x86_64", "aarch64",
                                                                            "other")),
            "%d/%d" % (got, most)))
    total = (sum(s[0] for s in scores.values()), sum(s[1] for s in scores.values()))
    lines.append("%-4s %-26s %9s %9s %9s %7s" % ("all", "", "", "", "", "%d/%d" % total))
    flaky = [t.name for t in suite.tests if t.status == "flaky"]
    if flaky:
        lines.append("flaky (failed once, then passed; full points): " + "; ".join(flaky))
    return lines, scores


def write_results(suite, out, gradescope_path, table, scores):
    json_path = os.path.join(out, "results.json")
    suite.write_json(json_path)
    with open(json_path) as f:
        data = json.load(f)
    for entry, t in zip(data["tests"], suite.tests):
        entry["lab"], entry["tags"] = lab_of(t), sorted(t.tags)
    data["labs"] = {str(n): {"score": s, "max_score": m} for n, (s, m) in scores.items()}
    data["score"] = sum(s for s, _ in scores.values())
    data["max_score"] = sum(m for _, m in scores.values())
    with open(json_path, "w") as f:
        json.dump(data, f, indent=2)
    suite.write_junit(os.path.join(out, "results.xml"))
    suite.write_gradescope(gradescope_path)
    with open(gradescope_path) as f:
        gs = json.load(f)
    gs["score"] = data["score"]
    gs["output"] = "\n".join(table)
    gs["visibility"] = gs["stdout_visibility"] = "visible"
    for entry, t in zip(gs["tests"], suite.tests):
        if t.status == "flaky":
            entry["output"] = "FLAKY: failed once, passed when run again.\n" + entry["output"]
        elif t.status == "skipped":
            entry["output"] = "SKIPPED: " + entry["output"]
    with open(gradescope_path, "w") as f:
        json.dump(gs, f, indent=2)
    return json_path


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--lab", help="N, N,M,... or all (default: the labs so far)")
    ap.add_argument("--arch", action="append", choices=common.ARCHES,
                    help="grade only this architecture (repeatable; default both)")
    ap.add_argument("--smp", default=",".join(map(str, common.SMPS)),
                    help="CPU counts to boot with (default %(default)s)")
    ap.add_argument("--tree", default=os.path.dirname(GRADING), help="the tree to grade")
    ap.add_argument("--out", help="results directory (default <tree>/build/grade)")
    ap.add_argument("--gradescope", help="where to write Gradescope's results.json")
    ap.add_argument("--no-retry", action="store_true", help="do not re-run failed tests")
    ap.add_argument("--no-retry-lab", type=int, action="append", default=[],
                    help="do not re-run this lab's failed tests (check-labs: its handout)")
    ap.add_argument("--include-pending", action="store_true", help="grade pending labs too")
    ap.add_argument("--list", action="store_true", help="list the tests and exit")
    args = ap.parse_args(argv)

    tree = os.path.abspath(args.tree)
    out = os.path.abspath(args.out or os.path.join(tree, "build", "grade"))
    gradescope = os.path.abspath(args.gradescope or os.path.join(out, "gradescope.json"))
    machine.TOP = tree  # the runner builds and boots this tree,
    os.chdir(tree)      # and QEMU finds the images by paths relative to it
    os.makedirs(out, exist_ok=True)
    shutil.rmtree(os.path.join(out, "failure-logs"), ignore_errors=True)
    try:
        numbers = parse_labs(args.lab, tree)
    except KeyError as e:
        ap.error(e.args[0])
    ctx = common.Context(arches=args.arch or common.ARCHES,
                         smps=[int(s) for s in args.smp.split(",")])

    suite = Suite("SeaOS labs")
    for arch in ctx.arches:
        suite.add(ctx.build_test(arch), build_test(arch), points=0,
                  tags=(arch, "build", "precondition"))
    graded = []
    for n in numbers:
        grader = graders.load(n)
        if grader.PENDING and not args.include_pending:
            print("lab %d (%s): pending, not graded: %s" % (n, catalog.get(n).title,
                                                           grader.PENDING))
            continue
        grader.add(suite, ctx)
        graded.append(n)
    if args.list:
        for t in suite.tests:
            print("%3d pts  %s" % (t.points, t.name))
        return 0

    print("grading %s in %s on %s, -smp %s" % (
        ", ".join("lab %d" % n for n in graded) or "nothing", tree, " and ".join(ctx.arches),
        "/".join(map(str, ctx.smps))), flush=True)
    for i, t in enumerate(suite.tests, 1):
        t.fn = with_progress_and_logs(t, i, len(suite.tests), out,
                                      retry=lab_of(t) not in args.no_retry_lab)
    start = time.monotonic()
    suite.run(retry_failed=not args.no_retry)
    table, scores = score_table(suite, graded)
    json_path = write_results(suite, out, gradescope, table, scores)
    print()
    print("\n".join(table))
    print("results: %s, %s (JUnit), %s (Gradescope); took %.0f s" % (
        json_path, os.path.join(out, "results.xml"), gradescope, time.monotonic() - start))
    full = all(t.status in ("passed", "flaky") for t in suite.tests if t.points)
    return 0 if full else 1


if __name__ == "__main__":
    sys.exit(main())
