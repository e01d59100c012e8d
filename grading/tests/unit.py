"""Host unit tests (CppUTest): built and run once, each CppUTest test reported on its own.

CppUTest's own summary is not what CI reads: every CppUTest test becomes one entry of the
suite, so the closing "N passed, N failed" line counts them one by one.
"""
import glob
import os
import subprocess
import xml.etree.ElementTree as ET

from seaos.machine import TOP, make


def _run_cpputest():
    """Builds and runs the unit test binary; returns {name: None or failure message}."""
    make("build/host/unit_tests")
    out_dir = os.path.join(TOP, "build", "host", "junit")
    os.makedirs(out_dir, exist_ok=True)
    for old in glob.glob(os.path.join(out_dir, "*.xml")):
        os.remove(old)
    # -ojunit writes one JUnit file per test group into the current directory.
    subprocess.run([os.path.join(TOP, "build", "host", "unit_tests"), "-ojunit"],
                   cwd=out_dir, capture_output=True, text=True, timeout=600)
    results = {}
    for path in glob.glob(os.path.join(out_dir, "*.xml")):
        for case in ET.parse(path).getroot().iter("testcase"):
            fail = case.find("failure")
            name = "%s.%s" % (case.get("classname"), case.get("name"))
            results[name] = None if fail is None else (fail.get("message") or "failed")
    return results


def _verdict(message):
    def check():
        if message is not None:
            raise AssertionError(message)
    return check


def add(suite):
    try:
        results = _run_cpputest()
    except Exception as e:  # the build failed: one failing entry says why
        suite.add("unit: build", _verdict(str(e)), tags=("unit",))
        return
    if not results:
        suite.add("unit: build", _verdict("the unit test binary reported no tests"), tags=("unit",))
    for name in sorted(results):
        suite.add("unit: " + name, _verdict(results[name]), tags=("unit",))
