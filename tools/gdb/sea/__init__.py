"""sea - GDB commands that read SeaOS's own data structures, on x86_64 and aarch64.

One module per family of commands, each a gdb.Command whose docstring is its `help`:

    log.py     sea log                 the kernel log ring
    pt.py      sea pt VA [PID]         a page-table walk (pt_x86_64.py, pt_aarch64.py)
    mem.py     sea mem [lists]         the page allocator's free blocks and CPU caches
    cpus.py    sea cpus, sea runq      per-CPU state and run queues
    procs.py   sea ps, sea vm, sea files   processes, address spaces, descriptors

kernel.py holds what they share (finding symbols and fields, walking ktl::List), and
physmem.py reads physical memory. tools/gdb/seaos.py loads the package; source it again
after editing a module and the commands are rebuilt from the new code.
"""
import gdb

from . import kernel


class Sea(gdb.Command):
    """SeaOS commands: inspect the kernel's own data structures (both architectures).

sea log          the kernel log ring (what printk wrote, even if the console lost it)
sea pt VA [PID]  walk the page tables for an address, level by level, bits decoded
sea mem          free pages per buddy order and in each CPU's page cache
sea cpus         every CPU: pc, privilege, interrupts, per-CPU and scheduler state
sea runq         each CPU's run queue and sleeping threads
sea ps           processes and their threads
sea vm PID       a process's memory regions (like /proc/PID/maps)
sea files PID    a process's open file descriptors

`help sea <command>` says more. A command whose kernel structure does not exist yet
(an early lab) says so instead of failing."""

    def __init__(self):
        super().__init__("sea", gdb.COMMAND_DATA, gdb.COMPLETE_COMMAND, True)


class SeaArch(gdb.Function):
    """$_sea_arch() - "x86_64" or "aarch64": lets a .gdb script branch on the target:
    if $_streq($_sea_arch(), "x86_64") ... else ... end"""

    def __init__(self):
        super().__init__("_sea_arch")

    def invoke(self):
        return kernel.arch()


Sea()
SeaArch()
