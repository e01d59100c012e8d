"""Reading a kernel backtrace off the console and checking it against the kernel's ELF.

The kernel prints a backtrace as

    backtrace:
      #0 0xffffffff80203a1c selftest::deliberate_fault()+0x2c
      #1 0xffffffff80203b07 selftest::run(char const*)+0x87
      ...

A grader cannot trust names alone: a stubbed print_backtrace() could print the expected
names from a string. So every frame is checked against the symbol table of the kernel
that was booted (build/<arch>/kernel.elf, read with nm as tools/scripts/ksyms.py reads
it): the printed address must be the named function's address plus the printed offset,
and must fall inside that function. Printing a backtrace that passes this check for the
frames the test asks for is the same work as writing the backtrace.
"""
import collections
import os
import re
import subprocess

from seaos import machine

Frame = collections.namedtuple("Frame", "index pc name offset")

FRAME_LINE = re.compile(r"^\s*#(\d+)\s+(0x[0-9a-fA-F]+)\s+(.*\S)\+(0x[0-9a-fA-F]+|0)\s*$")
UNKNOWN_LINE = re.compile(r"^\s*#(\d+)\s+(0x[0-9a-fA-F]+)\s+\?\s*$")
FUNCTION_TYPES = ("T", "t", "W", "w")
NM = {"x86_64": "nm", "aarch64": "aarch64-linux-gnu-nm"}


class BacktraceError(AssertionError):
    """The backtrace is missing, malformed, or does not match the kernel's symbols."""


def parse(text):
    """The frames of the first backtrace in `text` (frames of unknown symbols have name
    None). Raises BacktraceError when there is no 'backtrace:' line."""
    start = text.find("backtrace:")
    if start < 0:
        raise BacktraceError("no 'backtrace:' line in the output")
    frames = []
    for line in text[start:].splitlines()[1:]:
        m = FRAME_LINE.match(line)
        if m:
            frames.append(Frame(int(m.group(1)), int(m.group(2), 16), m.group(3),
                                int(m.group(4), 16)))
            continue
        m = UNKNOWN_LINE.match(line)
        if not m:
            break
        frames.append(Frame(int(m.group(1)), int(m.group(2), 16), None, 0))
    return frames


def short_name(name):
    """'selftest::run(char const*)' -> 'selftest::run'."""
    depth = 0
    for i, ch in enumerate(name):  # cut at the first '(' outside template brackets
        if ch == "<":
            depth += 1
        elif ch == ">":
            depth -= 1
        elif ch == "(" and depth == 0 and not name.startswith("(anonymous", i):
            return name[:i]
    return name


def kernel_symbols(arch, elf=None):
    """{demangled name: [(address, size), ...]} of the functions in the booted kernel
    (a list: two files may each have a static function of the same name)."""
    elf = elf or os.path.join(machine.TOP, "build", arch, "kernel.elf")
    res = subprocess.run([NM[arch], "-n", "-S", "-C", "--defined-only", elf],
                         capture_output=True, text=True)
    if res.returncode != 0:
        raise BacktraceError("cannot read the symbols of %s: %s" % (elf, res.stderr.strip()))
    symbols = {}
    for line in res.stdout.splitlines():
        # "addr size type name", or "addr type name" for assembly labels without .size
        parts = line.split(" ", 3)
        if len(parts) == 4 and parts[2] in FUNCTION_TYPES and len(parts[1]) > 1:
            symbols.setdefault(parts[3], []).append((int(parts[0], 16), int(parts[1], 16)))
        else:
            parts = line.split(" ", 2)
            if len(parts) == 3 and parts[1] in FUNCTION_TYPES:
                symbols.setdefault(parts[2], []).append((int(parts[0], 16), 0))
    return symbols


def verify(frames, symbols):
    """Raises BacktraceError unless every named frame matches the symbol table."""
    for f in frames:
        if f.name is None:
            continue
        if f.name not in symbols:
            raise BacktraceError("frame #%d names %r, which is no function of the kernel" % (
                f.index, f.name))
        if not any(address + f.offset == f.pc and (not size or f.offset < size)
                   for address, size in symbols[f.name]):
            address, size = symbols[f.name][0]
            raise BacktraceError("frame #%d: %#x is not %s+%#x (that function is at %#x, "
                                 "%d bytes)" % (f.index, f.pc, f.name, f.offset, address, size))
    for i, f in enumerate(frames):
        if f.index != i:
            raise BacktraceError("frames are not numbered #0, #1, ... (found #%d at %d)" % (
                f.index, i))


def expect_callers(frames, wanted):
    """Raises BacktraceError unless the frames name `wanted` (short names, innermost
    first) in this order; other frames may come between them."""
    names = [short_name(f.name) for f in frames if f.name]
    position = 0
    for want in wanted:
        while position < len(names) and not (names[position] == want or
                                              names[position].endswith("::" + want)):
            position += 1
        if position == len(names):
            raise BacktraceError("the backtrace does not name %s (in the order %s); it has: %s"
                                 % (want, " <- ".join(wanted), ", ".join(names) or "no frames"))
        position += 1


def check(text, arch, wanted, elf=None):
    """parse + verify + expect_callers; returns the frames."""
    frames = parse(text)
    if not frames:
        raise BacktraceError("the backtrace has no frames: %r" % text[text.find("backtrace:"):][:200])
    verify(frames, kernel_symbols(arch, elf))
    expect_callers(frames, wanted)
    return frames
