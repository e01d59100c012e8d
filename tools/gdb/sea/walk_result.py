"""sea/walk_result.py - what a page-table walk found, in one shape for both archs.

The two walkers (pt_x86_64.py, pt_aarch64.py) differ in every detail - level names,
bit layouts, how permissions combine - but a student reads their answers side by side,
so both fill in the same record: one Step per table entry visited, then either the
physical address with the access it allows, or the reason there is no translation.
`sea pt` prints it; the tests read the printed words (present, writable, kernel-only,
executable), which is why they are chosen once, here.
"""


class Step:
    """One table entry: which level and index, where it lives (physical), its raw value,
    its bits decoded as NAME=value, and what it points to."""

    def __init__(self, level, index, entry_phys, raw, bits, points_to):
        self.level, self.index, self.entry_phys = level, index, entry_phys
        self.raw, self.bits, self.points_to = raw, bits, points_to


class Walk:
    def __init__(self, va, root_description):
        self.va = va
        self.root = root_description  # e.g. "CR3 = 0x213000"
        self.steps = []
        self.phys = None              # set when the address translates
        self.page_size = 0
        self.mapping = "page"         # aarch64 calls a mapping above level 3 a "block"
        self.access = []              # words such as "present", "writable", "kernel-only"
        self.reason = ""              # why there is no translation

    def fail(self, reason):
        self.reason = reason
        return self

    def lines(self):
        out = ["sea pt 0x%016x: %s" % (self.va, self.root)]
        width = max([len("%s[%d]" % (s.level, s.index)) for s in self.steps] or [0])
        for s in self.steps:
            where = "%s[%d]" % (s.level, s.index)
            out.append("  %-*s at phys 0x%09x: 0x%016x  %s" % (width, where, s.entry_phys,
                                                                s.raw, " ".join(s.bits)))
            out.append("  %-*s   -> %s" % (width, "", s.points_to))
        if self.phys is None:
            out.append("=> not mapped: " + self.reason)
        else:
            out.append("=> physical 0x%x (%s %s): %s" % (
                self.phys, size_name(self.page_size), self.mapping, ", ".join(self.access)))
        return out


def size_name(size):
    for unit, shift in (("GiB", 30), ("MiB", 20), ("KiB", 10)):
        if size >= 1 << shift and size % (1 << shift) == 0:
            return "%d %s" % (size >> shift, unit)
    return "%d B" % size
