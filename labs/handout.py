#!/usr/bin/env python3
"""The handout generator: turns the main tree into the tree a student starts lab n from.

    handout.py --lab N [--out DIR] [--independent]   write the staged tree for lab N
    handout.py --check                               validate every marker, print a summary
    handout.py --branches REPO [--force]             local branches lab1..lab10 in REPO

Staged (the default): blocks of labs before N keep their solution, blocks of lab N and
every later lab are replaced by their stubs, so the lab-N tree is "labs 1..N-1 done".
Independent (`--independent`): only lab N is stubbed and every other lab is solved, for
courses that pick labs out of order.

The tree copied is what git would publish (tracked and untracked-but-not-ignored files)
when the source is a git checkout, else every file outside build/ and .git/. Nothing of
.git is copied. After staging, every text file of the output is searched for telltale
solution lines of the stubbed blocks (see markers.telltale_lines); one found anywhere -
a comment, a doc page - is an error with its file:line, because a handout with the
answer in it is worse than no handout. The output gets labs/handout.json saying which
lab it is, so `make grade` there grades "the labs so far" by default.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import catalog  # noqa: E402
import markers  # noqa: E402

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NEVER_COPIED = {".git", "build", ".vagrant", "__pycache__"}
STAMP = os.path.join("labs", "handout.json")


def tree_files(src):
    """Relative paths of the files a handout copies from `src`, sorted."""
    if os.path.isdir(os.path.join(src, ".git")) or os.path.isfile(os.path.join(src, ".git")):
        res = subprocess.run(["git", "-C", src, "ls-files", "-z", "--cached", "--others",
                              "--exclude-standard"], capture_output=True, text=True)
        if res.returncode == 0:
            paths = {p for p in res.stdout.split("\0") if p}
            # Deleted-but-still-indexed files do not exist any more; never copy build output.
            return sorted(p for p in paths if os.path.lexists(os.path.join(src, p))
                          and p.split("/")[0] not in NEVER_COPIED)
    found = []
    for root, dirs, files in os.walk(src):
        dirs[:] = sorted(d for d in dirs if d not in NEVER_COPIED)
        for name in files:
            if not name.endswith(".pyc"):
                found.append(os.path.relpath(os.path.join(root, name), src))
    return sorted(found)


def read_text(path):
    """The file's text, or None for binary files (never scanned for markers)."""
    try:
        with open(path, encoding="utf-8", newline="") as f:
            return f.read()
    except (UnicodeDecodeError, IsADirectoryError):
        return None


def scan(src, files=None):
    """{relative path: (style, pieces)} for every file holding markers. Raises MarkerError
    listing every problem in the tree."""
    known = set(catalog.BY_NUMBER)
    found, problems = {}, []
    for rel in files if files is not None else tree_files(src):
        style = markers.style_for(rel)
        path = os.path.join(src, rel)
        if not style or os.path.islink(path):
            continue
        text = read_text(path)
        if text is None or "LAB" not in text:
            continue
        try:
            pieces = markers.parse(text, rel, style, known)
            for piece in pieces:
                if isinstance(piece, markers.Block):
                    markers.uncomment_stub(piece, style)  # a bad stub is an error even on main
        except markers.MarkerError as e:
            problems.extend(e.problems)
            continue
        if any(isinstance(p, markers.Block) for p in pieces):
            found[rel] = (style, pieces)
    if problems:
        raise markers.MarkerError(problems)
    return found


def stubbed_predicate(lab, independent):
    """stubbed(block_lab) for a lab-`lab` handout."""
    if independent:
        return lambda block_lab: block_lab == lab
    return lambda block_lab: block_lab >= lab


def prepare_out(out):
    """Empties `out` if it is a previous handout (or empty); refuses anything else."""
    if os.path.exists(out):
        if os.listdir(out) and not os.path.exists(os.path.join(out, STAMP)):
            raise SystemExit("handout: %s exists and is not a handout; not touching it" % out)
        shutil.rmtree(out)
    os.makedirs(out)


def write_handout(src, out, lab, independent=False):
    """Writes the lab-`lab` tree into `out`; returns the number of blocks stubbed."""
    files = tree_files(src)
    blocks = scan(src, files)
    stubbed = stubbed_predicate(lab, independent)
    prepare_out(out)
    telltales, count = {}, 0
    for rel in files:
        source, target = os.path.join(src, rel), os.path.join(out, rel)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        if os.path.islink(source):
            os.symlink(os.readlink(source), target)
        elif rel in blocks:
            style, pieces = blocks[rel]
            with open(target, "w", encoding="utf-8", newline="") as f:
                f.write(markers.render(pieces, style, lambda n: not stubbed(n)))
            shutil.copymode(source, target)
            for block in pieces:
                if isinstance(block, markers.Block) and stubbed(block.lab):
                    count += 1
                    for line in markers.telltale_lines(block, style):
                        telltales.setdefault(line, "%s:%d" % (rel, block.begin_line))
        else:
            shutil.copy2(source, target)
    with open(os.path.join(out, STAMP), "w") as f:
        json.dump({"lab": lab, "mode": "independent" if independent else "staged"}, f)
        f.write("\n")
    try:
        check_no_leaks(out, files, telltales)
    except markers.MarkerError:
        shutil.rmtree(out)  # never leave a leaking handout where someone could ship it
        raise
    return count


def check_no_leaks(out, files, telltales):
    """Raises MarkerError when a stubbed block's solution line is still in the output,
    anywhere in a line (a comment "hint: <solution line>" counts).

    A line that is also real code elsewhere in the handout (not a comment: a call both
    the solution and given code make) is public anyway and never counts; a copy in a
    comment, a doc page or any other text file does."""
    normalized = {}
    for rel in files:
        path = os.path.join(out, rel)
        text = None if os.path.islink(path) else read_text(path)
        if text:
            normalized[rel] = [markers.normalized(l) for l in text.splitlines()]
    given = []
    for rel, text in normalized.items():
        style = markers.style_for(rel)
        if style in (markers.SLASHES, markers.HASH):
            with open(os.path.join(out, rel), encoding="utf-8") as f:
                raw = f.read().splitlines()
            given.extend(n for n, l in zip(text, raw) if not l.lstrip().startswith(style[0]))
    given_code = "\n".join(given)
    telltales = {line: origin for line, origin in telltales.items() if line not in given_code}
    leaks = []
    for rel, lines in normalized.items():
        whole = "\n".join(lines)
        for line, origin in telltales.items():
            if line not in whole:  # one fast search per file; lines only on a hit
                continue
            for number, text in enumerate(lines, 1):
                if line in text:
                    leaks.append("%s:%d: solution text of the block at %s is still here: %r"
                                 % (rel, number, origin, text))
    if leaks:
        raise markers.MarkerError(sorted(set(leaks)) + [
            "handout: remove or reword these lines (or mark them as part of the block)"])


def summary(src):
    """One line per lab: how many blocks, in which files."""
    per_lab = {}
    for rel, (_, pieces) in sorted(scan(src).items()):
        for p in pieces:
            if isinstance(p, markers.Block):
                files = per_lab.setdefault(p.lab, {})
                files[rel] = files.get(rel, 0) + 1
    lines = []
    for lab in catalog.LABS:
        files = per_lab.get(lab.number, {})
        count = sum(files.values())
        lines.append("lab %2d %-16s %2d block%s%s" % (
            lab.number, lab.name, count, " " if count == 1 else "s",
            (" in " + ", ".join("%s (%d)" % kv for kv in files.items())) if files else ""))
    return "\n".join(lines)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--lab", type=int, help="the lab the handout is for (1..%d)" % len(catalog.LABS))
    ap.add_argument("--out", help="output directory (default build/handout/lab<N>)")
    ap.add_argument("--independent", action="store_true", help="stub only lab N")
    ap.add_argument("--src", default=TOP, help="the main tree (default: this tree)")
    ap.add_argument("--check", action="store_true", help="validate markers and print a summary")
    ap.add_argument("--branches", metavar="REPO", help="create branches lab1..lab10 in REPO")
    ap.add_argument("--force", action="store_true", help="with --branches: replace branches")
    args = ap.parse_args(argv)
    src = os.path.abspath(args.src)
    try:
        if args.check:
            print(summary(src))
            return 0
        if args.branches:
            import branches
            for line in branches.make_branches(args.branches, src, args.independent, args.force):
                print(line)
            return 0
        if args.lab is None:
            ap.error("give --lab N, --check or --branches REPO")
        catalog.get(args.lab)
        out = os.path.abspath(args.out or os.path.join(src, "build", "handout", "lab%d" % args.lab))
        count = write_handout(src, out, args.lab, args.independent)
        print("handout: lab %d (%s) written to %s: %d block%s stubbed" % (
            args.lab, "independent" if args.independent else "staged", out, count,
            "" if count == 1 else "s"))
        return 0
    except markers.MarkerError as e:
        print("handout: error:\n" + "\n".join("  " + p for p in e.problems), file=sys.stderr)
        return 1
    except KeyError as e:
        print("handout: error: %s" % e.args[0], file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
