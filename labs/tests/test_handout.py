"""Unit tests of the handout generator on fixture trees (python3 -m unittest in labs/).

Each test builds a fresh fixture main tree in a temp dir, stages it, and reads the
result: which blocks kept their solution, that stubs lost their comment leader but kept
their indentation, that no solution text is left anywhere, and that every kind of broken
marker is reported with its file:line.
"""
import io
import json
import os
import sys
import tempfile
import unittest
from contextlib import redirect_stderr, redirect_stdout

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
sys.path.insert(0, HERE)

import fixtures  # noqa: E402
import handout  # noqa: E402
import markers  # noqa: E402
from fixtures import HASH  # noqa: E402


def read(top, rel):
    with open(os.path.join(top, rel)) as f:
        return f.read()


def all_text(top):
    out = []
    for root, _, files in os.walk(top):
        for name in files:
            with open(os.path.join(root, name), "rb") as f:
                out.append(f.read().decode("utf-8", "replace"))
    return "\n".join(out)


class StagingTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(prefix="handout-test-")
        self.src = fixtures.make_tree(os.path.join(self.tmp.name, "main"))
        self.out = os.path.join(self.tmp.name, "out")

    def tearDown(self):
        self.tmp.cleanup()

    def stage(self, lab, independent=False):
        return handout.write_handout(self.src, self.out, lab, independent)

    def test_lab1_stubs_every_lab_and_leaves_no_solution(self):
        self.assertEqual(self.stage(1), 5)
        everything = all_text(self.out)
        for secret in fixtures.SOLUTION_TEXTS:
            self.assertNotIn(secret, everything)
        self.assertNotIn("LAB 1", everything)
        panic = read(self.out, "src/kernel/panic.cc")
        self.assertIn('void print_backtrace(uintptr_t pc, uintptr_t fp) {\n  (void)pc; (void)fp;\n'
                      '  printk("backtrace: (not written yet: lab 1)\\n");\n}\n', panic)
        # The indented lab-2 stub keeps its indentation and its own trailing comment.
        self.assertIn("  if (ready) {\n    return -1;  // lab 2: the buddy allocator\n  }\n", panic)

    def test_stub_styles_for_assembly_python_and_markdown(self):
        self.stage(1)
        self.assertIn("entry:\n    b .   // lab 3: install the kernel tables\n    ret\n",
                      read(self.out, "arch/aarch64/entry.S"))
        self.assertEqual("def answer():\n    return None  %s lab 4\n" % HASH,
                         read(self.out, "tools/tool.py"))
        answers = read(self.out, "labs/1-boot/answers.md")
        self.assertIn("**Answer:**\n\n_(your answer here)_\n", answers)

    def test_staged_lab3_keeps_earlier_solutions_without_markers(self):
        self.assertEqual(self.stage(3), 2)
        panic = read(self.out, "src/kernel/panic.cc")
        self.assertIn("walk_the_frame_records_carefully", panic)
        self.assertIn("    return split_the_smallest_free_buddy_block();\n  }", panic)
        self.assertNotIn("LAB", panic)
        self.assertNotIn("not written yet", panic)
        self.assertNotIn("x0_with_the_kernel_tables", read(self.out, "arch/aarch64/entry.S"))
        self.assertIn("points after the call", read(self.out, "labs/1-boot/answers.md"))

    def test_independent_stubs_only_its_lab(self):
        self.assertEqual(self.stage(2, independent=True), 1)
        everything = all_text(self.out)
        self.assertNotIn("split_the_smallest_free_buddy_block", everything)
        for secret in set(fixtures.SOLUTION_TEXTS) - {"split_the_smallest_free_buddy_block"}:
            self.assertIn(secret, everything)

    def test_stamp_modes_binary_files_and_build_outputs(self):
        self.stage(2)
        with open(os.path.join(self.out, handout.STAMP)) as f:
            self.assertEqual(json.load(f), {"lab": 2, "mode": "staged"})
        self.assertTrue(os.access(os.path.join(self.out, "tools/tool.py"), os.X_OK))
        with open(os.path.join(self.out, "logo.bin"), "rb") as f:
            self.assertEqual(f.read(), bytes(range(256)))
        self.assertFalse(os.path.exists(os.path.join(self.out, "build")))

    def test_rerun_replaces_a_previous_handout_but_not_other_directories(self):
        self.stage(1)
        self.stage(2)  # over the lab-1 handout: allowed
        self.assertIn("walk_the_frame_records_carefully", read(self.out, "src/kernel/panic.cc"))
        fixtures.write(self.tmp.name, "precious/notes.txt", "mine")
        with self.assertRaises(SystemExit):
            handout.write_handout(self.src, os.path.join(self.tmp.name, "precious"), 1)
        self.assertEqual(read(self.tmp.name, "precious/notes.txt"), "mine")

    def test_solution_copied_into_a_doc_is_a_leak_and_no_handout_is_left(self):
        fixtures.write(self.src, "docs/memory.md",
                       "The allocator does:\n\n    return split_the_smallest_free_buddy_block();\n")
        with self.assertRaises(markers.MarkerError) as caught:
            self.stage(2)
        self.assertIn("docs/memory.md:3", str(caught.exception))
        self.assertIn("src/kernel/panic.cc:17", str(caught.exception))
        self.assertFalse(os.path.exists(self.out))
        self.stage(3)  # lab 2 solved in the lab-3 handout: the doc is no leak there

    def test_solution_line_that_is_also_given_code_is_no_leak(self):
        # The same call made by code outside any block is public anyway; a copy of it in a
        # comment is not.
        fixtures.write(self.src, "src/mm/other.cc",
                       "void f() {\n  return split_the_smallest_free_buddy_block();\n}\n")
        self.stage(1)
        fixtures.write(self.src, "src/mm/hint.cc",
                       "// hint: return split_the_smallest_free_buddy_block();\n")
        fixtures.write(self.src, "src/mm/other.cc", "void f() {}\n")
        with self.assertRaises(markers.MarkerError) as caught:
            self.stage(1)
        self.assertIn("src/mm/hint.cc:1", str(caught.exception))

    def test_main_cli_writes_and_reports(self):
        with redirect_stdout(io.StringIO()) as out:
            rc = handout.main(["--src", self.src, "--lab", "1", "--out", self.out])
        self.assertEqual(rc, 0)
        self.assertIn("5 blocks stubbed", out.getvalue())
        with redirect_stdout(io.StringIO()) as out:
            self.assertEqual(handout.main(["--src", self.src, "--check"]), 0)
        self.assertIn("src/kernel/panic.cc (1)", out.getvalue())
        self.assertIn("labs/1-boot/answers.md (1)", out.getvalue())
        with redirect_stderr(io.StringIO()) as err:
            self.assertEqual(handout.main(["--src", self.src, "--lab", "11"]), 1)
        self.assertIn("no lab 11", err.getvalue())


class GitSourceTest(unittest.TestCase):
    def test_git_checkout_copies_tracked_and_unignored_files_only(self):
        import subprocess
        with tempfile.TemporaryDirectory() as tmp:
            src = fixtures.make_tree(os.path.join(tmp, "main"))
            subprocess.run(["git", "init", "-q", src], check=True)
            subprocess.run(["git", "-C", src, "add", "src", "README.md"], check=True)
            fixtures.write(src, "debug.log", "ignored by .gitignore")
            files = handout.tree_files(src)
            self.assertIn("src/kernel/panic.cc", files)
            self.assertIn("tools/tool.py", files)  # untracked but not ignored: copied
            self.assertNotIn("debug.log", files)
            self.assertFalse([f for f in files if f.startswith((".git/", "build/"))])


class MarkerErrorTest(unittest.TestCase):
    """Every broken marker is reported with file:line, and all of them at once."""

    def problems(self, text, path="x.cc"):
        style = markers.style_for(path)
        with self.assertRaises(markers.MarkerError) as caught:
            pieces = markers.parse(text, path, style, set(range(1, 11)))
            for p in pieces:
                if isinstance(p, markers.Block):
                    markers.uncomment_stub(p, style)
        return str(caught.exception)

    def test_never_closed(self):
        msg = self.problems("a\n// LAB 1 bt: BEGIN\nx\n// LAB 1: STUB\n// y\n")
        self.assertIn("x.cc:2: LAB 1 block is never closed", msg)

    def test_nested(self):
        msg = self.problems("// LAB 1 a: BEGIN\n// LAB 2 b: BEGIN\n// LAB 1: STUB\n// LAB 1: END\n")
        self.assertIn("x.cc:2: LAB 2 BEGIN inside the LAB 1 block opened at line 1", msg)

    def test_unknown_lab(self):
        msg = self.problems("// LAB 11 a: BEGIN\nx\n// LAB 11: STUB\n// LAB 11: END\n")
        self.assertIn("x.cc:1: unknown lab number 11", msg)

    def test_missing_stub(self):
        msg = self.problems("// LAB 2 a: BEGIN\nx\n// LAB 2: END\n")
        self.assertIn("x.cc:3: LAB 2 block opened at line 1 has no STUB marker", msg)

    def test_end_without_begin_and_mismatched_number(self):
        msg = self.problems("// LAB 2: END\n// LAB 3 a: BEGIN\n// LAB 4: STUB\n// LAB 3: END\n")
        self.assertIn("x.cc:1: LAB 2 END without a BEGIN", msg)
        self.assertIn("x.cc:3: LAB 4 STUB closes the LAB 3 block opened at line 2", msg)

    def test_second_stub(self):
        msg = self.problems("// LAB 1 a: BEGIN\n// LAB 1: STUB\n// LAB 1: STUB\n// LAB 1: END\n")
        self.assertIn("x.cc:3: second LAB 1 STUB", msg)

    def test_malformed_marker(self):
        msg = self.problems("// LAB 1 backtrace BEGIN\n")
        self.assertIn("x.cc:1: malformed lab marker", msg)
        msg = self.problems("<!-- LAB 6: BEGIN_ANSWER -->\n", path="a.md")
        self.assertIn("a.md:1: malformed lab marker", msg)

    def test_stub_line_not_commented(self):
        msg = self.problems("// LAB 1 a: BEGIN\nx();\n// LAB 1: STUB\n// y();\nz();\n// LAB 1: END\n")
        self.assertIn("x.cc:5: stub line is not commented out", msg)

    def test_python_and_markdown_styles(self):
        msg = self.problems("%s LAB 1 a: BEGIN\n" % HASH, path="t.py")
        self.assertIn("t.py:1: LAB 1 block is never closed", msg)
        msg = self.problems("<!-- LAB 1: END -->\n", path="a.md")
        self.assertIn("a.md:1: LAB 1 END without a BEGIN", msg)

    def test_other_comment_styles_are_not_markers(self):
        # A C++ marker quoted in Python or Markdown is text, not a marker.
        for path in ("t.py", "a.md"):
            style = markers.style_for(path)
            pieces = markers.parse("// LAB 1 a: BEGIN\n", path, style, {1})
            self.assertEqual(pieces, ["// LAB 1 a: BEGIN\n"])
        self.assertIsNone(markers.style_for("linker.ld"))

    def test_tree_scan_reports_all_files(self):
        with tempfile.TemporaryDirectory() as tmp:
            fixtures.write(tmp, "a.cc", "// LAB 1 a: BEGIN\n")
            fixtures.write(tmp, "b/c.hh", "// LAB 1: END\n")
            with self.assertRaises(markers.MarkerError) as caught:
                handout.scan(tmp)
            self.assertEqual(len(caught.exception.problems), 2)


class RealTreeTest(unittest.TestCase):
    """The markers of this very tree are valid, and the lab-1 handout leaks nothing."""

    def test_real_tree(self):
        blocks = handout.scan(handout.TOP)
        labs = {p.lab for _, pieces in blocks.values() for p in pieces
                if isinstance(p, markers.Block)}
        self.assertIn(1, labs)
        with tempfile.TemporaryDirectory() as tmp:
            handout.write_handout(handout.TOP, os.path.join(tmp, "lab1"), 1)
            panic = read(os.path.join(tmp, "lab1"), "src/kernel/panic.cc")
            self.assertIn("not written yet: lab 1", panic)
            self.assertNotIn("return_address - 1", panic)


if __name__ == "__main__":
    unittest.main()
