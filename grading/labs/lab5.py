"""Lab 5 grader: processes and scheduling; the hole is fork/clone, wait, exit and the
preemptive scheduler (src/proc/fork.cc clone_process, wait.cc do_wait, exit.cc
exit_thread/exit_group, sched.cc schedule/sched_tick; blocks `LAB 5 processes`).

Test programs booted as the first process (kind "program", see common.py):
  /tests/fork_wait         fork, the child's exit status through wait, ECHILD after the
                           last child (-smp 1 and -smp 4)
  /tests/threads           threads sharing one address space, joined through the futex
                           the kernel clears at exit (-smp 1 and -smp 4)
  /tests/fork_bomb_rlimit  RLIMIT_NPROC stops a fork bomb with EAGAIN and everything is
                           reaped

The stubbed handout cannot fork or exit (exit panics), so every test fails: zero points.
"""
from labs import common

LAB = 5
PENDING = ("its handout fails lab 4: the lab-5 stubs of schedule() and exit panic (src/proc); "
           "the LAB 5 blocks must leave scheduling and init exit working first")
FOLDER = "5-processes"

TESTS = (
    ("/tests/fork_wait: fork, exit status through wait, ECHILD", "program",
     "/tests/fork_wait", {1: 20, 4: 15}),
    ("/tests/threads: threads in one address space, joined", "program", "/tests/threads",
     {1: 15, 4: 15}),
    ("/tests/fork_bomb_rlimit: RLIMIT_NPROC stops a fork bomb", "program",
     "/tests/fork_bomb_rlimit", {1: 15}),
)
ANSWER_POINTS = 20


def add(suite, ctx):
    common.add_table(suite, ctx, LAB, FOLDER, TESTS, ANSWER_POINTS)
