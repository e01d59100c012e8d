"""GDB commands that read SeaOS's own structures, on either architecture.

Loaded by the generated gdbinit (`make gdb`). Every command lives under the `sea` prefix
and documents itself: `help sea`, `help sea log`.
"""
import gdb


class Sea(gdb.Command):
    """SeaOS commands: inspect the kernel's own data structures.

sea log    the kernel log ring (what printk wrote, even if the console lost it)"""

    def __init__(self):
        super().__init__("sea", gdb.COMMAND_USER, gdb.COMPLETE_COMMAND, True)


class SeaLog(gdb.Command):
    """Print the kernel log ring (log_ring/log_ring_head in src/lib/printk.cc).

Usage: sea log [BYTES]   (default: the whole ring, oldest first)"""

    def __init__(self):
        super().__init__("sea log", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        ring = gdb.lookup_global_symbol("log_ring")
        head_sym = gdb.lookup_global_symbol("log_ring_head")
        if ring is None or head_sym is None:
            raise gdb.GdbError("no log_ring symbol: is the SeaOS kernel loaded?")
        size = ring.type.sizeof
        head = int(head_sym.value())
        want = int(arg) if arg.strip() else size
        count = min(head, size, want)
        start = (head - count) % size
        base = int(ring.value().address)
        inferior = gdb.selected_inferior()
        data = b""
        if count:
            first = min(count, size - start)
            data = bytes(inferior.read_memory(base + start, first))
            data += bytes(inferior.read_memory(base, count - first))
        if not data:
            print("(the log is empty)")
            return
        print(data.decode("utf-8", "replace"), end="" if data.endswith(b"\n") else "\n")


Sea()
SeaLog()
