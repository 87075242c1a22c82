"""Tests of single lesson cells, read from the notebooks: cells run again, and cells whose text depends on what
was measured, fed chosen measurements through jshell.

A lesson run shows only the branch that the machine's numbers pick; these tests run the other branches too. The
cell's own source is read from the notebook, so a test fails when the lesson's sentence breaks. Needs a JDK:
$JAVA_HOME (./test sets it), else the one kernel/find-java.sh finds. Run: python3 -m unittest tests/test_lesson_cells.py
"""
import json
import os
import re
import subprocess
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LESSONS = os.path.join(ROOT, "notebooks")
LESSON_03 = os.path.join(LESSONS, "03-choosing-threads-or-processes.ipynb")


def java_home():
    home = os.environ.get("JAVA_HOME")
    if home and os.path.exists(os.path.join(home, "bin", "jshell")):
        return home
    script = f'. "{ROOT}/kernel/find-java.sh"; jcn_find_java >/dev/null && echo "$JCN_JAVA_HOME"'
    return subprocess.run(["/bin/bash", "-c", script], capture_output=True, text=True, timeout=60).stdout.strip()


def code_cells(notebook):
    with open(notebook) as f:
        return ["".join(c["source"]) for c in json.load(f)["cells"] if c["cell_type"] == "code"]


def cell_containing(notebook, text):
    found = [s for s in code_cells(notebook) if text in s]
    if len(found) != 1:
        raise AssertionError(f"{len(found)} code cells of {notebook} contain {text!r}")
    return found[0]


def value_of(setup, cell):
    """Runs setup and then the cell in jshell; returns the value of the cell's last expression, as jshell shows it."""
    script = "import java.util.*;\nimport java.util.stream.*;\n" + setup + "\n" + cell + "\n/exit\n"
    jshell = os.path.join(java_home(), "bin", "jshell")
    out = subprocess.run([jshell, "--feedback", "verbose", "--execution", "local", "-R-Djava.awt.headless=true"],
                         input=script, capture_output=True, text=True, timeout=120).stdout
    values = re.findall(r'\$\d+ ==> "(.*)"', out)
    if not values:
        raise AssertionError("the cell gave no value; jshell said:\n" + out[-2000:])
    return values[-1]


class CrossoverSentenceTest(unittest.TestCase):
    """Lesson 03, section 5: the sentence after the crossover chart."""

    CELL = cell_containing(LESSON_03, "firstWin")
    SIZES = "int cores = 2;\nlong[] taskSizes = {1_000, 1_000_000, 100_000_000};\ndouble[] size = {1e3, 1e6, 1e8};\n"

    def test_a_size_at_which_the_pool_wins_is_named(self):
        sentence = value_of(self.SIZES + "double[] alone = {1, 20, 2000}, inThreads = {2, 12, 1000},"
                                         " inProcesses = {9, 15, 1010};", self.CELL)
        self.assertIn("first beats sequential work (by more than 10%) at 1,000,000 additions per task", sentence)
        self.assertIn("sequential 2000 ms, threads 1000 ms, processes 1010 ms", sentence)

    def test_no_winning_size_still_reads_as_a_sentence(self):
        sentence = value_of(self.SIZES + "double[] alone = {1, 20, 2000}, inThreads = {2, 12, 1000},"
                                         " inProcesses = {9, 25, 2100};", self.CELL)
        self.assertIn("none of the sizes measured", sentence)
        self.assertNotIn("measured additions", sentence)
        self.assertNotIn("first beats", sentence)
        self.assertIn("sequential 2000 ms, threads 1000 ms, processes 2100 ms", sentence)


class SetupCellTest(unittest.TestCase):
    """A setup cell run twice must not leave two servers listening: lessons start theirs under a name."""

    def test_every_lesson_server_is_started_under_a_name(self):
        starts = []
        for name in sorted(os.listdir(LESSONS)):
            if name.endswith(".ipynb"):
                for cell in code_cells(os.path.join(LESSONS, name)):
                    starts += [(name, call) for call in re.findall(r"LatencyServer\.start\(([^,]*),", cell)]
        self.assertTrue(starts, "no lesson starts a LatencyServer")
        for name, first_argument in starts:
            self.assertTrue(first_argument.strip().startswith('"'),
                            f"{name} starts a LatencyServer without a name: LatencyServer.start({first_argument}, ...")


if __name__ == "__main__":
    unittest.main()
