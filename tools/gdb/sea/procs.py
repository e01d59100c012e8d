"""sea/procs.py - `sea ps`, `sea vm PID`, `sea files PID`: processes and what they own.

The process table is proc's list of every process, zombies included
(`all_processes` in src/proc/process.cc, a ktl::List<Process, AllProcessesTag>); each
Process lists its threads (ThreadListTag), points at its mm::AddressSpace (`as`: a
RegionMap of Regions sorted by address, src/mm/region.hh) and at its file-descriptor
table (`files`). The commands follow those pointers and print them the way Linux's
ps, /proc/PID/maps and /proc/PID/fd would.

These are read without taking the kernel's locks (GDB stops every CPU, so nothing moves
while we look), but a CPU stopped in the middle of an update can leave a list half
linked; list_items() stops at a null link rather than wander.
"""
import gdb

from . import kernel

PROT_READ, PROT_WRITE, PROT_EXEC = 1, 2, 4


def processes():
    """Every proc::Process* in the process table; raises Missing when there is none."""
    process_type = kernel.kernel_type("proc::Process", "no process table in this kernel yet "
                                      "(no proc::Process)")
    try:
        table = kernel.variable("proc::(anonymous namespace)::all_processes",
                                "proc::all_processes")
    except kernel.Missing:
        raise kernel.Missing("no process table in this kernel yet (no proc all_processes)")
    return kernel.list_items(table, process_type)


def find_process(pid):
    for p in processes():
        if int(p["pid"]) == pid:
            return p
    raise gdb.GdbError("no process with pid %d (sea ps lists them)" % pid)


def threads_of(process):
    return kernel.list_items(kernel.field(process, "threads"),
                             kernel.kernel_type("proc::Thread", "no proc::Thread in this kernel"))


def _enum(value):
    return str(value).split("::")[-1]


def _pid_argument(command, arg):
    words = gdb.string_to_argv(arg)
    if len(words) != 1:
        raise gdb.GdbError("usage: %s PID" % command)
    return int(gdb.parse_and_eval(words[0]))


class SeaPs(gdb.Command):
    """List processes and their threads, like ps.

Usage: sea ps

One line per process from the kernel's process table (src/proc/process.cc): pid,
parent pid, state (Alive/Zombie), process group, name; then one line per thread: tid,
scheduler state (Running, Runnable, Sleeping...), the CPU it belongs to."""

    def __init__(self):
        super().__init__("sea ps", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        try:
            table = processes()
        except kernel.Missing as e:
            kernel.missing("sea ps", str(e))
            return
        if not table:
            print("(the process table is empty: no process has started yet)")
            return
        print("  PID  PPID  STATE   PGID  NAME")
        for p in table:
            parent = p["parent"]
            ppid = int(parent.dereference()["pid"]) if int(parent) else 0
            print("%5d %5d  %-6s %5d  %s" % (int(p["pid"]), ppid, _enum(p["state"]),
                                            int(p["pgid"]), kernel.cstring(p["name"])))
            for t in threads_of(p):
                cpu = t["cpu"]
                where = "cpu %d" % int(cpu.dereference()["index"]) if int(cpu) else "no cpu"
                print("        thread %d: %s on %s" % (int(t["tid"]), _enum(t["state"]), where))


class SeaVm(gdb.Command):
    """The regions of a process's address space, like /proc/PID/maps.

Usage: sea vm PID

One line per mm::Region of the process's AddressSpace (src/mm/region.hh), lowest
address first: start-end, protection (rwx), size and kind (program, heap, stack,
anonymous). Pages are filled on first touch, so a region says what *may* be mapped;
`sea pt ADDRESS PID` shows whether a page is there yet."""

    def __init__(self):
        super().__init__("sea vm", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        pid = _pid_argument("sea vm", arg)
        try:
            process = find_process(pid)
            space = kernel.field(process, "as")
            if int(space) == 0:
                print("process %d has no address space (a kernel thread, or exiting)" % pid)
                return
            regions = kernel.field(kernel.field(space, "regions_", "regions"), "first_", "first")
        except kernel.Missing as e:
            kernel.missing("sea vm", str(e))
            return
        print("process %d (%s): address space at 0x%x" % (pid, kernel.cstring(process["name"]),
                                                         int(space)))
        region, count = regions, 0
        while int(region) and count < 10000:
            r = region.dereference()
            prot = int(r["prot"])
            start, end = int(r["start"]), int(r["end"])
            print("%016x-%016x %s%s%s %8d KiB  %s" % (
                start, end, "r" if prot & PROT_READ else "-", "w" if prot & PROT_WRITE else "-",
                "x" if prot & PROT_EXEC else "-", (end - start) >> 10, _enum(r["kind"]).lower()))
            region, count = r["next"], count + 1
        print("%d regions" % count)


class SeaFiles(gdb.Command):
    """The open file descriptors of a process, like ls -l /proc/PID/fd.

Usage: sea files PID

One line per open descriptor in the process's file-descriptor table (Process::files):
the number, the open file's address and what the kernel knows of it - its operations
table (which says what kind of file it is: console, pipe, ramfs file...), the path of
its directory entry, the inode number and type, flags, position and reference count,
whichever the file structure has."""

    def __init__(self):
        super().__init__("sea files", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        pid = _pid_argument("sea files", arg)
        try:
            process = find_process(pid)
            table = kernel.field(process, "files")
            table_type = table.type.strip_typedefs().target().strip_typedefs()
            if table_type.sizeof == 0 or not table_type.fields():
                raise kernel.Missing("no file-descriptor table (%s) in this kernel yet"
                                     % table_type)
            if int(table) == 0:
                print("process %d has no file table" % pid)
                return
            slots = descriptor_slots(table.dereference())
        except kernel.Missing as e:
            kernel.missing("sea files", str(e))
            return
        print("process %d (%s): file table at 0x%x" % (pid, kernel.cstring(process["name"]),
                                                      int(table)))
        for fd, file, cloexec in slots:
            print("%4d -> 0x%x %s%s" % (fd, int(file), describe_file(file),
                                        " cloexec" if cloexec else ""))
        print("%d open" % len(slots))


def descriptor_slots(table):
    """(fd, file pointer, close-on-exec) for each open descriptor. The table shapes
    understood: a fixed array of file pointers (with a parallel bool array for
    close-on-exec), a fixed array of slots, or a pointer to `capacity_` slots - a slot
    being a file pointer plus its close-on-exec flag."""
    members = {f.name: table[f.name] for f in kernel.all_fields(table.type.strip_typedefs())}
    pointer_array = bool_array = slot_pointer = capacity = None
    for name, value in members.items():
        type_ = value.type.strip_typedefs()
        if type_.code == gdb.TYPE_CODE_ARRAY:
            element = type_.target().strip_typedefs()
            if element.code == gdb.TYPE_CODE_PTR and pointer_array is None:
                pointer_array = value
            elif element.code == gdb.TYPE_CODE_BOOL and bool_array is None:
                bool_array = value
            elif element.code == gdb.TYPE_CODE_STRUCT and slot_pointer is None:
                slot_pointer, capacity = value, type_.range()[1] + 1
        elif type_.code == gdb.TYPE_CODE_PTR and type_.target().strip_typedefs().code == \
                gdb.TYPE_CODE_STRUCT and name.startswith("slot"):
            slot_pointer = value
        elif name.startswith("capacity"):
            capacity = int(value)
    out = []
    if pointer_array is not None:
        for fd in range(pointer_array.type.strip_typedefs().range()[1] + 1):
            if int(pointer_array[fd]):
                cloexec = bool(bool_array[fd]) if bool_array is not None else False
                out.append((fd, pointer_array[fd], cloexec))
        return out
    if slot_pointer is not None and capacity is not None:
        if slot_pointer.type.strip_typedefs().code == gdb.TYPE_CODE_PTR and \
                int(slot_pointer) == 0:
            return out
        for fd in range(capacity):
            slot = slot_pointer[fd]
            file = _first_pointer(slot)
            if file is not None and int(file):
                out.append((fd, file, bool(slot["cloexec"]) if _has(slot, "cloexec") else False))
        return out
    raise kernel.Missing("%s has neither an array of files nor slots_/capacity_" % table.type)


def _has(value, name):
    return any(f.name == name for f in kernel.all_fields(value.type.strip_typedefs()))


def _first_pointer(value):
    for f in kernel.all_fields(value.type.strip_typedefs()):
        if f.type.strip_typedefs().code == gdb.TYPE_CODE_PTR:
            return value[f.name]
    return None


def _unwrap(value):
    """The pointer inside a smart pointer (fs::Ref<T> holds one, p_), or the value."""
    if value.type.strip_typedefs().code == gdb.TYPE_CODE_STRUCT:
        inner = _first_pointer(value)
        if inner is not None:
            return inner
    return value


def _path(dentry):
    """A directory entry's path, from its names up to the root of its file system."""
    names, seen = [], 0
    while int(dentry) and seen < 64:
        parent = dentry["parent"]
        if int(parent) == int(dentry):
            break
        names.append(kernel.cstring(dentry["name"], 256))
        dentry, seen = parent, seen + 1
    return "/" + "/".join(reversed(names))


INODE_TYPES = {0o010000: "fifo", 0o020000: "chr", 0o040000: "dir", 0o060000: "blk",
               0o100000: "reg", 0o120000: "lnk", 0o140000: "sock"}


def describe_file(file):
    """What the open file's structure tells: ops table, path, inode, flags, position."""
    target = file.dereference()
    facts = []
    if _has(target, "ops") and int(target["ops"]):
        facts.append(kernel.symbol_at(int(target["ops"])).split(" + ")[0] or
                     "ops=0x%x" % int(target["ops"]))
    if _has(target, "dentry"):
        dentry = _unwrap(target["dentry"])
        if int(dentry):
            facts.append(_path(dentry))
    if _has(target, "inode"):
        inode = _unwrap(target["inode"])
        if int(inode):
            facts.append("ino %d %s" % (int(inode["ino"]), INODE_TYPES.get(
                int(inode["type"]) & 0o170000, "type 0%o" % int(inode["type"]))))
    for name in ("flags", "pos", "offset", "refs"):
        if _has(target, name):
            facts.append("%s=%s" % (name, hex(kernel.plain(target[name])) if name == "flags"
                                    else kernel.plain(target[name])))
    return " ".join(facts)


SeaPs()
SeaVm()
SeaFiles()
