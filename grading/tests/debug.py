"""The debugging tools, checked by what they print: the `sea` GDB commands, the lab
walkthroughs (`make walk`) and the scripted Bochs session (`make bochs-debug-test`).

Each GDB test boots QEMU frozen (-S) with its gdbstub on a free port, runs gdb-multiarch
in batch mode with one `-ex` per command (so a failing command cannot hide the ones
after it), and compares names and numbers in the output with what they must be: the
physical address `sea pt` finds for kernel_main is kernel_main - kKernelBase, `sea mem`
adds up to the kernel's own "mm: N pages free", and so on. Every test takes a few
seconds; the file runs in well under a minute.

The process commands (sea ps, vm, files, runq, pt PID) are checked on a real fork: the
fork_wait test program's child stopped in getppid. A kernel without the process layer
(an early lab's handout) is held instead to each command saying what it lacks.
"""
import os
import re
import signal
import socket
import subprocess
import time

from seaos.machine import SCALE, TOP, MachineError, make, qemu_command

ARCHES = ("x86_64", "aarch64")
GDB_ARCH = {"x86_64": "i386:x86-64", "aarch64": "aarch64"}
KERNEL_BASE = 0xFFFFFFFF80000000
DIRECT_MAP_BASE = 0xFFFF800000000000
SUBCOMMANDS = ("log", "pt", "mem", "cpus", "runq", "ps", "vm", "files")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def gdb_session(arch, commands, cmdline="", smp=2):
    """Boots `arch` frozen under QEMU's gdbstub, runs GDB with `commands` (one -ex each,
    after the symbols, the connection and the sea commands) and returns its output."""
    port = free_port()
    console = os.path.join(TOP, "build", arch, "test-logs", "debug-gdb.console.log")
    os.makedirs(os.path.dirname(console), exist_ok=True)
    qemu = subprocess.Popen(qemu_command(arch, smp, "512M", cmdline) + [
        "-display", "none", "-monitor", "none", "-serial", "file:" + console,
        "-S", "-gdb", "tcp:127.0.0.1:%d" % port], cwd=TOP, stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 30 * SCALE
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline or qemu.poll() is not None:
                    raise MachineError("QEMU's gdbstub never listened on %d" % port)
                time.sleep(0.1)
        argv = ["gdb-multiarch", "-nx", "-batch", "-ex", "set pagination off",
                "-ex", "set architecture " + GDB_ARCH[arch],
                "-ex", "file build/%s/kernel.elf" % arch,
                "-ex", "target remote 127.0.0.1:%d" % port,
                "-ex", "source tools/gdb/seaos.py"]
        for command in commands:
            argv += ["-ex", command]
        res = subprocess.run(argv, cwd=TOP, capture_output=True, text=True,
                             timeout=90 * SCALE, stdin=subprocess.DEVNULL)
        return res.stdout + res.stderr
    finally:
        os.killpg(qemu.pid, signal.SIGKILL)
        qemu.wait()


def need(pattern, text, what):
    """The match of `pattern` in `text`, or a failure that shows the output."""
    m = re.search(pattern, text, re.M)
    if not m:
        raise MachineError("%s: no match for %r in:\n%s" % (what, pattern, text[-3000:]))
    return m


def section(text, start, end=None):
    """The part of `text` from the line matching `start` up to the one matching `end`."""
    m = need(start, text, "section")
    rest = text[m.start():]
    if end:
        e = re.search(end, rest[1:], re.M)
        if e:
            rest = rest[:e.start() + 1]
    return rest


def value_of(text, label):
    """The hex number printed after `label=` by a printf in the commands."""
    return int(need(re.escape(label) + r"=(0x[0-9a-f]+|\d+)", text, label).group(1), 0)


# ---- sea pt ---------------------------------------------------------------------------------
def pt_test(arch):
    """kernel_main: present, kernel-only, executable, at kernel_main - kKernelBase; a
    direct-map address: no-execute, at its physical address; 0x1000: not mapped."""
    def check():
        dm = DIRECT_MAP_BASE + 0x1000
        out = gdb_session(arch, ["hbreak kernel_main", "continue",
                                 'printf "KM=0x%lx\\n", (unsigned long) &kernel_main',
                                 "sea pt kernel_main", "sea pt 0x%x" % dm, "sea pt 0x1000"])
        kernel_main = value_of(out, "KM")
        text = section(out, r"^sea pt 0x%016x" % kernel_main, r"^sea pt ")
        need(r"=> physical 0x%x \(2 MiB (page|block)\): present, kernel-only, writable, "
             % (kernel_main - KERNEL_BASE), text, "sea pt kernel_main")
        if arch == "x86_64":
            need(r"executable \(NX=0\)", text, "kernel_main on x86_64")
            need(r"^\s+PML4\[511\].*P=1 RW=1 US=0", text, "PML4 entry of kernel_main")
            need(r"^\s+PD\[1\].*PS=1.*NX=0", text, "the 2 MiB boot page of kernel_main")
        else:
            need(r"executable \(PXN=0\), user execute-never \(UXN=1\)", text,
                 "kernel_main on aarch64")
            need(r"^\s+L0\[511\].*type=table", text, "level-0 entry of kernel_main")
            need(r"^\s+L2\[\d+\].*type=block.*AF=1.*PXN=0", text, "the 2 MiB boot block")
        text = section(out, r"^sea pt 0x%016x" % dm, r"^sea pt ")
        need(r"=> physical 0x1000 \(.*\): present, kernel-only, writable, "
             r"(no-execute \(NX=1\)|kernel execute-never \(PXN=1\))", text, "the direct map")
        text = section(out, r"^sea pt 0x0000000000001000")
        need(r"=> not mapped: (PML4\[0\] has P=0|walks of this half are disabled)", text,
             "0x1000")
    return check


def physmem_test(arch):
    """The direct map and QEMU's monitor (`xp`) give the same words for the top table."""
    def check():
        reg = "$cr3" if arch == "x86_64" else "$TTBR1_EL1"
        out = gdb_session(arch, [
            "hbreak kernel_main", "continue",
            "python from sea import physmem, kernel",
            "python root = int(gdb.parse_and_eval('%s')) & 0xffffffffff000" % reg,
            "python a = physmem.read_u64s(root + 4088, 1)",
            "python b = physmem._read_u64s_monitor(root + 4088, 1)",
            "python print('DIRECT=%x MONITOR=%x' % (a[0], b[0]))"])
        m = need(r"DIRECT=([0-9a-f]+) MONITOR=([0-9a-f]+)", out, "physical reads")
        if m.group(1) != m.group(2) or int(m.group(1), 16) & 1 == 0:
            raise MachineError("the last top-level entry read through the direct map (%s) and "
                               "through `monitor xp` (%s) differ, or is not valid" % m.groups())
    return check


# ---- sea mem, sea log ----------------------------------------------------------------------
def mem_test(arch):
    """Right after mm::init: `sea mem`'s total is the kernel's "mm: N pages free", the
    orders add up to the buddy total, and every free list's length matches its counter."""
    def check():
        out = gdb_session(arch, ["hbreak mm::init", "continue", "sea mem", "finish",
                                 "sea mem lists", "sea log"])
        before = need(r"^total: (\d+) pages free", out, "sea mem before mm::init")
        if int(before.group(1)) != 0:
            raise MachineError("sea mem saw %s free pages before mm::init" % before.group(1))
        after = section(out, r"^order .*\n.*list holds")
        total = int(need(r"^total: (\d+) pages free", after, "sea mem after").group(1))
        kernel = int(need(r"^mm: (\d+) pages free", out, "the kernel's count in sea log")
                     .group(1))
        if total != kernel or total < 1000:
            raise MachineError("sea mem says %d pages free, the kernel printed %d"
                               % (total, kernel))
        orders = re.findall(r"^\s*(\d+)\s+\d+ [KM]iB\s+(\d+)\s+(\d+)", after, re.M)
        if len(orders) != 11 or sum(int(p) for _, _, p in orders) != total:
            raise MachineError("sea mem's orders do not add up to %d:\n%s" % (total, after))
        if "MISMATCH" in after:
            raise MachineError("a free list disagrees with its counter:\n" + after)
        need(r"^cpu 1 cache: \d+ pages", after, "the second CPU's cache")
        need(r"SeaOS \S+ on %s: 2 CPUs" % arch, out, "sea log's banner")
    return check


# ---- sea cpus, and the commands that wait for the process layer ----------------------------
def cpus_test(arch):
    """Two CPUs; the selected one in kernel_main, in the kernel, interrupts off."""
    def check():
        out = gdb_session(arch, ["hbreak kernel_main", "continue", "sea cpus"])
        mode = r"ring 0 \(kernel\)" if arch == "x86_64" else r"EL1 \(kernel\)"
        need(r"^\*cpu 0 \(gdb thread 1, running\): pc 0x[0-9a-f]+ kernel_main\(boot::Info&\), "
             + mode + ", interrupts off", out, "sea cpus, CPU 0")
        need(r"^ cpu 1 \(gdb thread 2", out, "sea cpus, CPU 1")
        need(r"^    arch: (no per-CPU blocks|cpu_locals at 0x[0-9a-f]+: index 0)", out,
             "sea cpus, the kernel's per-CPU block")
    return check


def process_commands_test(arch):
    """With the process layer: fork_wait's child stopped in getppid, and sea ps, vm,
    files, runq, cpus and pt PID checked against what fork must have made. Without it:
    each command says in one line what the kernel lacks."""
    def check():
        if not kernel_has(arch, "proc::(anonymous namespace)::all_processes"):
            out = gdb_session(arch, ["hbreak kernel_main", "continue", "sea ps", "sea vm 1",
                                     "sea files 1", "sea runq"])
            no_crash(out)
            for name in ("ps", "vm", "files", "runq"):
                need(r"^sea %s: no \S.*in this kernel yet" % name, out, "sea " + name)
            return
        out = gdb_session(arch, ["hbreak syscalls::sys_getppid", "continue", "sea ps",
                                 "sea vm 2", "sea vm 3", "sea files 3", "sea runq", "sea cpus"],
                          cmdline="init=/sbin/init --exit-after /tests/fork_wait")
        no_crash(out)
        need(r"^    1     0  Alive\s+1  init$", out, "sea ps: init")
        need(r"^    2     1  Alive\s+2  fork_wait$", out, "sea ps: the test program")
        need(r"^    3     2  Alive\s+2  fork_wait\n\s+thread 3: Running on cpu 0$", out,
             "sea ps: the forked child, running")
        parent = section(out, r"^process 2 \(fork_wait\): address space", r"^\d+ regions")
        child = section(out, r"^process 3 \(fork_wait\): address space", r"^\d+ regions")
        regions = re.findall(r"^([0-9a-f]{16})-([0-9a-f]{16}) (\S+)\s+\d+ KiB  (\w+)$",
                             parent, re.M)
        if not regions or regions != re.findall(
                r"^([0-9a-f]{16})-([0-9a-f]{16}) (\S+)\s+\d+ KiB  (\w+)$", child, re.M):
            raise MachineError("fork's child does not have its parent's regions:\n%s\n%s" % (
                parent, child))
        if not any(p == "r-x" and k == "program" for _, _, p, k in regions) or \
                not any(k == "stack" for _, _, _, k in regions):
            raise MachineError("sea vm shows no program text or no stack:\n" + parent)
        files = section(out, r"^process 3 \(fork_wait\): file table", r"^\d+ open")
        if re.findall(r"^\s+(\d) -> ", files, re.M) != ["0", "1", "2"]:
            raise MachineError("sea files 3 should list fds 0, 1, 2:\n" + files)
        need(r"^cpu 0: running tid 3 \(fork_wait\)", out, "sea runq")
        need(r"sched: current tid 3 \(fork_wait\), idle tid 0 \(idle\)", out, "sea cpus")
        text = [start for start, _, prot, kind in regions if prot == "r-x"][0]
        out = gdb_session(arch, ["hbreak syscalls::sys_getppid", "continue",
                                 "sea pt 0x%s 2" % text, "sea pt 0x%s 3" % text],
                          cmdline="init=/sbin/init --exit-after /tests/fork_wait")
        walks = re.findall(r"^=> .*$", out, re.M)
        executable = r"executable \(NX=0\)" if arch == "x86_64" else r"user-executable \(UXN=0\)"
        if len(walks) != 2 or not all(re.search(r"present, user, read-only, .*" + executable, w)
                                      for w in walks):
            raise MachineError("program text of pid 2 and 3 should be present, user, read-only "
                               "and executable:\n" + out[-2500:])
    return check


def no_crash(out):
    if "Traceback" in out or "Python Exception" in out:
        raise MachineError("a sea command crashed:\n" + out[-3000:])


def kernel_has(arch, symbol):
    """True when the kernel's symbol table has `symbol` (demangled)."""
    nm = "nm" if arch == "x86_64" else "aarch64-linux-gnu-nm"
    out = subprocess.run([nm, "-C", "build/%s/kernel.elf" % arch], cwd=TOP,
                         capture_output=True, text=True).stdout
    return any(line.split(" ", 2)[-1] == symbol for line in out.splitlines())


def help_test():
    """`help sea` lists every command and each has a usage line (no QEMU needed)."""
    argv = ["gdb-multiarch", "-nx", "-batch", "-ex", "source tools/gdb/seaos.py", "-ex", "help sea"]
    for name in SUBCOMMANDS:
        argv += ["-ex", "help sea " + name]
    res = subprocess.run(argv, cwd=TOP, capture_output=True, text=True, timeout=60 * SCALE)
    out = res.stdout + res.stderr
    for name in SUBCOMMANDS:
        need(r"^sea %s -- " % name, out, "help sea lists sea " + name)
    if out.count("Usage: sea ") < len(SUBCOMMANDS):
        raise MachineError("not every sea command documents its usage:\n" + out)


# ---- walkthroughs ---------------------------------------------------------------------------
def walk(arch, lab):
    res = subprocess.run(["make", "-s", "--no-print-directory", "walk", "LAB=%d" % lab,
                          "ARCH=" + arch], cwd=TOP, capture_output=True, text=True,
                         timeout=180 * SCALE, stdin=subprocess.DEVNULL)
    out = res.stdout + res.stderr
    if res.returncode != 0 or "Error in sourced command file" in out:
        raise MachineError("make walk LAB=%d failed (%d):\n%s" % (lab, res.returncode, out[-3000:]))
    return out


def walk1_test(arch):
    def check():
        out = walk(arch, 1)
        entry = "boot_entry64" if arch == "x86_64" else "boot_high_entry"
        need(r"hit Breakpoint 1, %s \(\)" % entry, out, "stop at the high-half entry")
        need(r"=> physical 0x[0-9a-f]+ \(2 MiB (page|block)\): present, kernel-only", out,
             "sea pt $pc at the entry")
        need(r"hit Breakpoint 2, kernel_main", out, "stop at kernel_main")
        need(r"arch %s, 2 CPUs, command line \"test=fault\"" % arch, out, "boot::Info")
        need(r"hit Breakpoint 3, print_backtrace", out, "stop in print_backtrace")
        need(r"^#\d+ .*selftest::deliberate_fault", out, "GDB's backtrace")
        need(r"selftest::.*test_fault\(\) \+ \d+ in section \.text", out, "first frame record")
        need(r"fatal: unhandled page fault|data abort", out, "the exception report in sea log")
    return check


def walk2_test(arch):
    def check():
        out = walk(arch, 2)
        need(r"hit Breakpoint 1, mm::init", out, "stop in mm::init")
        totals = [int(t) for t in re.findall(r"^total: (\d+) pages free", out, re.M)]
        kernel = int(need(r"^mm: (\d+) pages free", out, "the kernel's count").group(1))
        if len(totals) < 6 or totals[0] != 0 or totals[1] != kernel:
            raise MachineError("sea mem around mm::init shows %s, kernel %d" % (totals[:2], kernel))
        split = section(out, r"=== 2\.", r"=== 3\.")
        need(r"hit Breakpoint 2, mm::BuddyAllocator::alloc", split, "stop in alloc")
        need(r"alloc\(order \d+\): free list \d+ is empty", split, "the split")
        merge = section(out, r"=== 3\.")
        need(r"hit Breakpoint 3, mm::BuddyAllocator::free", merge, "stop in free")
        need(r"its buddy \d+ is free", merge, "the merge")
        if "MISMATCH" in out:
            raise MachineError("a free list disagrees with its counter:\n" + out[-3000:])
    return check


def walk3_test(arch):
    def check():
        out = walk(arch, 3)
        boot = section(out, r"=== 1\.", r"=== 2\.")
        final = section(out, r"=== 2\.")
        for part, name in ((boot, "boot tables"), (final, "final tables")):
            text = section(part, r"--- kernel text", r"^--- ")
            need(r"present, kernel-only, (writable|read-only), executable", text,
                 "kernel text in the " + name)
            text = section(part, r"--- the direct map", r"^--- ")
            need(r"present, kernel-only, writable, (no-execute|kernel execute-never)", text,
                 "the direct map in the " + name)
            text = section(part, r"--- an unmapped address")
            need(r"=> not mapped", text, "0x1000 in the " + name)
        if kernel_has(arch, "arch::mmu_init()"):  # the kernel's own map replaces the boot one: W^X
            text = section(final, r"--- kernel text", r"^--- ")
            need(r"\(4 KiB page\): present, kernel-only, read-only, executable", text,
                 "kernel text after arch::mmu_init")
            text = section(final, r"--- kernel data", r"^--- ")
            need(r"writable, (no-execute|kernel execute-never)", text,
                 "kernel data after arch::mmu_init")
    return check


# ---- Bochs ----------------------------------------------------------------------------------
def bochs_debug_test():
    """Five stops on the x86_64 boot path, with the control registers each must show."""
    res = subprocess.run(["make", "-s", "--no-print-directory", "bochs-debug-test",
                          "ARCH=x86_64"], cwd=TOP, capture_output=True, text=True,
                         timeout=300 * SCALE, stdin=subprocess.DEVNULL)
    if res.returncode != 0:
        raise MachineError("make bochs-debug-test failed:\n" + (res.stdout + res.stderr)[-3000:])
    with open(os.path.join(TOP, "build", "x86_64", "bochs-debug.log"), errors="replace") as f:
        log = f.read()
    stops = [bochs_stop(log, n) for n in range(1, 5)]
    entry, switch, long64, kmain = stops
    check_bits("stop 1 (Multiboot2 entry)", entry, cr0_pe=1, cr0_pg=0, efer_lme=0, efer_lma=0,
               cs_bits=32)
    if entry["rax"] != 0x36D76289:
        raise MachineError("EAX at the Multiboot2 entry is %#x, not the magic" % entry["rax"])
    check_bits("stop 2 (after mov cr0)", switch, cr0_pe=1, cr0_pg=1, cr4_pae=1, efer_lme=1,
               efer_lma=1, efer_nxe=1, cs_bits=32)
    check_bits("stop 3 (boot_entry64_low)", long64, cr0_pg=1, efer_lma=1, cs_bits=64)
    check_bits("stop 4 (kernel_main)", kmain, cr0_pg=1, cr0_wp=1, efer_lma=1, cs_bits=64)
    if switch["cr3"] == 0 or switch["cr3"] != long64["cr3"]:
        raise MachineError("CR3 at the switch (%#x) is not the boot PML4" % switch["cr3"])
    if kmain["gdtr"] < KERNEL_BASE or kmain["rip"] < KERNEL_BASE:
        raise MachineError("at kernel_main the GDT (%#x) or RIP (%#x) is not in the high half"
                           % (kmain["gdtr"], kmain["rip"]))


def bochs_stop(log, n):
    """CR0, CR3, CR4, EFER, CS's size, GDTR base, RIP and RAX at breakpoint n."""
    text = section(log, r"^\(0\) Breakpoint %d," % n, r"^\(0\) Breakpoint %d," % (n + 1))
    def hexval(pattern):
        return int(need(pattern, text, "Bochs stop %d" % n).group(1), 16)
    cs = need(r"^cs:0x[0-9a-f]+,.*\n\s+Code segment.*, (16|32|64)-bit", text, "CS at stop %d" % n)
    return {"cr0": hexval(r"^CR0=0x([0-9a-f]+)"), "cr3": hexval(r"^CR3=0x([0-9a-f]+)"),
            "cr4": hexval(r"^CR4=0x([0-9a-f]+)"), "efer": hexval(r"^EFER=0x([0-9a-f]+)"),
            "cs_bits": int(cs.group(1)), "gdtr": hexval(r"^gdtr:base=0x([0-9a-f]+)"),
            "rip": hexval(r"^\(0\) Breakpoint %d, 0x([0-9a-f]+)" % n),
            "rax": int(re.search(r"^rax: ([0-9a-f]+)_([0-9a-f]+)", text, re.M).group(2), 16)
            if re.search(r"^rax:", text, re.M) else None}


BITS = {"cr0_pe": ("cr0", 0), "cr0_wp": ("cr0", 16), "cr0_pg": ("cr0", 31),
        "cr4_pae": ("cr4", 5), "efer_lme": ("efer", 8), "efer_lma": ("efer", 10),
        "efer_nxe": ("efer", 11)}


def check_bits(where, stop, cs_bits, **want):
    wrong = ["%s=%d" % (name, (stop[BITS[name][0]] >> BITS[name][1]) & 1)
             for name, value in want.items()
             if (stop[BITS[name][0]] >> BITS[name][1]) & 1 != value]
    if stop["cs_bits"] != cs_bits:
        wrong.append("CS %d-bit" % stop["cs_bits"])
    if wrong:
        raise MachineError("%s: %s (CR0=%#x CR4=%#x EFER=%#x)" % (
            where, ", ".join(wrong), stop["cr0"], stop["cr4"], stop["efer"]))


def add(suite):
    suite.add("debug: help for every sea command", help_test, tags=("tools", "debug"))
    for arch in ARCHES:
        tags = ("tools", "debug", arch)
        suite.add("debug %s: sea pt decodes kernel text, the direct map, an unmapped address"
                  % arch, pt_test(arch), tags=tags)
        suite.add("debug %s: physical reads agree through the direct map and monitor xp"
                  % arch, physmem_test(arch), tags=tags)
        suite.add("debug %s: sea mem adds up to the kernel's free page count" % arch,
                  mem_test(arch), tags=tags)
        suite.add("debug %s: sea cpus shows both CPUs" % arch, cpus_test(arch), tags=tags)
        suite.add("debug %s: sea ps/vm/files/runq/pt PID on fork's two processes" % arch,
                  process_commands_test(arch), tags=tags)
        for lab, check in ((1, walk1_test), (2, walk2_test), (3, walk3_test)):
            suite.add("debug %s: make walk LAB=%d" % (arch, lab), check(arch), tags=tags)
    suite.add("debug x86_64: Bochs stops at the Multiboot2 entry, long mode and kernel_main",
              bochs_debug_test, tags=("tools", "debug", "x86_64"))
