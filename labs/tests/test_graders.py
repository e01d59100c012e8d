"""Unit tests of the grader helpers that need no QEMU: reading backtraces and checking
them against a symbol table, answers files, and which labs `make grade` picks.

The backtrace check is what stops a student from passing lab 1 by printing the expected
names; these tests feed it honest and forged backtraces.
"""
import json
import os
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(TOP, "grading"))
sys.path.insert(0, os.path.join(TOP, "labs"))

import check_labs  # noqa: E402,F401  (labs/check_labs.py)
import grade  # noqa: E402
from labs import common  # noqa: E402
from seaos import backtrace  # noqa: E402

SYMBOLS = {
    "selftest::deliberate_fault()": [(0xffffffff80203a00, 0x40)],
    "selftest::(anonymous namespace)::test_fault()": [(0xffffffff80203a40, 0x20)],
    "selftest::run(char const*)": [(0xffffffff80203b00, 0x100)],
    "kernel_main(boot::Info&)": [(0xffffffff80204000, 0x200)],
}

HONEST = """deliberate fault: writing to an unmapped kernel address
page fault at 0x8
fatal: page fault
backtrace:
  #0 0xffffffff80203a1c selftest::deliberate_fault()+0x1c
  #1 0xffffffff80203a4b selftest::(anonymous namespace)::test_fault()+0xb
  #2 0xffffffff80203b87 selftest::run(char const*)+0x87
  #3 0xffffffff80204093 kernel_main(boot::Info&)+0x93
  #4 0xffffffff80200123 ?
powering off
"""
WANTED = ("deliberate_fault", "selftest::run", "kernel_main")


class BacktraceTest(unittest.TestCase):
    def test_honest_backtrace_passes(self):
        frames = backtrace.parse(HONEST)
        self.assertEqual(len(frames), 5)
        self.assertIsNone(frames[4].name)
        backtrace.verify(frames, SYMBOLS)
        backtrace.expect_callers(frames, WANTED)

    def test_forged_addresses_fail(self):
        forged = HONEST.replace("0xffffffff80203b87", "0xffffffff80203c87")
        with self.assertRaisesRegex(backtrace.BacktraceError, "frame #2"):
            backtrace.verify(backtrace.parse(forged), SYMBOLS)
        outside = HONEST.replace("0xffffffff80204093 kernel_main(boot::Info&)+0x93",
                                 "0xffffffff80204293 kernel_main(boot::Info&)+0x293")
        with self.assertRaisesRegex(backtrace.BacktraceError, "frame #3"):
            backtrace.verify(backtrace.parse(outside), SYMBOLS)
        made_up = HONEST.replace("kernel_main(boot::Info&)", "kernel_main()")
        with self.assertRaisesRegex(backtrace.BacktraceError, "no function"):
            backtrace.verify(backtrace.parse(made_up), SYMBOLS)

    def test_order_and_missing_callers(self):
        frames = backtrace.parse(HONEST)
        with self.assertRaisesRegex(backtrace.BacktraceError, "does not name deliberate_fault"):
            backtrace.expect_callers(frames, ("kernel_main", "deliberate_fault"))

    def test_stub_output_has_no_frames(self):
        stub = "backtrace: (not written yet: lab 1)\npowering off\n"
        self.assertEqual(backtrace.parse(stub), [])
        with self.assertRaises(backtrace.BacktraceError):
            backtrace.parse("no report at all\n")

    def test_short_names(self):
        self.assertEqual(backtrace.short_name("selftest::run(char const*)"), "selftest::run")
        self.assertEqual(backtrace.short_name("selftest::(anonymous namespace)::test_fault()"),
                         "selftest::(anonymous namespace)::test_fault")
        self.assertEqual(backtrace.short_name("ktl::List<mm::Page>::push(mm::Page*)"),
                         "ktl::List<mm::Page>::push")


class AnswersTest(unittest.TestCase):
    TEMPLATE = ("# Lab 1 answers\n\n## 1. Why?\n\n**Answer:**\n\n%s\n\n"
                "## 2. How?\n\n**Answer:**\n\n%s\n")

    def test_placeholder_and_comments_do_not_count(self):
        text = self.TEMPLATE % (common.ANSWER_PLACEHOLDER, "<!-- a comment is no answer -->")
        self.assertEqual(common.unanswered(text), ["1. Why?", "2. How?"])

    def test_filled_answers(self):
        text = self.TEMPLATE % ("Because the return address is the instruction after the call.",
                                "too short")
        self.assertEqual(common.unanswered(text), ["2. How?"])

    def test_real_answer_files_are_templates_with_questions(self):
        import catalog
        for lab in catalog.LABS:
            path = os.path.join(catalog.folder(lab), "answers.md")
            with open(path) as f:
                text = f.read()
            self.assertGreaterEqual(len(common.answer_slots(text)), 3, path)


class LabsSoFarTest(unittest.TestCase):
    def test_stamp_decides(self):
        with tempfile.TemporaryDirectory() as tree:
            self.assertEqual(grade.labs_so_far(tree), list(range(1, 11)))
            os.makedirs(os.path.join(tree, "labs"))
            stamp = os.path.join(tree, "labs", "handout.json")
            with open(stamp, "w") as f:
                json.dump({"lab": 3, "mode": "staged"}, f)
            self.assertEqual(grade.labs_so_far(tree), [1, 2, 3])
            with open(stamp, "w") as f:
                json.dump({"lab": 3, "mode": "independent"}, f)
            self.assertEqual(grade.labs_so_far(tree), [3])


if __name__ == "__main__":
    unittest.main()


class CheckLabsJudgeTest(unittest.TestCase):
    """check_labs.judge() turns grading results into the two-way proof's verdicts."""

    @staticmethod
    def results(*tests):
        entries = [{"name": "build x86_64 kernel", "status": "passed", "points": 0, "score": 0,
                    "message": "", "lab": None, "tags": ["build", "precondition", "x86_64"]}]
        for lab, points, status in tests:
            entries.append({"name": "lab%d test %d" % (lab, len(entries)), "status": status,
                            "points": points, "message": "why",
                            "score": points if status in ("passed", "flaky") else 0,
                            "lab": lab if points else None, "tags": []})
        return {"tests": entries}

    def verdicts(self, kind, lab, results):
        import check_labs
        return check_labs.judge(kind, lab, "x86_64", results, 1.0, "", [1, 2])

    def test_main_must_pass_everything(self):
        good = self.results((1, 0, "passed"), (1, 15, "passed"), (2, 10, "flaky"))
        self.assertTrue(all(ok for ok, _ in self.verdicts("main", None, good)))
        bad = self.results((1, 0, "passed"), (1, 15, "failed"))
        self.assertFalse(all(ok for ok, _ in self.verdicts("main", None, bad)))

    def test_handout_zero_on_its_lab_full_before_and_booting(self):
        good = self.results((1, 15, "passed"), (2, 0, "passed"), (2, 10, "failed"),
                            (2, 5, "skipped"))
        self.assertTrue(all(ok for ok, _ in self.verdicts("handout", 2, good)))
        leaky = self.results((1, 15, "passed"), (2, 0, "passed"), (2, 10, "passed"))
        self.assertFalse(all(ok for ok, _ in self.verdicts("handout", 2, leaky)))
        broken_earlier = self.results((1, 15, "failed"), (2, 0, "passed"), (2, 10, "failed"))
        self.assertFalse(all(ok for ok, _ in self.verdicts("handout", 2, broken_earlier)))
        not_booting = self.results((1, 15, "passed"), (2, 0, "failed"), (2, 10, "skipped"))
        self.assertFalse(all(ok for ok, _ in self.verdicts("handout", 2, not_booting)))
