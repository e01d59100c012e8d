"""Lab 5 grader: processes and scheduling; the hole is fork/wait/exit and preemptive
scheduling (src/proc).

Test programs (kind "program", see common.py), with 1 and 4 CPUs:
  /tests/forktree  a tree of 64 processes, each parent waits for its children and checks
                   their exit statuses; no zombie is left
  /tests/waitexit  wait() returns each child once, ECHILD after the last; orphans are
                   re-parented to init
  /tests/preempt   a child spinning in a loop does not stop its parent: the timer
                   preempts it (fails by timing out on a cooperative scheduler)

PENDING until src/proc exists.
"""
from labs import common

LAB = 5
PENDING = "src/proc (processes, scheduler) is not written yet"
FOLDER = "5-processes"

TESTS = (
    ("fork tree of 64 processes, all reaped", "program", "/tests/forktree", {1: 5, 4: 10}),
    ("wait/exit statuses, ECHILD, orphans", "program", "/tests/waitexit", {1: 10}),
    ("a spinning process is preempted", "program", "/tests/preempt", {1: 5, 4: 10}),
)
ANSWER_POINTS = 20


def add(suite, ctx):
    common.add_table(suite, ctx, LAB, FOLDER, TESTS, ANSWER_POINTS)
