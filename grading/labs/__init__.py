"""One grader per lab (lab1.py ... lab10.py) on top of the seaos boot-test runner.

Each module defines LAB (its number), PENDING (None when the kernel has the subsystem;
otherwise why the lab cannot be graded yet: grade.py and check_labs.py skip it) and
add(suite, ctx). common.py holds what they share. grading/grade.py runs them.
"""
import importlib

NUMBERS = tuple(range(1, 11))


def load(number):
    """The grader module of lab `number`."""
    return importlib.import_module("labs.lab%d" % number)
