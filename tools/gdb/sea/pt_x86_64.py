"""sea/pt_x86_64.py - the x86_64 page-table walk, as the MMU does it.

With CR4.PAE=1 and EFER.LMA=1 (long mode) a 48-bit virtual address is cut into four
9-bit indexes and a 12-bit offset: PML4 (bits 47:39), PDPT (38:30), PD (29:21),
PT (20:12). CR3 holds the physical address of the PML4. Each level is a 4 KiB table of
512 8-byte entries; an entry holds the physical address of the next table in bits
51:12 and flags in the rest. PS=1 in a PDPT or PD entry ends the walk early with a
1 GiB or 2 MiB page. Bits 63:48 of the address must repeat bit 47 (canonical form);
anything else is a general-protection fault, not a page fault.

Permissions combine down the walk: a page is writable only if R/W=1 at every level,
reachable from user mode (CPL 3) only if U/S=1 at every level, and not executable if
NX (XD in Intel's manuals) is 1 at any level - which counts only with EFER.NXE=1.
CR0.WP=1 makes read-only pages read-only for the kernel too.
"""
from . import physmem
from .walk_result import Step, Walk

LEVELS = (("PML4", 39), ("PDPT", 30), ("PD", 21), ("PT", 12))
ADDR_BITS = 0x000FFFFFFFFFF000  # bits 51:12: the next table or the 4 KiB page
CR0_PG, CR0_WP = 1 << 31, 1 << 16
CR4_LA57 = 1 << 12
EFER_NXE = 1 << 11

P, RW, US, PWT, PCD, A, D, PS, G = (1 << n for n in range(9))
NX = 1 << 63


def _bits(entry, leaf, level):
    """NAME=value for each bit that means something at this kind of entry."""
    names = [("P", P), ("RW", RW), ("US", US), ("PWT", PWT), ("PCD", PCD), ("A", A)]
    if leaf:
        names.append(("D", D))
        names.append(("PAT", PS) if level == "PT" else ("PS", PS))
        names.append(("G", G))
    elif level in ("PDPT", "PD"):
        names.append(("PS", PS))
    names.append(("NX", NX))
    return ["%s=%d" % (name, 1 if entry & bit else 0) for name, bit in names]


def walk(va, cr0, cr3, cr4, efer):
    result = Walk(va, "CR3 = 0x%x, CR0.WP=%d, EFER.NXE=%d" % (
        cr3, 1 if cr0 & CR0_WP else 0, 1 if efer & EFER_NXE else 0))
    if not cr0 & CR0_PG:
        return result.fail("paging is off (CR0.PG=0): addresses are physical")
    if cr4 & CR4_LA57:
        return result.fail("5-level paging (CR4.LA57=1) is not decoded by this command")
    top = va >> 47
    if top not in (0, 0x1FFFF):
        return result.fail("not canonical: bits 63:47 must all equal bit 47 "
                           "(an access raises #GP, not a page fault)")
    table = cr3 & ADDR_BITS
    writable = user = True
    no_exec = False
    for depth, (level, shift) in enumerate(LEVELS):
        index = (va >> shift) & 511
        entry_phys = table + 8 * index
        entry = physmem.read_u64(entry_phys)
        present = entry & P
        leaf = level == "PT" or (level != "PML4" and entry & PS)
        if not present:
            points_to = "not present"
        elif leaf:
            page_size = 1 << shift
            frame = entry & ADDR_BITS & ~(page_size - 1)
            points_to = "%s page at 0x%x" % (_size(page_size), frame)
        else:
            points_to = "%s at 0x%x" % (LEVELS[depth + 1][0], entry & ADDR_BITS)
        result.steps.append(Step(level, index, entry_phys, entry, _bits(entry, leaf, level),
                                 points_to))
        if not present:
            return result.fail("%s[%d] has P=0 (the access would page-fault)" % (level, index))
        writable = writable and bool(entry & RW)
        user = user and bool(entry & US)
        no_exec = no_exec or (bool(entry & NX) and bool(efer & EFER_NXE))
        if leaf:
            result.page_size = page_size
            result.phys = frame + (va & (page_size - 1))
            result.access = ["present", "user" if user else "kernel-only",
                             "writable" if writable else "read-only",
                             "no-execute (NX=1)" if no_exec else "executable (NX=0)"]
            return result
        table = entry & ADDR_BITS
    return result


def _size(size):
    return {1 << 12: "4 KiB", 1 << 21: "2 MiB", 1 << 30: "1 GiB"}[size]
