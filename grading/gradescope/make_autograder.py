#!/usr/bin/env python3
"""make gradescope LAB=n: the autograder zip to upload to a Gradescope assignment.

    make_autograder.py [--lab N] [--out FILE]    (default build/gradescope/autograder-lab<N>.zip)

Gradescope unpacks the zip into /autograder/source and runs setup.sh once and
run_autograder per submission (both must sit at the top of the zip). Beside them the zip
holds seaos/: the graders (grading/), the lab table (labs/catalog.py), the host unit
tests (tests/unit/) and the set-up script (tools/scripts/deps.sh) - everything the grader
trusts, and no kernel source: the submission brings that, so the zip holds no solution.
seaos/grading/gradescope/LAB names the lab graded (none: every ready lab).
"""
import argparse
import os
import sys
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(os.path.dirname(HERE))
TRUSTED = ("grading", "tests/unit", "labs/catalog.py", "tools/scripts/deps.sh")


def files_under(rel):
    path = os.path.join(TOP, rel)
    if os.path.isfile(path):
        yield rel
        return
    for root, dirs, names in os.walk(path):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(names):
            if not name.endswith(".pyc"):
                yield os.path.relpath(os.path.join(root, name), TOP)


def add(zf, source, name, executable=False):
    info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))  # reproducible zips
    info.external_attr = (0o755 if executable or os.access(source, os.X_OK) else 0o644) << 16
    info.compress_type = zipfile.ZIP_DEFLATED
    with open(source, "rb") as f:
        zf.writestr(info, f.read())


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--lab", type=int, help="the lab this assignment grades")
    ap.add_argument("--out", help="the zip to write")
    args = ap.parse_args(argv)
    name = "autograder-lab%d.zip" % args.lab if args.lab else "autograder-all.zip"
    out = os.path.abspath(args.out or os.path.join(TOP, "build", "gradescope", name))
    os.makedirs(os.path.dirname(out), exist_ok=True)
    with zipfile.ZipFile(out, "w") as zf:
        add(zf, os.path.join(HERE, "setup.sh"), "setup.sh", executable=True)
        add(zf, os.path.join(HERE, "run_autograder"), "run_autograder", executable=True)
        for top in TRUSTED:
            for rel in files_under(top):
                if rel != "grading/gradescope/LAB":
                    add(zf, os.path.join(TOP, rel), "seaos/" + rel)
        if args.lab:
            info = zipfile.ZipInfo("seaos/grading/gradescope/LAB", date_time=(2024, 1, 1, 0, 0, 0))
            zf.writestr(info, "%d\n" % args.lab)
    print("gradescope: %s (upload it as the assignment's autograder)" % os.path.relpath(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
