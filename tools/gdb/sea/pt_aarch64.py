"""sea/pt_aarch64.py - the aarch64 stage-1 walk (4 KiB granule), as the MMU does it.

An aarch64 CPU has two table bases at EL1. TTBR0_EL1 translates the bottom of the
address space (user space), TTBR1_EL1 the top (the kernel); which one is chosen by the
address's top bits, which must be all zeros or all ones. TCR_EL1 says how big each half
is (T0SZ/T1SZ: the half covers 2^(64 - TnSZ) bytes), which granule each uses
(TG0/TG1) and whether a half may be walked at all (EPD0/EPD1: SeaOS sets EPD0 while no
user table is active, so every low address faults).

With 4 KiB pages and 48-bit halves the address is cut like x86_64's: level 0 (bits
47:39), level 1 (38:30), level 2 (29:21), level 3 (20:12). Bits 1:0 of an entry say
what it is: x0 invalid, 11 a table (levels 0-2) or a page (level 3), 01 a block - a
1 GiB (level 1) or 2 MiB (level 2) mapping that ends the walk early.

Leaf bits: AttrIndx picks one of eight memory types in MAIR_EL1 (normal cached memory,
device registers); AP[2:1] gives the access for EL1 and EL0; AF must be 1 or the first
access faults (the kernel sets it, there is no hardware update here); SH is the
shareability; PXN/UXN forbid execution at EL1/EL0; nG makes the entry per-ASID.
Table entries can only take rights away for everything below them (APTable, PXNTable,
UXNTable).
"""
from . import physmem
from .walk_result import Step, Walk

ADDR_BITS = 0x0000FFFFFFFFF000  # bits 47:12
LEVEL_SHIFT = {0: 39, 1: 30, 2: 21, 3: 12}
TCR_EPD0, TCR_EPD1 = 1 << 7, 1 << 23

AP_WORDS = {0: "EL1 read-write, EL0 none", 1: "EL1 read-write, EL0 read-write",
            2: "EL1 read-only, EL0 none", 3: "EL1 read-only, EL0 read-only"}
SH_WORDS = {0: "non-shareable", 1: "reserved", 2: "outer", 3: "inner"}


def memory_type(attr):
    """A MAIR_EL1 attribute byte in words."""
    if attr >> 4 == 0:
        return "device-" + ("nGnRnE", "nGnRE", "nGRE", "GRE")[(attr >> 2) & 3]
    if attr == 0xFF:
        return "normal write-back"
    if attr == 0x44:
        return "normal non-cacheable"
    return "normal 0x%02x" % attr


def _bit(entry, n):
    return (entry >> n) & 1


def _leaf_bits(entry, mair):
    attr_index = (entry >> 2) & 7
    ap = (entry >> 6) & 3
    sh = (entry >> 8) & 3
    return ["AttrIndx=%d(%s)" % (attr_index, memory_type((mair >> (8 * attr_index)) & 0xFF)),
            "AP=%d%d(%s)" % (ap >> 1, ap & 1, AP_WORDS[ap]),
            "SH=%d(%s)" % (sh, SH_WORDS[sh]), "AF=%d" % _bit(entry, 10),
            "nG=%d" % _bit(entry, 11), "PXN=%d" % _bit(entry, 53), "UXN=%d" % _bit(entry, 54)]


def _table_bits(entry):
    return ["APTable=%d%d" % (_bit(entry, 62), _bit(entry, 61)), "PXNTable=%d" % _bit(entry, 59),
            "UXNTable=%d" % _bit(entry, 60)]


def _half(va, tcr, ttbr0, ttbr1):
    """(name, table base, size bits, walks disabled?) for the half that holds `va`,
    or a reason string when `va` is in neither."""
    t0sz, t1sz = tcr & 0x3F, (tcr >> 16) & 0x3F
    tg0, tg1 = (tcr >> 14) & 3, (tcr >> 30) & 3
    if va >> (64 - t1sz) == (1 << t1sz) - 1:
        if tg1 != 2:
            return "TCR_EL1.TG1=%d: only the 4 KiB granule (TG1=2) is decoded" % tg1
        return "TTBR1_EL1", ttbr1, 64 - t1sz, bool(tcr & TCR_EPD1)
    if va >> (64 - t0sz) == 0:
        if tg0 != 0:
            return "TCR_EL1.TG0=%d: only the 4 KiB granule (TG0=0) is decoded" % tg0
        return "TTBR0_EL1", ttbr0, 64 - t0sz, bool(tcr & TCR_EPD0)
    return ("in neither half: bits 63:%d must be all ones (TTBR1) or bits 63:%d all zeros "
            "(TTBR0); the access is a translation fault at level 0" % (64 - t1sz, 64 - t0sz))


def walk(va, sctlr, tcr, ttbr0, ttbr1, mair):
    half = _half(va, tcr, ttbr0, ttbr1)
    if isinstance(half, str):
        return Walk(va, "TCR_EL1 = 0x%x" % tcr).fail(half)
    name, ttbr, va_bits, disabled = half
    result = Walk(va, "%s = 0x%x (ASID %d), %d-bit half" % (name, ttbr, ttbr >> 48, va_bits))
    if not sctlr & 1:
        return result.fail("the MMU is off (SCTLR_EL1.M=0): addresses are physical")
    if disabled:
        return result.fail("walks of this half are disabled (TCR_EL1.EPD%s=1): every "
                           "address here faults" % name[4])
    # The first level's index takes whatever bits are left above it (9 with 48 bits).
    start = 0 if va_bits > 39 else 1 if va_bits > 30 else 2
    level = start
    table = ttbr & ADDR_BITS
    el1_write, el0_access, pxn, uxn = True, True, False, False
    while True:
        shift = LEVEL_SHIFT[level]
        index_bits = va_bits - shift if level == start else 9
        index = (va >> shift) & ((1 << index_bits) - 1)
        entry_phys = table + 8 * index
        entry = physmem.read_u64(entry_phys)
        kind = entry & 3
        is_table = kind == 3 and level < 3
        is_leaf = (kind == 3 and level == 3) or (kind == 1 and level in (1, 2))
        if is_table:
            points_to = "level-%d table at 0x%x" % (level + 1, entry & ADDR_BITS)
            bits = ["type=table"] + _table_bits(entry)
        elif is_leaf:
            size = 1 << shift
            frame = entry & ADDR_BITS & ~(size - 1)
            points_to = "%s %s at 0x%x" % ({12: "4 KiB", 21: "2 MiB", 30: "1 GiB"}[shift],
                                           "page" if level == 3 else "block", frame)
            bits = ["type=%s" % ("page" if level == 3 else "block")] + _leaf_bits(entry, mair)
        else:
            points_to = "invalid"
            bits = ["type=invalid(bits 1:0 = %d%d)" % (_bit(entry, 1), _bit(entry, 0))]
        result.steps.append(Step("L%d" % level, index, entry_phys, entry, bits, points_to))
        if not (is_table or is_leaf):
            return result.fail("level-%d entry %d is invalid (a translation fault at level "
                               "%d)" % (level, index, level))
        if is_table:
            el1_write = el1_write and not _bit(entry, 62)
            el0_access = el0_access and not _bit(entry, 61)
            pxn = pxn or bool(_bit(entry, 59))
            uxn = uxn or bool(_bit(entry, 60))
            table = entry & ADDR_BITS
            level += 1
            continue
        ap = (entry >> 6) & 3
        el1_write = el1_write and not ap & 2
        el0_access = el0_access and bool(ap & 1)
        pxn = pxn or bool(_bit(entry, 53))
        uxn = uxn or bool(_bit(entry, 54))
        result.page_size = size
        result.mapping = "page" if level == 3 else "block"
        result.phys = frame + (va & (size - 1))
        result.access = ["present" if _bit(entry, 10) else "present but AF=0 (first access "
                         "faults)", "user" if el0_access else "kernel-only",
                         "writable" if el1_write else "read-only",
                         "kernel execute-never (PXN=1)" if pxn else "executable (PXN=0)",
                         "user execute-never (UXN=1)" if uxn else "user-executable (UXN=0)"]
        return result
