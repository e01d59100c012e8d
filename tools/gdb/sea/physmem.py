"""sea/physmem.py - reading physical memory from GDB, before and after the direct map.

GDB reads memory at *virtual* addresses: QEMU translates each read through the page
tables of the CPU that GDB has selected. Page tables, though, hold *physical*
addresses. Once the kernel runs in its own address space every page of RAM is also
visible at DIRECT_MAP_BASE + phys (contract::kDirectMapBase), so the cheap way to read
physical address P is to read virtual address DIRECT_MAP_BASE + P.

Early in boot (x86_64 before long mode, aarch64 before the MMU is on, or a kernel whose
direct map is broken) that address is not mapped. QEMU's own monitor can read physical
memory whatever the CPU's state (`xp`), and GDB passes monitor commands through the
gdbstub (`monitor xp /2gx 0x1000`), so that is the fallback. It is slower (text to
parse), and only QEMU has it, so it comes second.
"""
import re
import struct

import gdb

from .kernel import DIRECT_MAP_BASE

_XP_LINE = re.compile(r"^[0-9a-fA-F]+:\s+(.*)$")


def read_u64s(phys, count):
    """`count` little-endian 64-bit words at physical address `phys` (8-byte aligned)."""
    try:
        raw = gdb.selected_inferior().read_memory(DIRECT_MAP_BASE + phys, 8 * count)
        return list(struct.unpack("<%dQ" % count, bytes(raw)))
    except gdb.MemoryError:
        return _read_u64s_monitor(phys, count)


def read_u64(phys):
    return read_u64s(phys, 1)[0]


def _read_u64s_monitor(phys, count):
    """The same through QEMU's monitor: `xp /Ngx ADDR` prints lines of the form
    '0000000000213000: 0x0000000000214003 0x0000000000000000'."""
    try:
        text = gdb.execute("monitor xp /%dgx 0x%x" % (count, phys), to_string=True)
    except gdb.error as e:
        raise gdb.GdbError("cannot read physical 0x%x: not in the direct map, and the "
                           "target has no QEMU monitor (%s)" % (phys, e))
    words = []
    for line in text.splitlines():
        m = _XP_LINE.match(line.strip())
        if m:
            words += [int(w, 16) for w in m.group(1).split()]
    if len(words) < count:
        raise gdb.GdbError("cannot read physical 0x%x: monitor said %r" % (phys, text.strip()))
    return words[:count]
