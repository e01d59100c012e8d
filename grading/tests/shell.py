"""The shell (issue 5): Debian's busybox-static, an unmodified Linux binary, as the first
process on both architectures.

Boots `init=/bin/sh` (busybox ash, linked into the initrd by mkinitrd.sh when `make deps`
has fetched build/<arch>/busybox), types one line at the console and checks what the
commands print: `echo hello; ls /; cat /etc/hostname; exit`. When the shell exits, the
kernel powers off with init's status (QEMU exit 33 for 0). Skipped cleanly - reported as
a failure naming `make deps` - when busybox was not fetched.
"""
import os
import secrets

from seaos.machine import EXIT_PASS, TOP, Machine, MachineError, make

ARCHES = ("x86_64", "aarch64")
BOOT_SECONDS = 60
SHELL_SECONDS = 60


def busybox_path(arch):
    return os.path.join(TOP, "build", arch, "busybox", "bin", "busybox")


def shell_test(arch):
    def run():
        if not os.path.exists(busybox_path(arch)):
            raise MachineError("no %s: run 'make deps'" % busybox_path(arch))
        make("initrd", "ARCH=" + arch)
        token = secrets.token_hex(6)
        cmdline = "nonce=%s init=/bin/sh" % token
        extra_args, extra_make = [], []
        if arch == "aarch64":
            extra_args = ["-append", cmdline]
            extra_make = ["INITRD=" + os.path.join("build", arch, "initrd.cpio")]
            cmdline = "shell-test"
        with Machine(arch, smp=1, cmdline=cmdline, name="shell-%s" % arch,
                     extra_args=extra_args, extra_make=extra_make) as m:
            m.expect(r"init: starting /bin/sh", timeout=BOOT_SECONDS)
            m.expect(r"[#$] ", timeout=SHELL_SECONDS)  # the prompt
            m.send("echo hello; ls /; cat /etc/hostname; exit\n")
            m.expect(r"(?m)^hello\r?$", timeout=SHELL_SECONDS)
            # ls prints columns; everything up to the hostname is its output (and any
            # kernel warnings), which must name the top directories of the initrd.
            listing = m.expect(r"(?m)^seaos\r?$", timeout=SHELL_SECONDS).string
            words = set(listing[listing.rfind("hello"):].split())
            missing = {"bin", "dev", "etc", "lib", "sbin", "tests", "tmp"} - words
            if missing:
                raise MachineError("ls / did not list %s" % ", ".join(sorted(missing)))
            m.expect_exit(EXIT_PASS, timeout=SHELL_SECONDS)
    return run


def add(suite):
    for arch in ARCHES:
        suite.add("shell %s: busybox sh runs echo, ls, cat" % arch, shell_test(arch),
                  tags=("shell", arch))
