"""Lab 4 grader: user mode and syscalls; the hole is the syscall dispatcher, the UserPtr
copies, write/getpid/exit and loading a static program (src/syscalls, src/proc/exec).

Each test boots a static test program as the first process (see common.py, kind
"program"): it checks its own results and prints "[<nonce>] <name>: PASS".
  /tests/hello     write(1, ...) reaches the console, exit(0) powers off with success
  /tests/getpid    getpid() is 1 for the first process, unknown syscall gives -ENOSYS
  /tests/badptr    write() from a kernel or unmapped address fails with -EFAULT and the
                   kernel survives
  /tests/exitcode  exit(3) reaches the kernel (it prints the status)

PENDING until user space (userland/tests, the initrd, syscall entry) exists.
"""
from labs import common

LAB = 4
PENDING = "no user space yet: syscall entry, static exec and userland/tests are pending"
FOLDER = "4-syscalls"

TESTS = (
    ("static program writes to the console and exits", "program", "/tests/hello", {1: 10, 4: 5}),
    ("getpid and unknown syscalls", "program", "/tests/getpid", {1: 5}),
    ("bad user pointers give EFAULT, kernel survives", "program", "/tests/badptr", {1: 10, 4: 5}),
    ("exit status reaches the kernel", "program", "/tests/exitcode", {1: 5}),
)
ANSWER_POINTS = 20


def add(suite, ctx):
    common.add_table(suite, ctx, LAB, FOLDER, TESTS, ANSWER_POINTS)
