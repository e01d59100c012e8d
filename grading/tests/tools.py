"""The tools around the kernel: make run, GDB on both architectures, Bochs, Vagrant and
the idempotent set-up script."""
import os
import re
import socket
import subprocess
import time

from seaos.machine import BANNER, SCALE, TOP, MachineError, make


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(cmd, timeout, **kw):
    return subprocess.run(cmd, cwd=TOP, capture_output=True, text=True, timeout=timeout * SCALE,
                          **kw)


def make_run_test(arch):
    """`make run` (the README's command) boots with the console on stdio and exits cleanly."""
    def check():
        res = run(["make", "-s", "run", "ARCH=" + arch, "SMP=4", "CMDLINE=poweroff"], 180,
                  stdin=subprocess.DEVNULL)
        m = BANNER.search(res.stdout)
        if not m or m.group(2) != arch or m.group(3) != "4":
            raise MachineError("no banner with 4 CPUs from make run:\n" + res.stdout[-1500:] +
                               res.stderr[-1500:])
        if res.returncode != 0:
            raise MachineError("make run exited %d after a clean power-off:\n%s" % (
                res.returncode, res.stderr[-1500:]))
    return check


def gdb_test(arch):
    """make qemu-gdb + the generated gdbinit: stop at kernel_main, a clean backtrace, and
    the SeaOS GDB commands reading the kernel's log ring."""
    def check():
        port = str(free_port())
        make("build/%s/gdbinit" % arch, "ARCH=" + arch, "GDBPORT=" + port)
        qemu = subprocess.Popen(["make", "-s", "qemu-gdb", "ARCH=" + arch, "SMP=2",
                                 "GDBPORT=" + port, "CMDLINE=poweroff"], cwd=TOP,
                                stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, start_new_session=True)
        try:
            deadline = time.monotonic() + 60 * SCALE
            while True:  # wait for QEMU's GDB stub to listen
                try:
                    socket.create_connection(("127.0.0.1", int(port)), timeout=1).close()
                    break
                except OSError:
                    if time.monotonic() > deadline or qemu.poll() is not None:
                        raise MachineError("QEMU's GDB stub never listened on " + port)
                    time.sleep(0.3)
            res = run(["gdb-multiarch", "-nx", "-batch", "-x", "build/%s/gdbinit" % arch,
                       "-ex", "hbreak kernel_main", "-ex", "continue", "-ex", "bt",
                       "-ex", "hbreak selftest::run", "-ex", "continue",
                       "-ex", "sea log"], 120)
            out = res.stdout + res.stderr
            if not re.search(r"#0\s+.*kernel_main", out):
                raise MachineError("GDB did not stop in kernel_main:\n" + out[-2500:])
            if re.search(r"corrupt|previous frame identical|Cannot access memory", out):
                raise MachineError("GDB backtrace is not clean:\n" + out[-2500:])
            if not re.search(r"SeaOS \S+ on %s: 2 CPUs" % arch, out):
                raise MachineError("'sea log' did not show the kernel's banner:\n" + out[-2500:])
        finally:
            try:
                os.killpg(qemu.pid, 9)
            except ProcessLookupError:  # QEMU already powered off
                pass
            qemu.wait()
    return check


def bochs_test():
    res = run(["make", "-s", "bochs-test", "ARCH=x86_64"], 600)
    if res.returncode != 0:
        raise MachineError("Bochs did not reach the banner:\n" + (res.stdout + res.stderr)[-2500:])


def vagrant_test():
    res = run(["vagrant", "validate"], 120, env=dict(os.environ, VAGRANT_CHECKPOINT_DISABLE="1"))
    if res.returncode != 0 or "success" not in res.stdout.lower():
        raise MachineError("vagrant validate failed:\n" + res.stdout + res.stderr)


def deps_idempotent_test():
    start = time.monotonic()
    res = run(["make", "-s", "deps"], 300)
    took = time.monotonic() - start
    if res.returncode != 0 or "deps: ready" not in res.stdout:
        raise MachineError("make deps failed on its second run:\n" + res.stdout + res.stderr)
    if "installing" in res.stdout:
        raise MachineError("make deps installed again on its second run:\n" + res.stdout)
    if took > 30:
        raise MachineError("a second make deps took %.0f s (should take seconds)" % took)


def userland_test():
    """The musl toolchain scheme on its own: every user program built for both archs and
    run on the host (x86_64 directly, aarch64 under qemu-aarch64)."""
    res = run(["bash", "tools/scripts/check-userland.sh"], 600)
    tail = (res.stdout + res.stderr)[-2500:]
    if res.returncode != 0 or not re.search(r"\b[1-9]\d* passed, 0 failed", res.stdout):
        raise MachineError("check-userland failed:\n" + tail)


def add(suite):
    suite.add("tools: userland programs build and run on the host (both archs)", userland_test,
              tags=("tools",))
    suite.add("tools: make deps is idempotent and quick", deps_idempotent_test, tags=("tools",))
    suite.add("tools: vagrant validate", vagrant_test, tags=("tools",))
    for arch in ("x86_64", "aarch64"):
        suite.add("tools %s: make run boots to the banner" % arch, make_run_test(arch),
                  tags=("tools", arch))
        suite.add("tools %s: GDB stops at kernel_main with a clean backtrace" % arch,
                  gdb_test(arch), tags=("tools", arch))
    suite.add("tools x86_64: Bochs boots the ISO to the banner", bochs_test,
              tags=("tools", "x86_64"))
