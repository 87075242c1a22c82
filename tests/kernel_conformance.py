"""Runs the Jupyter project's kernel conformance tests (Debian's python3-jupyter-kernel-test) on the Java kernel.

Usage (after kernel/install):
    JUPYTER_PATH=.jupyter-local /usr/bin/python3 tests/kernel_conformance.py [--kernel NAME]

jupyter_kernel_test.KernelTests holds one test per protocol feature (test_completion runs first, right after the
kernel reports ready), each run only when the kernel's test class
gives a sample for it; every sample the suite knows is set below for Java. Prints one line per test (and per
failing or skipped subtest) and ends with "conformance: N passed, N failed". A skipped test is a failure, except
where KernelTests has nothing to run for Java: no sample exists for it (a pager) or the history operation is one
this kernel does not claim; those are listed as "n/a".
"""

import argparse
import os
import subprocess
import sys
import tempfile
import unittest

try:
    import jupyter_kernel_test
except ImportError:
    print("kernel_conformance: jupyter_kernel_test is missing; install it:"
          " sudo apt-get install python3-jupyter-kernel-test", file=sys.stderr)
    print("conformance: 0 passed, 1 failed")
    sys.exit(1)

# A Tablesaw table: text/html as a cell's value (code_execute_result) and through display(...) (code_display_data).
TABLE = 'Table.create("t", IntColumn.create("n", 1, 2, 3))'


class JavaKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = "java-concurrency"

    @classmethod
    def setUpClass(cls):
        # As KernelTests does, but the kernel's own log goes to a file (shown when the kernel does not start).
        cls.kernel_log = tempfile.NamedTemporaryFile(prefix="jcn-conformance-", suffix=".log", delete=False)
        try:
            cls.km, cls.kc = jupyter_kernel_test.start_new_kernel(
                kernel_name=cls.kernel_name, stdout=cls.kernel_log, stderr=subprocess.STDOUT)
        except Exception:
            with open(cls.kernel_log.name, errors="replace") as f:
                print("the kernel's log:", f.read()[-2000:], sep="\n", file=sys.stderr)
            os.unlink(cls.kernel_log.name)
            raise

    @classmethod
    def tearDownClass(cls):
        try:
            super().tearDownClass()
        finally:
            os.unlink(cls.kernel_log.name)

    language_name = "java"
    file_extension = ".jshell"

    code_hello_world = 'System.out.println("hello, world");'
    code_stderr = 'System.err.println("to stderr");'

    completion_samples = [
        {"text": "Math.ab", "matches": {"abs(", "absExact("}},
        {"text": "Integer.MAX_", "matches": {"MAX_VALUE"}},
        {"text": "System.out.printl", "matches": {"println("}},
    ]

    complete_code_samples = ["int a = 1;", 'System.out.println("x");', "class Point { int x; }"]
    incomplete_code_samples = ["for (int i = 0; i < 3; i++) {", "int[] numbers = {1, 2,", "void f() {"]
    invalid_code_samples = ["}"]

    code_inspect_sample = "Math.abs"

    code_generate_error = 'throw new IllegalStateException("boom");'

    code_execute_result = [
        {"code": "6 * 7", "result": "42"},
        {"code": "Math.max(3, 9)", "result": "9"},
        {"code": TABLE, "mime": "text/html"},
        {"code": "new java.awt.image.BufferedImage(4, 4, java.awt.image.BufferedImage.TYPE_INT_RGB)",
         "mime": "image/png"},
    ]

    code_display_data = [
        {"code": 'display("<b>x</b>", "text/html");', "mime": "text/html"},
        {"code": "display(new java.awt.image.BufferedImage(4, 4, java.awt.image.BufferedImage.TYPE_INT_RGB));",
         "mime": "image/png"},
        {"code": "display(new XYChartBuilder().width(200).height(150).build());", "mime": "image/png"},
        {"code": f"display({TABLE});", "mime": "text/html"},
    ]

    code_history_pattern = "6 * 7"
    supported_history_operations = ("tail", "range", "search")

    code_clear_output = "clearOutput();"

    # No pager in this kernel: code_page_something stays empty, so test_pager is n/a.


# The sample attribute each test needs; a test skipped because its sample is empty is n/a, not a failure.
SAMPLES = {
    "test_execute_stdout": "code_hello_world",
    "test_execute_stderr": "code_stderr",
    "test_completion": "completion_samples",
    "test_is_complete": ("complete_code_samples", "incomplete_code_samples", "invalid_code_samples"),
    "test_pager": "code_page_something",
    "test_error": "code_generate_error",
    "test_execute_result": "code_execute_result",
    "test_display_data": "code_display_data",
    "test_history": "code_execute_result",
    "test_inspect": "code_inspect_sample",
    "test_clear_output": "code_clear_output",
}


def has_sample(method):
    names = SAMPLES.get(method, ())
    names = (names,) if isinstance(names, str) else names
    return any(getattr(JavaKernelTests, name) for name in names)


class Result(unittest.TestResult):
    """Collects outcomes per test method, with the subtests' failures and skips."""

    def __init__(self):
        super().__init__()
        self.outcomes = {}  # method name -> list of (kind, detail)

    def _add(self, test, kind, detail=""):
        name = test.id().split(".")[-1] if not isinstance(test, unittest.case._SubTest) \
            else test.test_case.id().split(".")[-1]
        label = test._subDescription() if isinstance(test, unittest.case._SubTest) else ""
        self.outcomes.setdefault(name, []).append((kind, label, detail))

    def addSuccess(self, test):
        self._add(test, "ok")

    def addFailure(self, test, err):
        self._add(test, "fail", self._exc_info_to_string(err, test))

    def addError(self, test, err):
        if isinstance(test, unittest.suite._ErrorHolder):  # setUpClass failed: the kernel did not start
            self.outcomes.setdefault("setUpClass", []).append(("fail", "", self._exc_info_to_string(err, test)))
        else:
            self._add(test, "fail", self._exc_info_to_string(err, test))

    def addSkip(self, test, reason):
        self._add(test, "skip", reason)

    def addSubTest(self, test, subtest, err):
        if err is not None:
            kind = "fail" if not issubclass(err[0], unittest.SkipTest) else "skip"
            self._add(subtest, kind, self._exc_info_to_string(err, test) if kind == "fail" else "")


def not_applicable(method, label):
    """Whether a skip means that KernelTests has nothing to run for this kernel (not a missing feature)."""
    if method == "test_history" and "hist_access_type=" in label:
        operation = label.split("hist_access_type=")[1].split(")")[0].split(",")[0].strip("'\" ")
        return operation not in JavaKernelTests.supported_history_operations
    return not label and not has_sample(method)


def failure_reason(detail):
    """The exception line(s) at the end of a formatted traceback, on one line, after the function that raised."""
    lines = detail.rstrip().splitlines()
    frames = [i for i, line in enumerate(lines) if line.startswith("  File ")]
    if not frames:
        return lines[-1] if lines else detail
    message = [line.strip() for line in lines[frames[-1] + 2:] if line.strip() and set(line.strip()) != {"^"}]
    text = f"in {lines[frames[-1]].rsplit(' in ', 1)[-1]}: " + " ".join(message)
    return text if len(text) <= 300 else text[:300] + "..."


def completion_first(a, b):
    """Orders test method names alphabetically, test_completion first."""
    def key(name):
        return name != "test_completion", name
    return (key(a) > key(b)) - (key(a) < key(b))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kernel", default=JavaKernelTests.kernel_name)
    args = parser.parse_args()
    JavaKernelTests.kernel_name = args.kernel
    # Completion first, right after the kernel says it is ready, as a front end asks when the learner starts typing.
    loader = unittest.TestLoader()
    loader.sortTestMethodsUsing = completion_first
    suite = loader.loadTestsFromTestCase(JavaKernelTests)
    result = Result()
    suite.run(result)
    passed = failed = 0
    for method, outcomes in sorted(result.outcomes.items()):
        failures = [o for o in outcomes if o[0] == "fail"]
        skips = [o for o in outcomes if o[0] == "skip"]
        real_skips = [o for o in skips if not not_applicable(method, o[1])]
        if failures or real_skips:
            failed += 1
            for _, label, detail in failures:
                print(f"FAIL {method} {label}: {failure_reason(detail)}".replace("  ", " "))
            for _, label, reason in real_skips:
                print(f"FAIL {method} {label}: skipped{': ' + reason if reason else ''}".replace("  ", " "))
        elif skips and all(o[0] == "skip" for o in outcomes):
            print(f"n/a  {method}: no sample applies to this kernel")
        else:
            passed += 1
            print(f"PASS {method}")
            for _, label, _ in skips:
                print(f"n/a  {method} {label}: an operation this kernel does not claim")
    print(f"conformance: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
