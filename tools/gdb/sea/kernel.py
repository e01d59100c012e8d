"""sea/kernel.py - how the sea commands find their way around a SeaOS kernel.

Every command reads the kernel the way a student would in GDB: by symbol name, by field
name, through the types in the kernel's debug information. Nothing here hard-codes an
offset, so a field that moves costs nothing and a field that is renamed gives a clear
message instead of a wrong number.

The kernel grows lab by lab, so a structure a command wants may not exist yet (no
process table before lab 5). `missing()` is how a command says so: it prints one plain
line and returns normally, because in a batch script (`make walk`, the tests) an error
would stop every command after it. Real mistakes (a bad argument, memory that cannot be
read) raise gdb.GdbError, which GDB prints without a Python traceback.
"""
import gdb

DIRECT_MAP_BASE = 0xFFFF800000000000  # contract::kDirectMapBase, the same on both archs


class Missing(Exception):
    """A kernel structure this command needs is not in the loaded kernel."""


def arch():
    """'x86_64' or 'aarch64', from GDB's idea of the target (set by the gdbinit)."""
    name = gdb.selected_inferior().architecture().name()
    return "aarch64" if "aarch64" in name else "x86_64"


def missing(command, what):
    """Says, in one line, that the kernel lacks what `command` needs."""
    print("%s: %s" % (command, what))


def variable(*names):
    """The gdb.Value of the first global or file-local (anonymous namespace) variable
    among `names`; raises Missing when none exists. Names are C++ qualified names."""
    for name in names:
        for lookup in (gdb.lookup_global_symbol, gdb.lookup_static_symbol):
            try:
                sym = lookup(name)
            except gdb.error:
                sym = None
            if sym is not None and sym.is_variable:
                return sym.value()
    raise Missing("no %s in this kernel yet" % " or ".join(names))


def kernel_type(name, what):
    """The complete type `name` (a struct GDB knows the members of); raises Missing with
    `what` when the kernel has no such type, or only a forward declaration of it."""
    try:
        type_ = gdb.lookup_type(name)
    except gdb.error:
        type_ = None
    if type_ is None or type_.strip_typedefs().sizeof == 0 or not type_.strip_typedefs().fields():
        raise Missing(what)
    return type_


def field(value, *names):
    """value.<first of names that exists>: tolerates a member renamed from `count` to
    `count_`. Raises Missing naming the type when none exists."""
    type_ = value.type.strip_typedefs()
    if type_.code == gdb.TYPE_CODE_PTR:
        value, type_ = value.dereference(), type_.target().strip_typedefs()
    for name in names:
        if any(f.name == name for f in all_fields(type_)):
            return value[name]
    raise Missing("%s has no member %s" % (type_, " or ".join(names)))


def all_fields(type_):
    """The members of a class, those of its base classes included."""
    out = []
    for f in type_.fields():
        if f.is_base_class:
            out += all_fields(f.type.strip_typedefs())
        else:
            out.append(f)
    return out


def plain(value):
    """The integer inside a ktl::Atomic<T> (its value_), or the value itself."""
    type_ = value.type.strip_typedefs()
    if type_.code == gdb.TYPE_CODE_STRUCT and any(f.name == "value_" for f in type_.fields()):
        value = value["value_"]
    return int(value)


def cstring(value, limit=64):
    """A char array or char* as a Python string: up to the first NUL, never past the
    array's end, bytes that are not UTF-8 shown as U+FFFD. '' for a null pointer."""
    type_ = value.type.strip_typedefs()
    try:
        if type_.code == gdb.TYPE_CODE_ARRAY:
            length = type_.range()[1] + 1
        elif int(value) == 0:
            return ""
        else:
            length = limit
        return value.string(errors="replace", length=length).split("\0")[0]
    except gdb.error:
        return "?"


def base_offset(type_, base_name):
    """Byte offset of the base class named `base_name` inside `type_` (how an intrusive
    ListLink<Tag> sits inside the object that derives from it)."""
    for f in type_.strip_typedefs().fields():
        if f.is_base_class and f.type.strip_typedefs().name == base_name:
            return f.bitpos // 8
    raise Missing("%s does not derive from %s" % (type_, base_name))


def list_items(lst, item_type, limit=100000):
    """The objects on a ktl::List<T, Tag> (lib/list.hh), as gdb.Values of T*.

    The list is a circular chain of ListLink<Tag> starting at the sentinel `head_`; each
    link is a base-class subobject of its T, so T's address is the link's address minus
    the base's offset. A broken chain (a link that is null) ends the walk."""
    head = lst["head_"]
    link_type = head.type.strip_typedefs()
    offset = base_offset(item_type, link_type.name)
    sentinel = int(head.address)
    link = head["next"]
    items = []
    while int(link) not in (0, sentinel) and len(items) < limit:
        items.append(gdb.Value(int(link) - offset).cast(item_type.pointer()))
        link = link.dereference()["next"]
    return items


def register(name):
    """A register of the selected CPU as an unsigned integer (e.g. 'cr3', 'TTBR1_EL1')."""
    try:
        return int(gdb.parse_and_eval("$" + name)) & 0xFFFFFFFFFFFFFFFF
    except gdb.error as e:
        raise gdb.GdbError("cannot read register %s: %s" % (name, e))


def address_argument(text):
    """Evaluates a command argument as an address: a number, a symbol (kernel_main) or
    any expression GDB understands ($pc, &log_ring, 0xffff800000000000 + 0x1000)."""
    try:
        value = gdb.parse_and_eval(text)
    except gdb.error as e:
        raise gdb.GdbError(str(e))
    if value.type.strip_typedefs().code == gdb.TYPE_CODE_FUNC:
        value = value.address
    return int(value.cast(gdb.lookup_type("unsigned long"))) & 0xFFFFFFFFFFFFFFFF


def symbol_at(address):
    """'function + off' for a kernel address (GDB's `info symbol`), or '' if none."""
    try:
        text = gdb.execute("info symbol 0x%x" % address, to_string=True)
    except gdb.error:
        return ""
    return "" if text.startswith("No symbol") else text.split(" in section")[0].strip()
