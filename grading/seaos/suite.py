"""Named tests with points, dependencies and timeouts; results for people and machines.

A test is a function taking no arguments that raises (MachineError, AssertionError or
anything else) to fail. Suite.run() runs the selected tests in order, skipping those whose
dependencies failed, re-running a failed test once to tell *flaky* from *failed* when
asked, and prints one line per test and a closing "N passed, N failed" line. Results can
be written as JSON, JUnit XML and Gradescope's results.json.
"""
import json
import os
import time
import traceback
import xml.etree.ElementTree as ET


class Test:
    def __init__(self, name, fn, points=1, deps=(), tags=()):
        self.name, self.fn, self.points, self.deps, self.tags = name, fn, points, deps, set(tags)
        self.status = None  # "passed" | "failed" | "flaky" | "skipped"
        self.message = ""
        self.seconds = 0.0


class Suite:
    def __init__(self, title):
        self.title = title
        self.tests = []

    def add(self, name, fn, points=1, deps=(), tags=()):
        self.tests.append(Test(name, fn, points, deps, tags))

    def add_failure(self, name, message, tags=()):
        """Records a test that has already failed (e.g. a build step), with its reason."""
        def fail():
            raise AssertionError(message)
        self.add(name, fail, tags=tags)

    def test(self, name=None, points=1, deps=(), tags=()):
        """Decorator form of add()."""
        def wrap(fn):
            self.add(name or fn.__name__, fn, points, deps, tags)
            return fn
        return wrap

    def select(self, only=None, match=None):
        """Keeps tests having tag `only` and whose name contains `match`."""
        self.tests = [t for t in self.tests
                      if (not only or only in t.tags) and (not match or match in t.name)]

    def _run_one(self, test):
        start = time.monotonic()
        try:
            test.fn()
            return True, ""
        except Exception as e:  # a test fails by raising anything
            detail = str(e) or traceback.format_exc(limit=3)
            if not isinstance(e, (AssertionError,)) and type(e).__name__ != "MachineError":
                detail = "%s: %s" % (type(e).__name__, detail)
            return False, detail
        finally:
            test.seconds += time.monotonic() - start

    def run(self, retry_failed=False, verbose=True):
        done = {}
        for test in self.tests:
            broken = [d for d in test.deps if done.get(d) not in (None, "passed", "flaky")]
            if broken:
                test.status, test.message = "skipped", "depends on failed " + ", ".join(broken)
            else:
                ok, msg = self._run_one(test)
                if not ok and retry_failed:
                    ok2, _ = self._run_one(test)
                    test.status = "flaky" if ok2 else "failed"
                else:
                    test.status = "passed" if ok else "failed"
                test.message = msg
            done[test.name] = test.status
            if verbose:
                line = "%-6s %s (%.1fs)" % (test.status.upper(), test.name, test.seconds)
                print(line, flush=True)
                if test.status in ("failed", "skipped", "flaky") and test.message:
                    for l in test.message.strip().splitlines()[-25:]:
                        print("       " + l, flush=True)
        return self.summary()

    def summary(self):
        passed = sum(t.status in ("passed", "flaky") for t in self.tests)
        failed = sum(t.status in ("failed", "skipped") for t in self.tests)
        return passed, failed

    # -- machine-readable results ---------------------------------------------------------
    def write_json(self, path):
        os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
        with open(path, "w") as f:
            json.dump({"title": self.title, "tests": [
                {"name": t.name, "status": t.status, "points": t.points,
                 "score": t.points if t.status in ("passed", "flaky") else 0,
                 "seconds": round(t.seconds, 2), "message": t.message} for t in self.tests]},
                f, indent=2)

    def write_junit(self, path):
        os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
        passed, failed = self.summary()
        suite = ET.Element("testsuite", name=self.title, tests=str(len(self.tests)),
                           failures=str(failed))
        for t in self.tests:
            case = ET.SubElement(suite, "testcase", name=t.name, time="%.2f" % t.seconds)
            if t.status == "failed":
                ET.SubElement(case, "failure", message=t.message[:200]).text = t.message
            elif t.status == "skipped":
                ET.SubElement(case, "skipped", message=t.message)
        ET.ElementTree(suite).write(path, encoding="unicode", xml_declaration=True)

    def write_gradescope(self, path):
        os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
        with open(path, "w") as f:
            json.dump({"tests": [
                {"name": t.name, "max_score": t.points,
                 "score": t.points if t.status in ("passed", "flaky") else 0,
                 "status": "passed" if t.status in ("passed", "flaky") else "failed",
                 "output": t.message} for t in self.tests]}, f, indent=2)
