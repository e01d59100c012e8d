"""Lab marker blocks: finding them in a file, checking them, and cutting them out.

Solution code lives in the main tree between markers (ARCHITECTURE.md section 6):

    // LAB 1 backtrace: BEGIN
    ...the solution...
    // LAB 1: STUB
    // ...the stub, commented out so main compiles only the solution...
    // LAB 1: END

The comment leader depends on the file: `//` for C++, headers and assembly (.S goes
through the C preprocessor, which removes `//` comments on both architectures), `#` for
Python, shell and make files, and `<!-- ... -->` for Markdown (the answers files keep
their model answers this way). A file type not listed here is never scanned, so a
marker in it is an error nobody sees: keep markers to these types.

Staging a file keeps a block's solution (markers removed) or replaces the block by its
stub with the leader taken off each line ("//   x" -> "  x", indentation kept). The
parser is strict because a marker typo would silently leak a solution into a handout:
every problem is reported with file:line, and all problems of a tree at once.
"""
import collections
import os
import re

# file suffix or base name -> (comment leader, comment trailer)
SLASHES, HASH, HTML = ("//", ""), ("#", ""), ("<!--", "-->")
STYLES = {
    ".cc": SLASHES, ".cpp": SLASHES, ".c": SLASHES, ".hh": SLASHES, ".h": SLASHES,
    ".S": SLASHES, ".s": SLASHES,
    ".py": HASH, ".sh": HASH, ".mk": HASH, "Makefile": HASH,
    ".md": HTML,
}

Block = collections.namedtuple("Block", "lab name path begin_line solution stub")


class MarkerError(Exception):
    """One or more malformed markers; str() lists them as file:line: message."""

    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


def style_for(path):
    """(leader, trailer) for this file, or None when its type is never scanned."""
    base = os.path.basename(path)
    return STYLES.get(base) or STYLES.get(os.path.splitext(base)[1])


def _patterns(style):
    lead, trail = (re.escape(s) for s in style)
    end = r"\s*%s\s*$" % trail
    return {
        "begin": re.compile(r"^\s*%s\s*LAB\s+(\d+)\s+([A-Za-z0-9_.-]+):\s*BEGIN%s" % (lead, end)),
        "stub": re.compile(r"^\s*%s\s*LAB\s+(\d+):\s*STUB%s" % (lead, end)),
        "end": re.compile(r"^\s*%s\s*LAB\s+(\d+):\s*END%s" % (lead, end)),
        # Anything that looks like a marker but is not one of the three is a typo.
        "near": re.compile(r"^\s*%s\s*LAB\b.*\b(BEGIN|STUB|END)" % lead),
        # A stub line: indentation, leader, at most one space, text, trailer.
        "stub_line": re.compile(r"^(\s*)%s ?(.*?)(?:\s*%s)?\s*$" % (lead, trail) if trail
                                else r"^(\s*)%s ?(.*)$" % lead),
    }


_PATTERN_CACHE = {}


def patterns(style):
    if style not in _PATTERN_CACHE:
        _PATTERN_CACHE[style] = _patterns(style)
    return _PATTERN_CACHE[style]


def parse(text, path, style, known_labs):
    """Splits text into plain lines (str) and Blocks. Raises MarkerError listing every
    problem. Lines keep their line endings so untouched text is copied exactly."""
    pat = patterns(style)
    pieces, problems = [], []
    block = None  # (lab, name, begin_line, solution lines, stub lines or None)
    lines = text.splitlines(keepends=True)
    for number, line in enumerate(lines, 1):
        where = "%s:%d" % (path, number)
        begin, stub, end = (pat[k].match(line) for k in ("begin", "stub", "end"))
        if begin:
            lab = int(begin.group(1))
            if block:
                problems.append("%s: LAB %d BEGIN inside the LAB %d block opened at line %d "
                                "(blocks do not nest)" % (where, lab, block[0], block[2]))
                continue
            if lab not in known_labs:
                problems.append("%s: unknown lab number %d (labs are %s)" % (
                    where, lab, ", ".join(map(str, sorted(known_labs)))))
            block = [lab, begin.group(2), number, [], None]
        elif stub or end:
            kind, match = ("STUB", stub) if stub else ("END", end)
            lab = int(match.group(1))
            if not block:
                problems.append("%s: LAB %d %s without a BEGIN" % (where, lab, kind))
            elif lab != block[0]:
                problems.append("%s: LAB %d %s closes the LAB %d block opened at line %d" % (
                    where, lab, kind, block[0], block[2]))
            elif stub and block[4] is not None:
                problems.append("%s: second LAB %d STUB in the block opened at line %d" % (
                    where, lab, block[2]))
            elif stub:
                block[4] = []
            elif block[4] is None:
                problems.append("%s: LAB %d block opened at line %d has no STUB marker (write "
                                "the stub, even an empty one, before END)" % (where, lab, block[2]))
                block = None
            else:
                pieces.append(Block(block[0], block[1], path, block[2], block[3], block[4]))
                block = None
        elif pat["near"].match(line):
            problems.append("%s: malformed lab marker %r (expected 'LAB <n> <name>: BEGIN', "
                            "'LAB <n>: STUB' or 'LAB <n>: END')" % (where, line.strip()))
        elif block:
            (block[3] if block[4] is None else block[4]).append(line)
        else:
            pieces.append(line)
    if block:
        problems.append("%s:%d: LAB %d block is never closed (no LAB %d: END)" % (
            path, block[2], block[0], block[0]))
    if problems:
        raise MarkerError(problems)
    return pieces


def uncomment_stub(block, style):
    """The stub's lines with the comment leader removed. Raises MarkerError if a line is
    not commented out: main would then compile the stub next to the solution."""
    pat, out, problems = patterns(style)["stub_line"], [], []
    start = block.begin_line + len(block.solution) + 2  # line number of the first stub line
    for offset, line in enumerate(block.stub):
        body = line.rstrip("\r\n")
        ending = line[len(body):]
        if not body.strip():
            out.append(line)
            continue
        m = pat.match(body)
        if not m:
            problems.append("%s:%d: stub line is not commented out with %r: %r" % (
                block.path, start + offset, style[0], body.strip()))
            continue
        out.append(m.group(1) + m.group(2) + ending)
    if problems:
        raise MarkerError(problems)
    return out


def render(pieces, style, keep_solution):
    """The staged text: keep_solution(lab) says whether a block keeps its solution."""
    out = []
    for piece in pieces:
        if isinstance(piece, Block):
            out.extend(piece.solution if keep_solution(piece.lab) else uncomment_stub(piece, style))
        else:
            out.append(piece)
    return "".join(out)


def normalized(line):
    """A line reduced to its words, so a solution line copied into a comment or a
    Markdown page still matches: leaders, trailers and spacing removed."""
    text = re.sub(r"^\s*(//+|#+|\*+|<!--|/\*)\s*", "", line)
    text = re.sub(r"\s*(-->|\*/)\s*$", "", text)
    return " ".join(text.split())


LEAK_MIN_CHARS = 24  # shorter lines ("}", "return 0;") are too common to call a leak


def telltale_lines(block, style):
    """Solution lines distinctive enough that finding one in a handout means a leak."""
    stub = {normalized(l) for l in block.stub}
    return {normalized(l) for l in block.solution
            if len(normalized(l)) >= LEAK_MIN_CHARS and normalized(l) not in stub}
