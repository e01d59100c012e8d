"""One QEMU run of SeaOS, driven through its serial console.

The QEMU command comes from the Makefile (`make print-qemu`), so there is exactly one
place that knows how to boot each architecture. The console is QEMU's stdio serial port:
a reader thread collects everything the guest prints; expect() waits for a pattern with a
timeout; forbidden patterns fail the run whenever they appear. The whole console log is
written under build/<arch>/test-logs/ so a failing run can be read afterwards.

Timeouts scale with SEAOS_TIMEOUT_SCALE (default 1) for slow machines.
"""
import os
import re
import shlex
import signal
import subprocess
import threading
import time

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SCALE = float(os.environ.get("SEAOS_TIMEOUT_SCALE", "1"))
EXIT_PASS, EXIT_FAIL = 33, 35  # arch/include/contract/power.hh

# The kernel's boot banner, e.g. "SeaOS 0.1 on x86_64: 4 CPUs, 512 MiB RAM".
BANNER = re.compile(r"SeaOS (\S+) on (\w+): (\d+) CPUs?, (\d+) MiB RAM")

_make_lock = threading.Lock()


class MachineError(Exception):
    """A check on the guest's behaviour failed; the message says which."""


def make(*args, capture=False):
    """Runs make in the tree; returns stdout when capture is set. Raises on failure."""
    cmd = ["make", "-s", "--no-print-directory", "-C", TOP] + list(args)
    with _make_lock:
        res = subprocess.run(cmd, capture_output=True, text=True)
    if res.returncode != 0:
        raise MachineError("make %s failed:\n%s%s" % (" ".join(args), res.stdout[-3000:],
                                                       res.stderr[-3000:]))
    return res.stdout if capture else None


def qemu_command(arch, smp=1, mem="512M", cmdline="", extra_make=()):
    """The QEMU command line the Makefile uses for these settings (image built if needed)."""
    out = make("print-qemu", "ARCH=" + arch, "SMP=%d" % smp, "MEM=" + mem,
               "CMDLINE=" + cmdline, *extra_make, capture=True)
    lines = [l for l in out.splitlines() if l.strip()]
    if not lines:
        raise MachineError("make print-qemu printed nothing")
    return shlex.split(lines[-1])  # the Makefile prints it with its shell quoting


class Machine:
    """A running QEMU guest. Use as a context manager so QEMU is always stopped."""

    def __init__(self, arch, smp=1, mem="512M", cmdline="", name="run", extra_args=(),
                 extra_make=(), forbid=(r"KERNEL PANIC", r"fatal: ")):
        self.arch, self.smp, self.mem, self.cmdline = arch, smp, mem, cmdline
        self.name = name
        self.cmd = qemu_command(arch, smp, mem, cmdline, extra_make) + list(extra_args) + [
            "-display", "none", "-serial", "stdio", "-monitor", "none"]
        self.forbid = [re.compile(p) for p in forbid]
        self.output = ""
        self.pos = 0  # expect() consumes output up to here
        self.cond = threading.Condition()
        self.proc = None
        self.returncode = None
        self.log_path = os.path.join(TOP, "build", arch, "test-logs", name + ".log")

    # -- lifetime ------------------------------------------------------------------------
    def __enter__(self):
        self.start()
        return self

    def __exit__(self, exc_type, exc, tb):
        self.stop()
        self.save_log(failed=exc_type is not None)
        return False

    def start(self):
        self.proc = subprocess.Popen(self.cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT, start_new_session=True)
        threading.Thread(target=self._reader, daemon=True).start()

    def _reader(self):
        fd = self.proc.stdout.fileno()
        while True:
            chunk = os.read(fd, 4096)
            if not chunk:
                break
            with self.cond:
                # Drop every CR: a "\r\n" may be split across two reads.
                self.output += chunk.decode("utf-8", "replace").replace("\r", "")
                self.cond.notify_all()
        with self.cond:
            self.returncode = self.proc.wait()
            self.cond.notify_all()

    def stop(self):
        if self.proc and self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.proc.wait()

    def save_log(self, failed):
        os.makedirs(os.path.dirname(self.log_path), exist_ok=True)
        with open(self.log_path, "w") as f:
            f.write("# %s\n# %s\n# result: %s, exit %s\n" % (
                self.name, " ".join(self.cmd), "FAILED" if failed else "ok", self.returncode))
            f.write(self.output)

    # -- checks --------------------------------------------------------------------------
    def _check_forbidden(self):
        for pat in self.forbid:
            m = pat.search(self.output)
            if m:
                raise MachineError("forbidden output %r appeared: ...%s" % (
                    pat.pattern, self.output[max(0, m.start() - 200):m.end() + 400]))

    def expect(self, pattern, timeout=30):
        """Waits until `pattern` (regex) appears after the last match; returns the match."""
        pat = re.compile(pattern)
        deadline = time.monotonic() + timeout * SCALE
        with self.cond:
            while True:
                self._check_forbidden()
                m = pat.search(self.output, self.pos)
                if m:
                    self.pos = m.end()
                    return m
                left = deadline - time.monotonic()
                if self.returncode is not None:
                    raise MachineError("QEMU exited (%s) before %r appeared; output ends: %s" % (
                        self.returncode, pattern, self.tail()))
                if left <= 0:
                    raise MachineError("timed out after %ss waiting for %r; output ends: %s" % (
                        timeout, pattern, self.tail()))
                self.cond.wait(min(left, 0.5))

    def send(self, text):
        """Types text into the console."""
        self.proc.stdin.write(text.encode())
        self.proc.stdin.flush()

    def wait_exit(self, timeout=30):
        """Waits for QEMU to exit; returns its status (33 pass, 35 fail for SeaOS)."""
        deadline = time.monotonic() + timeout * SCALE
        with self.cond:
            while self.returncode is None:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise MachineError("timed out after %ss waiting for power-off; output ends: %s"
                                       % (timeout, self.tail()))
                self.cond.wait(min(left, 0.5))
            self._check_forbidden()
            return self.returncode

    def expect_exit(self, status, timeout=30):
        rc = self.wait_exit(timeout)
        if rc != status:
            raise MachineError("QEMU exit status %s, expected %s; output ends: %s" % (
                rc, status, self.tail()))

    def tail(self, n=1200):
        return self.output[-n:]
