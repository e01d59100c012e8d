"""Lab 4 grader: user mode and syscalls; the hole is the syscall dispatcher, the UserPtr
copies, write/getpid/exit and loading a program (src/syscalls/dispatch.cc, uaccess.cc,
sys_write among the file calls, sys_process.cc and src/proc/exec.cc, blocks
`LAB 4 syscalls`).

Each test boots a test program from userland/tests as the first process (see common.py,
kind "program": "nonce=<hex> init=<path>"): it checks its own results and prints
"[<nonce>] <name>: PASS" (userland/tests/test_report.h), and when it exits the kernel
powers off with its status (src/proc/exit.cc; QEMU 33 for status 0).
  /tests/hello           write(1, ...) reaches the console, exit(0) powers off with success
  /tests/getpid_family   getpid/getppid/gettid/getuid.. of the first process
  /tests/bad_pointers    system calls given kernel, unmapped or read-only pointers fail
                         with EFAULT and the kernel survives
  /tests/syscall_basics  the basic calls through libc: write, read, lseek, uname, ...

The stubbed handout dispatches nothing and cannot load a program: init cannot start, zero
points.
"""
from labs import common

LAB = 4
PENDING = ("the lab-5 stub of schedule() (src/proc/sched.cc) stops every program, so a lab-4 "
           "handout cannot pass lab 4: the LAB 5 block must shrink to sched_tick first")
FOLDER = "4-syscalls"

TESTS = (
    ("/tests/hello writes to the console and exits 0", "program", "/tests/hello",
     {1: 15, 4: 10}),
    ("/tests/getpid_family: getpid and friends", "program", "/tests/getpid_family", {1: 10}),
    ("/tests/bad_pointers: bad user pointers give EFAULT, kernel survives", "program",
     "/tests/bad_pointers", {1: 15, 4: 10}),
    ("/tests/syscall_basics: the basic system calls", "program", "/tests/syscall_basics",
     {1: 20}),
)
ANSWER_POINTS = 20


def add(suite, ctx):
    common.add_table(suite, ctx, LAB, FOLDER, TESTS, ANSWER_POINTS)
