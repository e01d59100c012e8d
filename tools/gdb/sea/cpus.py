"""sea/cpus.py - `sea cpus` and `sea runq`: every CPU, from the hardware and the kernel.

QEMU's gdbstub shows each virtual CPU as a GDB thread, so the hardware view needs no
kernel structure at all: where each CPU is (pc), whether it takes interrupts (RFLAGS.IF
on x86_64, PSTATE.I in CPSR on aarch64) and at which privilege it runs (CPL from CS;
the EL in CPSR).

The kernel's view is found the way the kernel finds it: each CPU's per-CPU register
(GS base on x86_64 - KERNEL_GS_BASE while in user mode, where `swapgs` parked it -
TPIDR_EL1 on aarch64) points at that CPU's arch::CpuLocal in arch::cpu_locals, whose
`kernel` member is the scheduler's proc::Cpu (src/proc/cpu.hh): current thread, run
queue, need_resched. Each part is shown when the kernel has it and named when not.
"""
import re

import gdb

from . import kernel

X86_IF = 1 << 9
ARM_IRQ_MASK = 1 << 7  # PSTATE.I


def _hardware(arch):
    """Facts about the selected vCPU: pc, symbol, privilege, interrupts, per-CPU base."""
    pc = kernel.register("pc")
    if arch == "x86_64":
        cs = kernel.register("cs")
        cpl = cs & 3
        ints = bool(kernel.register("eflags") & X86_IF)
        per_cpu = kernel.register("gs_base")
        if cpl == 3:  # swapgs parked the kernel's GS base here while user code runs
            try:
                per_cpu = kernel.register("k_gs_base")
            except gdb.GdbError:
                pass
        mode = "ring %d (%s)" % (cpl, "user" if cpl == 3 else "kernel")
    else:
        cpsr = kernel.register("cpsr")
        el = (cpsr >> 2) & 3
        ints = not cpsr & ARM_IRQ_MASK
        per_cpu = kernel.register("TPIDR_EL1")
        mode = "EL%d (%s)" % (el, "user" if el == 0 else "kernel")
    return {"pc": pc, "symbol": kernel.symbol_at(pc), "mode": mode,
            "interrupts": "interrupts on" if ints else "interrupts off", "per_cpu": per_cpu}


def _qemu_cpu(thread):
    """QEMU's CPU number and run state from the thread's details ("CPU#1 [halted ]");
    without them, GDB thread N is CPU N-1 (QEMU lists CPUs in order)."""
    m = re.match(r"CPU#(\d+) \[(\w+)", getattr(thread, "details", None) or "")
    return (int(m.group(1)), m.group(2)) if m else (thread.num - 1, "")


def each_cpu():
    """(gdb thread, hardware facts) for every vCPU; leaves the selected thread (and the
    frame selected in it, after `up`) as they were."""
    arch = kernel.arch()
    selected = gdb.selected_thread()
    frame = gdb.selected_frame()
    out = []
    try:
        for thread in sorted(gdb.selected_inferior().threads(), key=lambda t: t.num):
            thread.switch()
            facts = _hardware(arch)
            facts["cpu"], facts["state"] = _qemu_cpu(thread)
            out.append((thread, facts))
    finally:
        if selected is not None:
            selected.switch()
            if frame.is_valid():
                frame.select()
    return out


def cpu_local_for(per_cpu):
    """The arch::CpuLocal that a per-CPU register points at, or None; raises Missing
    when the kernel has no arch::cpu_locals."""
    locals_ = kernel.variable("arch::cpu_locals")
    size = locals_.type.strip_typedefs().target().sizeof
    base = int(locals_.address)
    count = locals_.type.sizeof // size
    if per_cpu < base or per_cpu >= base + count * size or (per_cpu - base) % size:
        return None
    return locals_[(per_cpu - base) // size]


def sched_cpu(local):
    """The proc::Cpu behind a CpuLocal (its `kernel` pointer), or None if not set yet."""
    cpu_type = kernel.kernel_type("proc::Cpu", "no scheduler per-CPU block (proc::Cpu) in "
                                  "this kernel yet")
    pointer = int(kernel.field(local, "kernel"))
    if pointer == 0:
        return None
    return gdb.Value(pointer).cast(cpu_type.pointer())


def thread_name(thread):
    """'tid 3 (sh)' for a proc::Thread*, '-' for null."""
    if int(thread) == 0:
        return "-"
    return "tid %d (%s)" % (int(kernel.field(thread, "tid")),
                            kernel.cstring(kernel.field(thread, "name")))


def enum_name(value):
    return str(value).split("::")[-1]


class SeaCpus(gdb.Command):
    """Every CPU: where it is, its privilege, interrupts, and the kernel's per-CPU data.

Usage: sea cpus

One block per CPU (QEMU shows each virtual CPU as a GDB thread; `thread N` selects
one): the pc and its function, ring/EL, whether interrupts are enabled; then
arch::cpu_locals[i] found through the CPU's per-CPU register (GS base / TPIDR_EL1):
index, ticks; then the scheduler's proc::Cpu: current thread, idle thread, run-queue
length, need_resched. Parts the kernel does not have yet are named as missing."""

    def __init__(self):
        super().__init__("sea cpus", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        selected = gdb.selected_thread()
        for thread, hw in each_cpu():
            mark = "*" if selected is not None and thread.num == selected.num else " "
            print("%scpu %d (gdb thread %d%s): pc 0x%x %s, %s, %s" % (
                mark, hw["cpu"], thread.num, ", " + hw["state"] if hw["state"] else "",
                hw["pc"], hw["symbol"] or "?", hw["mode"], hw["interrupts"]))
            self._kernel_view(hw["per_cpu"])

    def _kernel_view(self, per_cpu):
        try:
            local = cpu_local_for(per_cpu)
        except kernel.Missing:
            print("    arch: no per-CPU blocks (arch::cpu_locals) in this kernel yet")
            return
        if local is None:
            print("    arch: per-CPU register 0x%x is not in arch::cpu_locals (this CPU has "
                  "not set it up yet)" % per_cpu)
            return
        fields = [f.name for f in kernel.all_fields(local.type.strip_typedefs())]
        facts = ["%s %d" % (name, int(local[name])) for name in ("index", "ticks")
                 if name in fields]
        print("    arch: cpu_locals at 0x%x: %s" % (int(local.address), ", ".join(facts)))
        try:
            cpu = sched_cpu(local)
        except kernel.Missing as e:
            print("    sched: " + str(e))
            return
        if cpu is None:
            print("    sched: not scheduling yet (CpuLocal.kernel is null)")
            return
        try:
            queue = kernel.list_items(kernel.field(cpu, "run_queue"), kernel.kernel_type(
                "proc::Thread", "no proc::Thread in this kernel yet"))
        except kernel.Missing as e:
            print("    sched: " + str(e))
            return
        print("    sched: current %s, idle %s, run queue %d, need_resched %d" % (
            thread_name(kernel.field(cpu, "current")), thread_name(kernel.field(cpu, "idle")),
            len(queue), int(kernel.field(cpu, "need_resched"))))


class SeaRunq(gdb.Command):
    """Each CPU's run queue and sleepers, from the scheduler's proc::Cpu blocks.

Usage: sea runq

For every CPU: the running thread, then the Runnable threads in the order they will
run (proc::Cpu::run_queue, FIFO) and the sleeping threads with a deadline
(proc::Cpu::sleepers, soonest first)."""

    def __init__(self):
        super().__init__("sea runq", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        try:
            kernel.kernel_type("proc::Cpu", "no run queues (proc::Cpu) in this kernel yet")
            thread_type = kernel.kernel_type("proc::Thread", "no proc::Thread in this kernel yet")
            for thread, hw in each_cpu():
                local = cpu_local_for(hw["per_cpu"])
                cpu = sched_cpu(local) if local is not None else None
                if cpu is None:
                    print("cpu %d: not scheduling yet" % hw["cpu"])
                    continue
                print("cpu %d: running %s" % (int(kernel.field(cpu, "index")),
                                              thread_name(kernel.field(cpu, "current"))))
                for t in kernel.list_items(kernel.field(cpu, "run_queue"), thread_type):
                    print("    runnable %s %s" % (thread_name(t), enum_name(t["state"])))
                for t in kernel.list_items(kernel.field(cpu, "sleepers"), thread_type):
                    print("    sleeping %s until %d ns" % (thread_name(t), int(t["deadline_ns"])))
        except kernel.Missing as e:
            kernel.missing("sea runq", str(e))


SeaCpus()
SeaRunq()
