"""sea/mem.py - `sea mem`: the physical page allocator's free memory, order by order.

The kernel's one page allocator is mm::kernel_pages (src/mm/physical.cc), a
PageAllocator (src/mm/page_allocator.hh): a buddy allocator (buddy_) holding free
blocks of 2^k pages on free_lists_[k], counted in free_blocks_[k], plus one PageCache
per CPU (caches_[c]) of single pages parked for that CPU. Every free page is in exactly
one of those places, so their sum is the number the kernel prints at boot
("mm: N pages free") and the one mm::free_pages() returns.

Reading the counters rather than walking the lists is deliberate: it shows what the
allocator believes. `sea mem lists` walks the free lists too and reports any list
whose length disagrees with its counter - which is how a broken split or merge shows.
"""
import gdb

from . import kernel

PAGE_SIZE = 4096


def allocator():
    return kernel.variable("mm::kernel_pages")


def cpu_count():
    """How many CPUs the machine has: one GDB thread per QEMU vCPU."""
    return max(1, len(gdb.selected_inferior().threads()))


def snapshot():
    """{'orders': [(order, blocks)], 'buddy': pages, 'caches': [pages per CPU]}."""
    pages = allocator()
    buddy = kernel.field(pages, "buddy_")
    blocks = kernel.field(buddy, "free_blocks_")
    length = blocks.type.strip_typedefs().range()[1] + 1
    orders = [(k, int(blocks[k])) for k in range(length)]
    caches = kernel.field(pages, "caches_")
    cached = [kernel.plain(kernel.field(caches[c], "count_")) for c in range(cpu_count())]
    return {"orders": orders, "buddy": kernel.plain(kernel.field(buddy, "free_pages_")),
            "caches": cached, "buddy_value": buddy}


def _list_lengths(buddy):
    lists = kernel.field(buddy, "free_lists_")
    page_type = gdb.lookup_type("mm::Page")
    count = lists.type.strip_typedefs().range()[1] + 1
    return [len(kernel.list_items(lists[k], page_type)) for k in range(count)]


class SeaMem(gdb.Command):
    """Free physical memory: buddy free blocks per order and each CPU's page cache.

Usage: sea mem          the counters of mm::kernel_pages (src/mm/page_allocator.hh)
       sea mem lists    also walk every free list and check it against its counter

Prints one line per order k (blocks of 2^k pages free, and the pages they hold), the
buddy total, the pages parked in each CPU's cache, and the total free - the number the
kernel printed at boot as "mm: N pages free" (before anything allocated)."""

    def __init__(self):
        super().__init__("sea mem", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        try:
            snap = snapshot()
        except kernel.Missing as e:  # no mm::kernel_pages, or a member renamed
            kernel.missing("sea mem", "cannot read the page allocator: %s" % e)
            return
        lengths = _list_lengths(snap["buddy_value"]) if arg.strip() == "lists" else None
        print("order  block size  free blocks  pages")
        for order, blocks in snap["orders"]:
            line = "%5d  %10s  %11d  %5d" % (order, _size(PAGE_SIZE << order), blocks,
                                              blocks << order)
            if lengths is not None:
                line += "   list holds %d%s" % (lengths[order], "" if lengths[order] == blocks
                                                 else "  <-- MISMATCH")
            print(line)
        summed = sum(blocks << order for order, blocks in snap["orders"])
        print("buddy: %d pages free%s" % (snap["buddy"], "" if summed == snap["buddy"] else
                                          " (but the orders add up to %d!)" % summed))
        for cpu, count in enumerate(snap["caches"]):
            print("cpu %d cache: %d pages" % (cpu, count))
        total = snap["buddy"] + sum(snap["caches"])
        print("total: %d pages free (%d MiB)" % (total, total * PAGE_SIZE >> 20))


def _size(nbytes):
    return "%d MiB" % (nbytes >> 20) if nbytes >= 1 << 20 else "%d KiB" % (nbytes >> 10)


SeaMem()
