#!/usr/bin/env python3
"""tools/gdb/walk/run.py - `make walk LAB=n`: a lab's GDB walkthrough, start to finish.

    run.py --lab N --arch ARCH [--smp N] [--cmdline "..."] [--timeout SECONDS]

A walkthrough is a GDB script, tools/gdb/walk/<N>-<lab name>.gdb, that stops the kernel
at the places the lab is about and shows their state with ordinary GDB commands and
the `sea` commands. Its first lines say how to boot for it:

    # cmdline: test=fault        the kernel command line (default: none)
    # smp: 2                     CPUs (default 2)

This script does what `make qemu-gdb` + `make gdb` do by hand: it asks the Makefile for
the QEMU command (`make print-qemu`, the one place that knows how to boot each arch),
starts QEMU frozen (-S) with its gdbstub on a free local port, runs gdb-multiarch in
batch mode with the kernel's symbols, the sea commands and the walkthrough, and stops
QEMU when GDB is done. The kernel's console goes to build/<arch>/walk-<N>.console.log
(the walkthrough shows the same text through `sea log`). Standard library only.
"""
import argparse
import glob
import os
import re
import shlex
import signal
import socket
import subprocess
import sys
import time

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
GDB_ARCH = {"x86_64": "i386:x86-64", "aarch64": "aarch64"}


def walkthrough(lab):
    """The script for lab `lab` (a number or a folder name such as 2-physical-memory)."""
    here = os.path.dirname(os.path.abspath(__file__))
    found = sorted(glob.glob(os.path.join(here, "%s-*.gdb" % lab)) +
                   glob.glob(os.path.join(here, "%s.gdb" % lab)))
    if not found:
        have = sorted(os.path.basename(p) for p in glob.glob(os.path.join(here, "*.gdb")))
        sys.exit("no walkthrough for lab %s (there are: %s)" % (lab, ", ".join(have)))
    return found[0]


def settings(script):
    """The `# key: value` lines at the top of a walkthrough."""
    found = {}
    with open(script) as f:
        for line in f:
            m = re.match(r"#\s*(cmdline|smp):\s*(.*?)\s*$", line)
            if m:
                found[m.group(1)] = m.group(2)
            elif line.strip() and not line.startswith("#"):
                break
    return found


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def qemu_command(arch, smp, cmdline):
    res = subprocess.run(["make", "-s", "--no-print-directory", "-C", TOP, "print-qemu",
                          "ARCH=" + arch, "SMP=%d" % smp, "CMDLINE=" + cmdline],
                         capture_output=True, text=True)
    if res.returncode != 0:
        sys.exit("make print-qemu failed:\n" + res.stdout + res.stderr)
    return shlex.split([l for l in res.stdout.splitlines() if l.strip()][-1])


def wait_listening(port, qemu, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            if qemu.poll() is not None:
                sys.exit("QEMU exited before its gdbstub listened (status %s)" % qemu.returncode)
            time.sleep(0.1)
    sys.exit("QEMU's gdbstub did not listen on port %d within %d s" % (port, seconds))


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--lab", required=True)
    ap.add_argument("--arch", default="x86_64", choices=sorted(GDB_ARCH))
    ap.add_argument("--smp", type=int)
    ap.add_argument("--cmdline")
    ap.add_argument("--timeout", type=float, default=120)
    args = ap.parse_args()

    script = walkthrough(args.lab)
    wanted = settings(script)
    smp = args.smp or int(wanted.get("smp", "2"))
    cmdline = args.cmdline if args.cmdline is not None else wanted.get("cmdline", "")
    build = os.path.join(TOP, "build", args.arch)
    console = os.path.join(build, "walk-%s.console.log" % args.lab)
    port = free_port()
    print("walk: %s on %s, %d CPUs, command line \"%s\"; console in %s" % (
        os.path.relpath(script, TOP), args.arch, smp, cmdline, os.path.relpath(console, TOP)),
        flush=True)
    qemu = subprocess.Popen(qemu_command(args.arch, smp, cmdline) + [
        "-display", "none", "-monitor", "none", "-serial", "file:" + console,
        "-S", "-gdb", "tcp:127.0.0.1:%d" % port], cwd=TOP, stdin=subprocess.DEVNULL,
        start_new_session=True)
    try:
        wait_listening(port, qemu, 30)
        gdb = ["gdb-multiarch", "-q", "-nx", "-batch",
               "-ex", "set pagination off", "-ex", "set confirm off",
               "-ex", "set architecture " + GDB_ARCH[args.arch],
               "-ex", "file " + os.path.join(build, "kernel.elf"),
               "-ex", "target remote 127.0.0.1:%d" % port,
               "-ex", "source " + os.path.join(TOP, "tools", "gdb", "seaos.py"),
               "-x", script]
        try:
            return subprocess.run(gdb, cwd=TOP, stdin=subprocess.DEVNULL,
                                  timeout=args.timeout).returncode
        except subprocess.TimeoutExpired:
            print("walk: GDB did not finish within %d s" % args.timeout, file=sys.stderr)
            return 1
    finally:
        try:
            os.killpg(qemu.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        qemu.wait()


if __name__ == "__main__":
    sys.exit(main())
