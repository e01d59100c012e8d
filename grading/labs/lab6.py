"""Lab 6 grader: SMP; the hole is starting the other CPUs (x86_64 INIT-SIPI-SIPI,
aarch64 PSCI CPU_ON), spinlocks and TLB shootdown.

Self-tests, tagged with the run's nonce, with 4 CPUs:
  cpus       every CPU the platform reported is online and runs its own idle loop
  spinlock   all CPUs increment one counter a million times under a spinlock: no lost
             update
  shootdown  a mapping changed on one CPU is seen changed on all others (IPI shootdown)

PENDING until the AP start-up code and these self-tests exist.
"""
from labs import common

LAB = 6
PENDING = "secondary CPU start-up and the cpus/spinlock/shootdown self-tests are pending"
FOLDER = "6-smp"

TESTS = (
    ("every CPU comes online", "selftest", ("cpus",), {4: 10}),
    ("spinlock counter, no lost update", "selftest", ("spinlock",), {4: 15}),
    ("TLB shootdown reaches every CPU", "selftest", ("shootdown",), {4: 15}),
)
ANSWER_POINTS = 20


def add(suite, ctx):
    common.add_table(suite, ctx, LAB, FOLDER, TESTS, ANSWER_POINTS)
