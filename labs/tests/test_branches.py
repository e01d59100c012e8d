"""Unit tests of `make lab-branches` (labs/branches.py) on a throwaway git clone.

The properties that matter to a course: ten branches, lab1 a root commit (publishing the
branches never publishes main's history), each next lab one commit on the previous, each
branch's tree exactly that lab's handout, and the user's checkout, index and HEAD as they
were - even when the working tree is dirty.
"""
import os
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
sys.path.insert(0, HERE)

import branches  # noqa: E402
import fixtures  # noqa: E402


def git(repo, *args):
    return subprocess.run(["git", "-C", repo] + list(args), check=True, capture_output=True,
                          text=True).stdout.strip()


class BranchesTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(prefix="branches-test-")
        self.repo = fixtures.make_tree(os.path.join(self.tmp.name, "clone"))
        git(self.repo, "init", "-q", "-b", "main")
        git(self.repo, "add", "-A")
        git(self.repo, "-c", "user.name=T", "-c", "user.email=t@t", "commit", "-q", "-m", "main")
        fixtures.write(self.repo, "README.md", "a local edit, not committed\n")
        git(self.repo, "add", "README.md")  # staged, too
        fixtures.write(self.repo, "scratch.txt", "untracked\n")

    def tearDown(self):
        self.tmp.cleanup()

    def snapshot(self):
        return (git(self.repo, "status", "--porcelain"), git(self.repo, "rev-parse", "HEAD"),
                git(self.repo, "symbolic-ref", "HEAD"), git(self.repo, "diff", "--cached"))

    def test_ten_branches_chained_from_a_root_commit(self):
        before = self.snapshot()
        lines = list(branches.make_branches(self.repo, self.repo))
        self.assertEqual(len(lines), 10)
        self.assertEqual(self.snapshot(), before)
        self.assertEqual(git(self.repo, "rev-list", "--count", "lab1"), "1")
        for n in range(2, 11):
            self.assertEqual(git(self.repo, "rev-parse", "lab%d^" % n),
                             git(self.repo, "rev-parse", "lab%d" % (n - 1)))
        self.assertEqual(git(self.repo, "rev-list", "--count", "lab10"), "10")
        lab1_panic = git(self.repo, "show", "lab1:src/kernel/panic.cc")
        self.assertIn("not written yet: lab 1", lab1_panic)
        all_lab1 = subprocess.run(["git", "-C", self.repo, "archive", "--format=tar", "lab1"],
                                  check=True, capture_output=True).stdout
        for secret in fixtures.SOLUTION_TEXTS:
            self.assertNotIn(secret.encode(), all_lab1)
        self.assertIn("walk_the_frame_records_carefully",
                      git(self.repo, "show", "lab2:src/kernel/panic.cc"))
        self.assertIn("a local edit", git(self.repo, "show", "lab1:README.md"))  # the working tree
        # Untracked but not ignored files are part of the tree (handout.tree_files).
        self.assertIn("scratch.txt", git(self.repo, "ls-tree", "-r", "--name-only", "lab1"))

    def test_existing_branches_need_force(self):
        list(branches.make_branches(self.repo, self.repo))
        first = git(self.repo, "rev-parse", "lab3")
        with self.assertRaises(SystemExit):
            list(branches.make_branches(self.repo, self.repo))
        fixtures.write(self.repo, "src/kernel/extra.cc", "int extra;\n")
        list(branches.make_branches(self.repo, self.repo, force=True))
        self.assertNotEqual(git(self.repo, "rev-parse", "lab3"), first)
        self.assertIn("extra.cc", git(self.repo, "ls-tree", "-r", "--name-only", "lab3"))


if __name__ == "__main__":
    unittest.main()
