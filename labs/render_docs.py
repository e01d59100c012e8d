#!/usr/bin/env python3
"""make handout-docs: every lab README (and the book chapters they point into) as HTML.

    render_docs.py [--out DIR] [--source-url URL] [--strict]

Pandoc (Debian package `pandoc`) renders GitHub-flavoured Markdown to standalone HTML5
under <out> (default build/handout-docs), keeping the tree's layout: labs/1-boot/README.md
becomes <out>/labs/1-boot/index.html, docs/memory.md becomes <out>/docs/memory.html, and
<out>/index.html lists the labs. Links are then rewritten so they work:
  - to a rendered page (.md) -> its .html, anchors kept;
  - to anything else in the tree (source files, answers.md) -> that file, relative to
    the HTML page when browsing locally, or <URL>/<path> with --source-url (for example a
    repository's web view of the lab branch);
  - to a file that does not exist -> reported as a broken link (an error with --strict).
answers.md files are linked, never rendered: in the main tree they hold model answers.
"""
import argparse
import html
import os
import re
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import catalog  # noqa: E402

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LINK = re.compile(r'(href|src)="([^"]*)"')
EXTERNAL = re.compile(r"^([a-z][a-z0-9+.-]*:|#|/)", re.I)


def pages_to_render(top):
    """{tree-relative .md path: output-relative .html path}: lab READMEs, the labs
    overview and every docs/ chapter."""
    pages = {}
    for lab in catalog.LABS:
        rel = os.path.relpath(os.path.join(catalog.folder(lab, top), "README.md"), top)
        if os.path.exists(os.path.join(top, rel)):
            pages[rel] = os.path.join(os.path.dirname(rel), "index.html")
    if os.path.exists(os.path.join(top, "labs", "README.md")):
        pages["labs/README.md"] = "labs/index.html"
    for root, _, files in os.walk(os.path.join(top, "docs")):
        for name in files:
            if name.endswith(".md"):
                rel = os.path.relpath(os.path.join(root, name), top)
                pages[rel] = rel[:-3] + ".html"
    return pages


def title_of(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("# "):
                return line[2:].strip()
    return os.path.basename(path)


def rewrite_links(text, page, target, top, out, pages, source_url, broken):
    """The HTML with every relative link pointing where it works (see the file essay)."""
    page_dir, target_dir = os.path.dirname(page), os.path.dirname(os.path.join(out, target))

    def fix(match):
        attr, link = match.group(1), html.unescape(match.group(2))
        if not link or EXTERNAL.match(link):
            return match.group(0)
        path, hash_, anchor = link.partition("#")
        tree_rel = os.path.normpath(os.path.join(page_dir, path))
        if tree_rel in pages:
            new = os.path.relpath(os.path.join(out, pages[tree_rel]), target_dir)
        elif os.path.exists(os.path.join(top, tree_rel)):
            new = (source_url.rstrip("/") + "/" + tree_rel if source_url else
                   os.path.relpath(os.path.join(top, tree_rel), target_dir))
        else:
            broken.append("%s: broken link %r (no %s in the tree)" % (page, link, tree_rel))
            return match.group(0)
        return '%s="%s"' % (attr, html.escape(new + hash_ + anchor, quote=True))
    return LINK.sub(fix, text)


def render(top, out, source_url=None):
    """Renders every page; returns the list of broken links."""
    if not shutil.which("pandoc"):
        raise SystemExit("handout-docs: pandoc is not installed (make deps installs it)")
    pages = pages_to_render(top)
    broken = []
    for page, target in sorted(pages.items()):
        res = subprocess.run(["pandoc", "-f", "gfm", "-t", "html5", "-s",
                              "--metadata", "pagetitle=" + title_of(os.path.join(top, page)),
                              os.path.join(top, page)], capture_output=True, text=True)
        if res.returncode != 0:
            raise SystemExit("handout-docs: pandoc failed on %s:\n%s" % (page, res.stderr))
        text = rewrite_links(res.stdout, page, target, top, out, pages, source_url, broken)
        os.makedirs(os.path.dirname(os.path.join(out, target)), exist_ok=True)
        with open(os.path.join(out, target), "w", encoding="utf-8") as f:
            f.write(text)
    write_index(top, out, pages)
    return broken


def write_index(top, out, pages):
    items = []
    for lab in catalog.LABS:
        rel = os.path.relpath(os.path.join(catalog.folder(lab, top), "README.md"), top)
        if rel in pages:
            items.append('<li><a href="%s">Lab %d: %s</a></li>' % (
                pages[rel], lab.number, html.escape(lab.title)))
    chapters = ['<li><a href="%s">%s</a></li>' % (t, html.escape(title_of(os.path.join(top, p))))
                for p, t in sorted(pages.items()) if p.startswith("docs/")]
    with open(os.path.join(out, "index.html"), "w", encoding="utf-8") as f:
        f.write("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>SeaOS labs</title>"
                "</head><body>\n<h1>SeaOS labs</h1>\n<ul>\n%s\n</ul>\n<h2>The book</h2>\n<ul>\n"
                "%s\n</ul>\n</body></html>\n" % ("\n".join(items), "\n".join(chapters)))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--src", default=TOP, help="the tree (default: this tree)")
    ap.add_argument("--out", help="output directory (default <src>/build/handout-docs)")
    ap.add_argument("--source-url", help="base URL for links to source files")
    ap.add_argument("--strict", action="store_true", help="broken links are an error")
    args = ap.parse_args(argv)
    top = os.path.abspath(args.src)
    out = os.path.abspath(args.out or os.path.join(top, "build", "handout-docs"))
    shutil.rmtree(out, ignore_errors=True)
    broken = render(top, out, args.source_url)
    for line in broken:
        print("handout-docs: " + line, file=sys.stderr)
    print("handout-docs: %s/index.html (%d broken link%s)" % (
        os.path.relpath(out), len(broken), "" if len(broken) == 1 else "s"))
    return 1 if broken and args.strict else 0


if __name__ == "__main__":
    sys.exit(main())
