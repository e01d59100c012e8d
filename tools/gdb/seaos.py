"""seaos.py - loads SeaOS's GDB commands (the `sea` prefix) into gdb-multiarch.

The generated gdbinit (`make gdb`) sources this file; the walkthroughs and the tests
do the same. The commands themselves live in the package next to it, tools/gdb/sea/,
one module per family. Sourcing this file again reloads every module, so a command
can be edited and tried without restarting GDB or QEMU.
"""
import importlib
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
if HERE not in sys.path:
    sys.path.insert(0, HERE)

MODULES = ("sea", "sea.kernel", "sea.physmem", "sea.walk_result", "sea.log",
           "sea.pt_x86_64", "sea.pt_aarch64", "sea.pt", "sea.mem", "sea.cpus", "sea.procs")

for name in MODULES:
    if name in sys.modules:
        importlib.reload(sys.modules[name])  # a second `source`: pick up edits
    else:
        importlib.import_module(name)
