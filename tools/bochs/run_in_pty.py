#!/usr/bin/env python3
"""Run a terminal program (Bochs with its term display) on a pseudo-terminal, headless.

    run_in_pty.py --timeout S --until-file F --until-regex R [--screen LOG] [--input TEXT]
                  -- COMMAND...
    run_in_pty.py --timeout S --until-exit [--screen LOG] -- COMMAND...

The program's screen output is read and discarded (or saved to LOG); TEXT, if given, is
typed into the terminal once at the start. Exits 0 as soon as file F contains
a match for regular expression R (the program is then stopped), 1 when the timeout
passes or the program exits first. With --until-exit the program is left to finish by
itself (a Bochs debugger script that ends in `quit`): the exit status is then the
program's, or 1 after the timeout. Standard library only.
"""
import argparse
import fcntl
import os
import pty
import re
import select
import signal
import struct
import sys
import termios
import time


def matched(path, pattern):
    try:
        with open(path, "rb") as f:
            return pattern.search(f.read().decode("latin-1")) is not None
    except FileNotFoundError:
        return False


def stop(pid):
    """Ends the child and everything it started (it leads its own session)."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(pid, sig)
        except ProcessLookupError:
            return
        for _ in range(20):
            try:
                if os.waitpid(pid, os.WNOHANG) != (0, 0):
                    return
            except ChildProcessError:  # already reaped (exit_status)
                return
            time.sleep(0.1)


def exit_status(pid):
    """The child's exit status once it has closed its terminal (1 if it is still running
    or was killed: the timeout passed)."""
    for _ in range(50):
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status) if os.WIFEXITED(status) else 1
        time.sleep(0.1)
    return 1


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--timeout", type=float, required=True)
    ap.add_argument("--until-file")
    ap.add_argument("--until-regex")
    ap.add_argument("--until-exit", action="store_true",
                    help="wait for the program to exit; its status is the result")
    ap.add_argument("--screen", help="save what the program draws to this file")
    ap.add_argument("--input", help="type this into the terminal at the start")
    ap.add_argument("command", nargs=argparse.REMAINDER)
    args = ap.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not args.until_exit and not (args.until_file and args.until_regex):
        ap.error("give --until-file and --until-regex, or --until-exit")
    pattern = re.compile(args.until_regex) if args.until_regex else None

    pid, master = pty.fork()
    if pid == 0:  # child: a new session whose controlling terminal is the pty
        os.execvp(command[0], command)
    # A fresh pty is 0x0 characters; curses (Bochs' term display) needs a real size.
    fcntl.ioctl(master, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    deadline = time.monotonic() + args.timeout
    screen = open(args.screen, "wb") if args.screen else None
    if args.input:
        os.write(master, args.input.encode().decode("unicode_escape").encode())
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.5)
            if ready:
                try:
                    data = os.read(master, 65536)
                    if not data:
                        break
                    if screen:
                        screen.write(data)
                        screen.flush()
                except OSError:  # EIO: the child closed the terminal (exited)
                    break
            if pattern and matched(args.until_file, pattern):
                return 0
        if args.until_exit:
            return exit_status(pid)
        return 0 if matched(args.until_file, pattern) else 1
    finally:
        stop(pid)


if __name__ == "__main__":
    sys.exit(main())
