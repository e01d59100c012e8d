#!/usr/bin/env python3
"""run.py - the benchmarks of userland/bench on SeaOS and on Debian's Linux, side by side.

    tools/bench/run.py [--arch x86_64 --arch aarch64] [--smp 1] [--mem 512M]

For each architecture: builds the user programs and SeaOS's image (through make, as the
graders do), boots SeaOS with `init=/sbin/init --exit-after /bench/bench_all`, then boots
Debian's kernel (build/<arch>/linux/vmlinuz, from tools/bench/fetch-linux.sh) with an
initramfs holding the *same* static binaries and bench_all as /init. Both boots use the
machine type, CPU model, -smp and -m of SeaOS's own QEMU command (`make print-qemu`).
Prints a table (benchmark, SeaOS, Linux, SeaOS/Linux) and writes build/bench/<arch>.json
and the console logs build/bench/<arch>-{seaos,linux}.log.

Under TCG the guest clock is the host's, so absolute numbers mean little; the ratio of two
kernels measured in one run, on one host, does.
"""
import argparse
import datetime
import json
import os
import platform
import re
import shlex
import subprocess
import sys
import time

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(TOP, "grading"))
from seaos.machine import Machine, make  # noqa: E402

BENCH = ("lat_syscall", "lat_fork", "lat_thread", "lat_pipe", "mmap_fault")
LINE = re.compile(r"(?m)^bench (\w+): ([0-9.]+) (\S+) \((\d+) iterations\)$")
BOOT_SECONDS = 600  # a whole suite under TCG, Linux's boot included
LINUX_CONSOLE = {"x86_64": "ttyS0", "aarch64": "ttyAMA0"}


def parse(output):
    """{name: (value, unit, iterations)} from a console log."""
    return {m.group(1): (float(m.group(2)), m.group(3), int(m.group(4)))
            for m in LINE.finditer(output)}


def seaos_qemu(arch, smp, mem):
    """SeaOS's QEMU command for these settings, as a list."""
    out = make("print-qemu", "ARCH=" + arch, "SMP=%d" % smp, "MEM=" + mem, capture=True)
    return shlex.split([l for l in out.splitlines() if l.strip()][-1])


def option(cmd, name):
    """The value after `name` in a QEMU command list."""
    return cmd[cmd.index(name) + 1]


def run_seaos(arch, smp, mem, log):
    cmdline = "init=/sbin/init --exit-after /bench/bench_all"
    extra_args, extra_make = [], []
    if arch == "aarch64":  # as grading/tests/user.py: a later -append wins
        extra_args = ["-append", cmdline]
        extra_make = ["INITRD=build/aarch64/initrd.cpio"]
        cmdline = "user-test"
    start = time.monotonic()
    with Machine(arch, smp=smp, mem=mem, cmdline=cmdline, name="bench-seaos", extra_args=extra_args,
                 extra_make=extra_make) as m:
        m.expect(r"(?m)^bench_all: (PASS|FAIL.*)$", timeout=BOOT_SECONDS)
        output = m.output
    write(log, output)
    return output, time.monotonic() - start


def cpio_newc(entries):
    """A cpio "newc" archive from (name, mode, data, rdev) tuples; mode includes the type."""
    out = bytearray()
    for ino, (name, mode, data, rdev) in enumerate(entries + [("TRAILER!!!", 0, b"", (0, 0))], 1):
        raw = name.encode() + b"\0"
        fields = (ino, mode, 0, 0, 1, 0, len(data), 0, 0, rdev[0], rdev[1], len(raw), 0)
        out += b"070701" + b"".join(b"%08X" % f for f in fields) + raw
        out += b"\0" * (-len(out) % 4) + data
        out += b"\0" * (-len(out) % 4)
    return bytes(out + b"\0" * (-len(out) % 512))


def linux_initramfs(arch, path):
    """/init (bench_all), /bench/<name>_static, /dev/console: the Linux guest's whole root."""
    bin_dir = os.path.join(TOP, "build", arch, "userland", "bin", "static")
    read = lambda name: open(os.path.join(bin_dir, name), "rb").read()
    entries = [("dev", 0o40755, b"", (0, 0)), ("dev/console", 0o20600, b"", (5, 1)),
               ("bench", 0o40755, b"", (0, 0)), ("init", 0o100755, read("bench_all"), (0, 0))]
    entries += [("bench/%s_static" % b, 0o100755, read(b + "_static"), (0, 0)) for b in BENCH]
    write(path, cpio_newc(entries), binary=True)


def run_linux(arch, qemu, log):
    kernel = os.path.join(TOP, "build", arch, "linux", "vmlinuz")
    if not os.path.exists(kernel):
        raise SystemExit("%s is missing: run `make deps` (tools/bench/fetch-linux.sh)" % kernel)
    initramfs = os.path.join(TOP, "build", "bench", arch + "-initramfs.cpio")
    linux_initramfs(arch, initramfs)
    cmd = [qemu[0], "-M", option(qemu, "-M"), "-cpu", option(qemu, "-cpu"),
           "-smp", option(qemu, "-smp"), "-m", option(qemu, "-m"),
           "-kernel", kernel, "-initrd", initramfs,
           "-append", "console=%s quiet panic=-1" % LINUX_CONSOLE[arch],
           "-display", "none", "-serial", "stdio", "-monitor", "none", "-no-reboot"]
    start = time.monotonic()
    try:
        res = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, timeout=BOOT_SECONDS)
        output = res.stdout.decode("utf-8", "replace").replace("\r", "")
    except subprocess.TimeoutExpired as e:
        output = (e.stdout or b"").decode("utf-8", "replace").replace("\r", "") + "\n[timed out]\n"
    write(log, "# %s\n%s" % (" ".join(shlex.quote(c) for c in cmd), output))
    return output, time.monotonic() - start, cmd


def write(path, data, binary=False):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb" if binary else "w") as f:
        f.write(data)


def better(unit, seaos, linux):
    """How SeaOS compares: "1.23x faster" / "slower", whichever way the unit points."""
    speedup = (seaos / linux) if unit.endswith("/s") else (linux / seaos)
    return "%.2fx %s" % (max(speedup, 1 / speedup), "faster" if speedup >= 1 else "slower")


def run_arch(arch, smp, mem):
    make("userland", "initrd", "ARCH=" + arch)
    qemu = seaos_qemu(arch, smp, mem)
    out_dir = os.path.join(TOP, "build", "bench")
    seaos_out, seaos_s = run_seaos(arch, smp, mem, os.path.join(out_dir, arch + "-seaos.log"))
    linux_out, linux_s, linux_cmd = run_linux(arch, qemu, os.path.join(out_dir, arch + "-linux.log"))
    seaos, linux = parse(seaos_out), parse(linux_out)
    rows = []
    for name in BENCH:
        s, l = seaos.get(name), linux.get(name)
        rows.append({"benchmark": name, "unit": (s or l or (0, "-"))[1],
                     "seaos": s[0] if s else None, "linux": l[0] if l else None,
                     "ratio_seaos_over_linux": round(s[0] / l[0], 3) if s and l else None,
                     "seaos_is": better(s[1], s[0], l[0]) if s and l else None})
    result = {
        "arch": arch, "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "host": "%s, %s, %d CPUs" % (platform.node(), platform.machine(), os.cpu_count()),
        "qemu": subprocess.run([qemu[0], "--version"], capture_output=True,
                               text=True).stdout.splitlines()[0],
        "linux": open(os.path.join(TOP, "build", arch, "linux", "package")).read().strip(),
        "smp": smp, "mem": mem, "seaos_qemu": qemu, "linux_qemu": linux_cmd,
        "wall_seconds": {"seaos": round(seaos_s, 1), "linux": round(linux_s, 1)},
        "rows": rows,
    }
    write(os.path.join(out_dir, arch + ".json"), json.dumps(result, indent=2) + "\n")
    return result


def print_table(result):
    print("\n%s (-smp %s, -m %s; %s; %s)" % (result["arch"], result["smp"], result["mem"],
                                             result["linux"], result["qemu"]))
    print("| benchmark | unit | SeaOS | Linux | SeaOS/Linux | SeaOS is |")
    print("|---|---|---:|---:|---:|---|")
    fmt = lambda v: "-" if v is None else ("%.0f" % v if v >= 1000 else "%.2f" % v)
    for r in result["rows"]:
        print("| %s | %s | %s | %s | %s | %s |" % (
            r["benchmark"], r["unit"], fmt(r["seaos"]), fmt(r["linux"]),
            "-" if r["ratio_seaos_over_linux"] is None else "%.2f" % r["ratio_seaos_over_linux"],
            r["seaos_is"] or "-"))
    print("wall time of each boot: SeaOS %.0f s, Linux %.0f s" % (
        result["wall_seconds"]["seaos"], result["wall_seconds"]["linux"]))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--arch", action="append", choices=("x86_64", "aarch64"))
    ap.add_argument("--smp", type=int, default=1)
    ap.add_argument("--mem", default="512M")
    args = ap.parse_args()
    missing = False
    for arch in args.arch or ("x86_64", "aarch64"):
        result = run_arch(arch, args.smp, args.mem)
        print_table(result)
        missing = missing or any(r["ratio_seaos_over_linux"] is None for r in result["rows"])
    if missing:
        print("some benchmarks gave no figure: see build/bench/<arch>-{seaos,linux}.log")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
