"""What every lab grader shares: the grading context, nonces, boots, answers files.

A grader module (grading/labs/lab<n>.py) defines LAB, PENDING (None, or why the kernel
cannot be graded on this lab yet) and add(suite, ctx), which adds its tests to the Suite.
The context says which architectures and CPU counts to grade and names the build test
of each architecture that every boot test depends on.

Points: tests that check the lab's hole carry points. Tests that only check that the
kernel builds and boots at all (the banner) carry 0 points and the tag "precondition";
one set serves every lab of a run. They tell a student why everything else was skipped,
and check_labs proves that a stubbed handout still passes them (a stubbed kernel builds
and boots as far as it can) while it scores zero points on its own lab.

Nonces: every boot gets a fresh random nonce on its kernel command line. The kernel
echoes its command line in the banner and tags self-test results with it, so a grader
accepts only output from the kernel it just booted, never text stored or printed by a
program that guessed the format.
"""
import os
import re
import secrets
import time

from seaos import machine
from seaos.machine import BANNER, Machine, MachineError

ARCHES = ("x86_64", "aarch64")
SMPS = (1, 4)
ANSWER_PLACEHOLDER = "_(your answer here)_"
MIN_ANSWER_WORDS = 8


class Context:
    """Which machines to grade on; shared by every grader of one grading run."""

    def __init__(self, arches=ARCHES, smps=SMPS, mem="512M", mib=512):
        self.arches, self.smps, self.mem, self.mib = tuple(arches), tuple(smps), mem, mib

    @staticmethod
    def build_test(arch):
        """The name of the test that builds `arch`'s kernel (grade.py adds it)."""
        return "build %s kernel" % arch

    @staticmethod
    def top():
        return machine.TOP


def nonce():
    return secrets.token_hex(8)


class Budget:
    """A test's whole time allowance, scaled by SEAOS_TIMEOUT_SCALE like every timeout.
    left() is in unscaled seconds, the unit Machine.expect() takes."""

    def __init__(self, seconds):
        self.deadline = time.monotonic() + seconds * machine.SCALE

    def left(self):
        return max(1.0, (self.deadline - time.monotonic()) / machine.SCALE)


def boot(name, arch, smp, cmdline, mem="512M", forbid=(r"KERNEL PANIC", r"fatal: "),
         extra_args=()):
    """A Machine for one grader boot, its console log kept as build/<arch>/test-logs/<name>.log."""
    return Machine(arch, smp=smp, mem=mem, cmdline=cmdline, name=name, forbid=forbid,
                   extra_args=extra_args)


def expect_banner(m, arch, smp, mib, token, budget):
    """Checks the banner (arch, CPUs, memory) and that the kernel echoes this run's nonce."""
    match = m.expect(BANNER.pattern, timeout=budget.left())
    got = (match.group(2), int(match.group(3)), int(match.group(4)))
    if got != (arch, smp, mib):
        raise MachineError("banner says %s, %d CPUs, %d MiB; expected %s, %d CPUs, %d MiB" % (
            got + (arch, smp, mib)))
    line = m.expect(r'command line "([^"\n]*)"', timeout=budget.left())
    if "nonce=" + token not in line.group(1).split():
        raise MachineError("the kernel did not echo this run's nonce %s in its command line: %r"
                           % (token, line.group(0)))


def expect_selftests(m, token, names, budget):
    """Waits for '[nonce] selftest <name>: PASS' for each name; a FAIL line fails at once."""
    for name in names:
        match = m.expect(r"\[%s\] selftest %s: (PASS|FAIL.*)" % (token, re.escape(name)),
                         timeout=budget.left())
        if match.group(1) != "PASS":
            raise MachineError("selftest %s: %s" % (name, match.group(1)))


def answer_slots(text):
    """[(question heading, answer text)] of an answers file: each '## ' heading is a
    question, and its answer is what follows its '**Answer:**' line."""
    slots = []
    for part in re.split(r"^## ", text, flags=re.M)[1:]:
        heading = part.splitlines()[0].strip()
        _, found, answer = part.partition("**Answer:**")
        slots.append((heading, answer if found else ""))
    return slots


def unanswered(text):
    """The question headings whose answer slot is still empty or the placeholder."""
    missing = []
    for heading, answer in answer_slots(text):
        words = re.sub(r"<!--.*?-->", " ", answer, flags=re.S).replace(ANSWER_PLACEHOLDER, " ")
        if len(words.split()) < MIN_ANSWER_WORDS:
            missing.append(heading)
    return missing


def answers_test(lab_folder):
    """A test that every question in labs/<n>-<name>/answers.md has an answer."""
    def run():
        path = os.path.join(machine.TOP, "labs", lab_folder, "answers.md")
        if not os.path.exists(path):
            raise AssertionError("%s is missing" % os.path.relpath(path, machine.TOP))
        with open(path, encoding="utf-8") as f:
            text = f.read()
        if not answer_slots(text):
            raise AssertionError("%s has no questions ('## ' headings)" % path)
        missing = unanswered(text)
        if missing:
            raise AssertionError("labs/%s/answers.md: no answer (at least %d words under "
                                 "**Answer:**) to: %s" % (lab_folder, MIN_ANSWER_WORDS,
                                                          "; ".join(missing)))
    return run


def test_name(lab, arch, smp, what):
    return "lab%d %s -smp %d: %s" % (lab, arch, smp, what)


def tags(lab, arch=None, points=1):
    return tuple(t for t in ("lab%d" % lab, arch, "graded" if points else "precondition") if t)


def add_banner_preconditions(suite, ctx, lab):
    """0-point banner tests for every machine, shared by every lab graded in this run
    (added by the first); returns {(arch, smp): test name} for dependencies."""
    names, existing = {}, {t.name for t in suite.tests}
    for arch in ctx.arches:
        for smp in ctx.smps:
            name = "boot %s -smp %d: banner (%d CPU%s, %d MiB) with this run's nonce" % (
                arch, smp, smp, "" if smp == 1 else "s", ctx.mib)
            if name not in existing:
                suite.add(name, banner_test(ctx, arch, smp), points=0,
                          deps=(ctx.build_test(arch),), tags=(arch, "precondition"))
            names[arch, smp] = name
    return names


def banner_test(ctx, arch, smp):
    def run():
        budget, token = Budget(90), nonce()
        with boot("banner-%s-smp%d" % (arch, smp), arch, smp,
                  "nonce=%s poweroff" % token, mem=ctx.mem) as m:
            expect_banner(m, arch, smp, ctx.mib, token, budget)
            m.expect_exit(machine.EXIT_PASS, timeout=budget.left())
    return run


# -- table-driven graders ------------------------------------------------------------------
# Most labs are "boot with this on the command line, wait for tagged PASS lines". A row
# of a grader's TESTS table is (what it checks, kind, argument, {cpus: points}):
#   kind "selftest": argument is a list of in-kernel self-tests run as test=a,b nonce=..;
#                    each must print "[nonce] selftest <name>: PASS", then power off (33).
#   kind "program":  argument is a user program run as the first process: the kernel is
#                    booted with "nonce=<hex> init=<path>", passes the nonce to it in the
#                    environment as SEAOS_NONCE, and the program prints
#                    "[<nonce>] <program name>: PASS"; when it exits the kernel powers off
#                    with its status (QEMU 33 for exit status 0).


def selftest_test(ctx, lab, arch, smp, names, seconds=120):
    def run():
        budget, token = Budget(seconds), nonce()
        with boot("lab%d-%s-%s-smp%d" % (lab, "+".join(names), arch, smp), arch, smp,
                  "test=%s nonce=%s poweroff" % (",".join(names), token), mem=ctx.mem) as m:
            expect_banner(m, arch, smp, ctx.mib, token, budget)
            expect_selftests(m, token, names, budget)
            m.expect_exit(machine.EXIT_PASS, timeout=budget.left())
    return run


def program_test(ctx, lab, arch, smp, path, seconds=180):
    program = os.path.basename(path)

    def run():
        budget, token = Budget(seconds), nonce()
        with boot("lab%d-%s-%s-smp%d" % (lab, program, arch, smp), arch, smp,
                  "nonce=%s init=%s" % (token, path), mem=ctx.mem) as m:
            expect_banner(m, arch, smp, ctx.mib, token, budget)
            match = m.expect(r"\[%s\] %s: (PASS|FAIL.*)" % (token, re.escape(program)),
                             timeout=budget.left())
            if match.group(1) != "PASS":
                raise MachineError("%s: %s" % (program, match.group(1)))
            m.expect_exit(machine.EXIT_PASS, timeout=budget.left())
    return run


def add_table(suite, ctx, lab, folder, rows, answer_points):
    """Adds the banner preconditions, one test per row x arch x CPU count, and the
    answers test."""
    banners = add_banner_preconditions(suite, ctx, lab)
    for what, kind, argument, points_by_smp in rows:
        for arch in ctx.arches:
            for smp, points in sorted(points_by_smp.items()):
                if smp not in ctx.smps and len(points_by_smp) > 1:
                    continue
                if kind == "selftest":
                    fn = selftest_test(ctx, lab, arch, smp, list(argument))
                elif kind == "program":
                    fn = program_test(ctx, lab, arch, smp, argument)
                else:
                    fn = argument(ctx, arch, smp)  # a custom test factory
                deps = (banners[arch, smp],) if (arch, smp) in banners else (
                    ctx.build_test(arch),)
                suite.add(test_name(lab, arch, smp, what), fn, points=points, deps=deps,
                          tags=tags(lab, arch, points))
    suite.add("lab%d: answers.md has an answer to every question" % lab,
              answers_test(folder), points=answer_points, tags=tags(lab))
