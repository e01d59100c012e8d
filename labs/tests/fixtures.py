"""A small main tree with lab markers of every comment style, written into a temp dir.

The trees are tiny but shaped like SeaOS: a C++ file with a lab-1 block and an indented
lab-2 block, an assembly file, a Python tool, a Markdown answers file and a binary file.
Python-style marker lines are assembled from HASH at run time: written out literally at
the start of a line here they would be markers of this very file, and the handout
generator would (rightly) cut them out of the real tree.
"""
import os

HASH = "#"

PANIC_CC = """\
// panic.cc - a fixture.
#include "panic.hh"

// LAB 1 backtrace: BEGIN
void print_backtrace(uintptr_t pc, uintptr_t fp) {
  walk_the_frame_records_carefully(pc, fp);
}
// LAB 1: STUB
// void print_backtrace(uintptr_t pc, uintptr_t fp) {
//   (void)pc; (void)fp;
//   printk("backtrace: (not written yet: lab 1)\\n");
// }
// LAB 1: END

int allocate() {
  if (ready) {
    // LAB 2 buddy: BEGIN
    return split_the_smallest_free_buddy_block();
    // LAB 2: STUB
    // return -1;  // lab 2: the buddy allocator
    // LAB 2: END
  }
  return 0;
}
"""

ENTRY_S = """\
// entry.S - a fixture.
.global entry
entry:
// LAB 3 mmu: BEGIN
    msr ttbr1_el1, x0_with_the_kernel_tables
// LAB 3: STUB
//     b .   // lab 3: install the kernel tables
// LAB 3: END
    ret
"""

TOOL_PY = (
    "def answer():\n"
    f"    {HASH} LAB 4 tool: BEGIN\n"
    "    return compute_the_syscall_number_table()\n"
    f"    {HASH} LAB 4: STUB\n"
    f"    {HASH} return None  {HASH} lab 4\n"
    f"    {HASH} LAB 4: END\n"
)

ANSWERS_MD = """\
# Lab 1 answers

## 1. Why subtract one from the return address?

**Answer:**

<!-- LAB 1 answers: BEGIN -->
Because the return address points after the call instruction, in the next line.
<!-- LAB 1: STUB -->
<!-- _(your answer here)_ -->
<!-- LAB 1: END -->
"""

SOLUTION_TEXTS = ("walk_the_frame_records_carefully", "split_the_smallest_free_buddy_block",
                  "x0_with_the_kernel_tables", "compute_the_syscall_number_table",
                  "points after the call instruction")


def write(top, rel, text, mode=None):
    path = os.path.join(top, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)
    if mode:
        os.chmod(path, mode)
    return path


def make_tree(top):
    """Writes the fixture main tree under `top`; returns top."""
    write(top, "src/kernel/panic.cc", PANIC_CC)
    write(top, "arch/aarch64/entry.S", ENTRY_S)
    write(top, "tools/tool.py", TOOL_PY, mode=0o755)
    write(top, "labs/1-boot/answers.md", ANSWERS_MD)
    write(top, "README.md", "# Fixture\n\nNothing secret here.\n")
    write(top, ".gitignore", "/build/\n*.log\n")
    with open(os.path.join(top, "logo.bin"), "wb") as f:
        f.write(bytes(range(256)))
    write(top, "build/x86_64/kernel.elf", "build output, never copied\n")
    return top
