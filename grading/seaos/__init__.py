"""SeaOS grading library: boot SeaOS in QEMU, drive its console, check what it says.

Python 3 standard library only, so it runs on any course machine and on Gradescope.
The pieces:
  machine.Machine   one QEMU run: start, expect/forbid output, type input, exit status
  suite.Suite       named tests with points and timeouts, results as text/JSON/JUnit
"""
