"""sea/log.py - `sea log`: the kernel's log ring, read straight out of memory.

printk (src/lib/printk.cc) writes every message into `log_ring`, a fixed array used as a
circular buffer, and counts the bytes ever written in `log_ring_head`. So the last
min(head, size) bytes end at head % size. Reading the ring from GDB shows what the
kernel said even when the console never printed it: a hang before the UART was set up,
a console on another screen, a panic in the middle of a line.
"""
import gdb

from . import kernel


class SeaLog(gdb.Command):
    """Print the kernel log ring (log_ring/log_ring_head in src/lib/printk.cc).

Usage: sea log [BYTES]   (default: the whole ring, oldest first; BYTES: only the last
                          BYTES bytes)"""

    def __init__(self):
        super().__init__("sea log", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        try:
            ring = kernel.variable("log_ring")
            head = kernel.plain(kernel.variable("log_ring_head"))
        except kernel.Missing:
            kernel.missing("sea log", "no log_ring in this kernel (is the SeaOS kernel loaded?)")
            return
        size = ring.type.sizeof
        want = int(gdb.parse_and_eval(arg)) if arg.strip() else size
        count = min(head, size, want)
        if count == 0:
            print("(the log is empty)")
            return
        start = (head - count) % size
        base = int(ring.address)
        inferior = gdb.selected_inferior()
        first = min(count, size - start)
        data = bytes(inferior.read_memory(base + start, first))
        data += bytes(inferior.read_memory(base, count - first))
        text = data.decode("utf-8", "replace")
        print(text, end="" if text.endswith("\n") else "\n")


SeaLog()
