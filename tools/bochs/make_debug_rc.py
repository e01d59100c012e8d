#!/usr/bin/env python3
"""tools/bochs/make_debug_rc.py - the Bochs debugger script for `make bochs-debug`.

    make_debug_rc.py --kernel build/x86_64/kernel.elf --out build/x86_64/bochs-debug.rc
                     [--nm nm] [--objdump objdump]

Bochs' internal debugger reads commands from a file given with `-rc` before it reads the
terminal. This script writes one that stops the x86_64 boot at its four turning points
and prints the machine state that changes there:

  stop 1  boot_entry32: GRUB has just jumped to the kernel's Multiboot2 entry. 32-bit
          protected mode (CR0.PE=1), paging off (CR0.PG=0), GRUB's flat segments,
          EAX = the Multiboot2 magic, EBX = the boot information.
  stop 2  the instruction after `mov %eax, %cr0` (a far jump): paging is on and
          EFER.LMA=1 - long mode is active - but CS is still a 32-bit segment, so the
          CPU runs in *compatibility* mode until the far jump loads a 64-bit CS.
  stop 3  boot_entry64_low, the far jump's target: CS.L=1, 64-bit mode.
  stop 4  kernel_main: the kernel's own GDT and IDT, the identity map gone.
  stop 5  the first call after the boot banner (mm::init): the banner is on COM1; quit.

The addresses come from the kernel being debugged (nm for symbols, objdump for the
instruction after the CR0 write), so the file is regenerated whenever kernel.elf
changes. Low symbols are also given to Bochs (`ldsym`), so its disassembly names
boot_entry32 and boot_entry64_low. Standard library + binutils.
"""
import argparse
import os
import re
import subprocess
import sys

# What is printed at each stop, in order. `creg`: CR0/CR2/CR3/CR4/EFER with every bit
# named (upper case = set); `sreg`: segment registers, GDTR, IDTR; `info gdt`: the
# descriptors; `info tab`: the page tables as address ranges; `page A`: one walk.
STOPS = [
    ("boot_entry32", "Multiboot2 entry: 32-bit protected mode, paging off",
     ["r", "creg", "sreg", "info gdt"]),
    ("after_cr0_write", "paging on, EFER.LMA=1: long mode, still in 32-bit compatibility mode",
     ["creg", "sreg", "info gdt", "info tab"]),
    ("boot_entry64_low", "first 64-bit instruction: CS.L=1, 64-bit mode",
     ["creg", "sreg", "info tab"]),
    ("kernel_main", "kernel_main: the kernel's GDT and IDT, high-half addresses",
     ["creg", "sreg", "info gdt", "info tab", "page {kernel_main}"]),
    ("after_banner", "after the boot banner (the first call that follows it)", []),
]
BANNER_FOLLOWERS = ("mm::init(boot::Info const&)",)  # first function kernel_main calls after it


def symbols(nm, kernel):
    """{demangled name: address} for every symbol of the kernel."""
    out = subprocess.run([nm, "-C", kernel], capture_output=True, text=True, check=True).stdout
    table = {}
    for line in out.splitlines():
        parts = line.split(" ", 2)
        if len(parts) == 3:
            table.setdefault(parts[2], int(parts[0], 16))
    return table


def find(table, *names):
    for name in names:
        for key, address in table.items():
            if key == name or key.startswith(name + "("):
                return address
    sys.exit("make_debug_rc: %s is not in the kernel" % " / ".join(names))


def after_cr0_write(objdump, kernel, start, end):
    """Address of the instruction after the 32-bit `mov %eax,%cr0` in [start, end)."""
    out = subprocess.run([objdump, "-d", "-m", "i386", "--start-address=0x%x" % start,
                          "--stop-address=0x%x" % end, kernel],
                         capture_output=True, text=True, check=True).stdout
    found = False
    for line in out.splitlines():
        m = re.match(r"\s*([0-9a-f]+):\s", line)
        if not m:
            continue
        if found:
            return int(m.group(1), 16)
        found = re.search(r"mov\s+%e\w\w,%cr0", line) is not None
    sys.exit("make_debug_rc: no `mov %%eax,%%cr0` between 0x%x and 0x%x" % (start, end))


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--kernel", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--nm", default="nm")
    ap.add_argument("--objdump", default="objdump")
    args = ap.parse_args()

    table = symbols(args.nm, args.kernel)
    entry32 = find(table, "boot_entry32")
    entry64_low = find(table, "boot_entry64_low")
    where = {"boot_entry32": entry32,
             "after_cr0_write": after_cr0_write(args.objdump, args.kernel, entry32, entry64_low),
             "boot_entry64_low": entry64_low,
             "kernel_main": find(table, "kernel_main"),
             "after_banner": find(table, *BANNER_FOLLOWERS)}

    # Bochs reads "address name" lines; only the boot code's low addresses are resolved
    # in its disassembly, so those are the ones worth giving it.
    symbol_file = os.path.splitext(args.out)[0] + ".sym"
    with open(symbol_file, "w") as f:
        for name, address in sorted(table.items(), key=lambda item: item[1]):
            if address < 0x100000000 and re.fullmatch(r"[A-Za-z_]\w*", name):
                f.write("0x%x %s\n" % (address, name))

    lines = ["# %s - generated by tools/bochs/make_debug_rc.py from %s; do not edit."
             % (os.path.basename(args.out), args.kernel),
             "# Bochs runs these debugger commands first (bochs -rc FILE), then reads the "
             "terminal.",
             'ldsym global "%s"' % os.path.abspath(symbol_file)]
    for number, (key, title, _) in enumerate(STOPS, 1):
        lines.append("# breakpoint %d = stop %d: %s" % (number, number, title))
        lines.append("lb 0x%x" % where[key])
    for number, (key, title, commands) in enumerate(STOPS, 1):
        lines += ["#", "continue", "# stop %d (0x%x): %s" % (number, where[key], title)]
        lines += [c.format(**{k: "0x%x" % v for k, v in where.items()}) for c in commands]
    lines += ["# The banner is on COM1 now; delete this line to keep the debugger prompt.",
              "quit"]
    with open(args.out, "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
