"""sea/pt.py - `sea pt VA [PID]`: translate one address the way the MMU would.

The walk starts where the hardware starts: the table base register of the CPU GDB has
selected (CR3 on x86_64; TTBR0_EL1 or TTBR1_EL1 on aarch64, by the address's top
bits), read through QEMU's gdbstub, which exposes the system registers. Each level's
entry is read from physical memory (physmem.py) and printed raw and decoded, so the
output can be checked by hand with `x/gx` or `monitor xp`. With a PID the user half is
walked in that process's own table (its AddressSpace's arch::PageTable) instead of the
one the CPU has loaded.
"""
import gdb

from . import kernel, pt_aarch64, pt_x86_64


def _process_root(pid):
    """What the table base register holds while process `pid` runs: the physical
    address of its top-level table, with its ASID in bits 63:48 on aarch64."""
    from . import procs  # only needed with a PID
    space = kernel.field(procs.find_process(pid), "as")
    if int(space) == 0:
        raise gdb.GdbError("process %d has no address space" % pid)
    table = kernel.field(space, "table_", "table")
    root = int(kernel.field(table, "root_", "root"))
    try:
        return root | int(kernel.field(table, "asid_", "asid")) << 48
    except kernel.Missing:  # x86_64 tables have no ASID (PCIDs are not used)
        return root


def translate(va, pid=None):
    """The Walk for `va` on the selected CPU (or in process `pid`'s table)."""
    if kernel.arch() == "x86_64":
        cr3 = kernel.register("cr3")
        if pid is not None:
            cr3 = _process_root(pid)
        return pt_x86_64.walk(va, kernel.register("cr0"), cr3, kernel.register("cr4"),
                              kernel.register("efer"))
    try:
        sctlr = kernel.register("SCTLR_EL1")
    except gdb.GdbError:
        sctlr = kernel.register("SCTLR")  # QEMU 7.2's name for SCTLR_EL1
    tcr, ttbr0 = kernel.register("TCR_EL1"), kernel.register("TTBR0_EL1")
    if pid is not None:
        ttbr0 = _process_root(pid)
        tcr &= ~pt_aarch64.TCR_EPD0  # the process's table, as if it were active
    return pt_aarch64.walk(va, sctlr, tcr, ttbr0, kernel.register("TTBR1_EL1"),
                           kernel.register("MAIR_EL1"))


class SeaPt(gdb.Command):
    """Walk the page tables for a virtual address, level by level, bits decoded.

Usage: sea pt ADDRESS [PID]

ADDRESS is any GDB expression: 0xffffffff80200000, kernel_main, $pc, &log_ring.
The walk starts at the selected CPU's table base: CR3 on x86_64 (PML4, PDPT, PD, PT);
on aarch64 TTBR1_EL1 for addresses with the top bits set, TTBR0_EL1 otherwise (levels
0-3, 4 KiB granule). Each line shows the entry's physical address, its raw value and
its bits; the last line gives the physical address and the access the whole walk
allows (present, user or kernel-only, writable or read-only, executable or not), or
why the address is not mapped. With PID, user addresses are walked in that process's
page table. Physical memory is read through the direct map, or through QEMU's monitor
(`monitor xp`) when the direct map is not there yet."""

    def __init__(self):
        super().__init__("sea pt", gdb.COMMAND_DATA, gdb.COMPLETE_EXPRESSION)

    def invoke(self, arg, from_tty):
        words = gdb.string_to_argv(arg)
        if not words:
            raise gdb.GdbError("usage: sea pt ADDRESS [PID]")
        pid = None
        if len(words) > 1 and words[-1].isdigit():
            pid = int(words[-1])
            words = words[:-1]
        va = kernel.address_argument(" ".join(words))
        try:
            result = translate(va, pid)
        except kernel.Missing as e:
            kernel.missing("sea pt", "cannot find process %s's page table in this kernel "
                           "yet (%s)" % (pid, e))
            return
        for line in result.lines():
            print(line)


SeaPt()
