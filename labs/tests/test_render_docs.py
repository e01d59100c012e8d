"""Unit tests of `make handout-docs` (labs/render_docs.py) on a fixture tree; skipped
where pandoc is not installed. What matters: links into docs/ land on the rendered
pages, links to source files land on the files, answers.md is never rendered, and a
link to nothing is reported."""
import os
import shutil
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
sys.path.insert(0, HERE)

import fixtures  # noqa: E402
import render_docs  # noqa: E402


@unittest.skipUnless(shutil.which("pandoc"), "pandoc is not installed")
class RenderDocsTest(unittest.TestCase):
    def test_links_work_and_answers_are_not_rendered(self):
        with tempfile.TemporaryDirectory() as tmp:
            top, out = os.path.join(tmp, "tree"), os.path.join(tmp, "tree", "build", "hd")
            fixtures.write(top, "docs/memory.md", "# Memory\n\n## Buddies\n\nText.\n")
            fixtures.write(top, "src/mm/buddy.cc", "int x;\n")
            fixtures.write(top, "labs/1-boot/answers.md", fixtures.ANSWERS_MD)
            fixtures.write(top, "labs/1-boot/README.md",
                           "# Lab 1\n\nRead [memory](../../docs/memory.md#buddies), "
                           "[the code](../../src/mm/buddy.cc), [answers](answers.md) and "
                           "[nothing](../../docs/none.md).\n")
            broken = render_docs.render(top, out)
            self.assertEqual(len(broken), 1)
            self.assertIn("docs/none.md", broken[0])
            with open(os.path.join(out, "labs", "1-boot", "index.html")) as f:
                page = f.read()
            self.assertIn('href="../../docs/memory.html#buddies"', page)
            self.assertIn('href="../../../../src/mm/buddy.cc"', page)
            self.assertIn('href="../../../../labs/1-boot/answers.md"', page)
            self.assertTrue(os.path.exists(os.path.join(out, "docs", "memory.html")))
            self.assertFalse(os.path.exists(os.path.join(out, "labs", "1-boot", "answers.html")))
            with open(os.path.join(out, "index.html")) as f:
                self.assertIn("Lab 1: Boot and tools", f.read())
            render_docs.render(top, out, source_url="https://example.org/seaos/blob/lab1")
            with open(os.path.join(out, "labs", "1-boot", "index.html")) as f:
                self.assertIn('href="https://example.org/seaos/blob/lab1/src/mm/buddy.cc"',
                              f.read())


if __name__ == "__main__":
    unittest.main()
