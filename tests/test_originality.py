"""Tests of tests/check_originality.py: it finds a run of twelve words shared with a tutorial whatever the case and
punctuation, passes text that shares eleven, and skips with one clear line where the tutorials are absent.
Run: python3 -m unittest tests/test_originality.py
"""
import json
import os
import subprocess
import sys
import tempfile
import unittest

CHECK = os.path.join(os.path.dirname(os.path.abspath(__file__)), "check_originality.py")
TUTORIAL = ("The quick brown fox jumps over the lazy dog while the event loop waits for every socket to answer, "
            "and nothing else happens.")


def run(seeds, *files):
    done = subprocess.run([sys.executable, CHECK, "--seeds", seeds, *files], capture_output=True, text=True, timeout=60)
    return done.returncode, done.stdout


class OriginalityCheckTest(unittest.TestCase):

    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.seeds = os.path.join(self.dir.name, "seeds")
        os.mkdir(self.seeds)
        with open(os.path.join(self.seeds, "tutorial.txt"), "w") as f:
            f.write(TUTORIAL)

    def tearDown(self):
        self.dir.cleanup()

    def notebook(self, markdown, code="int x = 1;"):
        path = os.path.join(self.dir.name, "lesson.ipynb")
        cells = [{"cell_type": "markdown", "metadata": {}, "source": [markdown]},
                 {"cell_type": "code", "metadata": {}, "source": [code], "outputs": [], "execution_count": None}]
        with open(path, "w") as f:
            json.dump({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 4}, f)
        return path

    def test_twelve_shared_words_fail_whatever_the_case_and_punctuation(self):
        copied = "As they say: THE quick, brown fox -- jumps over the LAZY dog; while the event loop waits!"
        status, out = run(self.seeds, self.notebook(copied))
        self.assertEqual(status, 1)
        self.assertIn("cell 1 (markdown)", out)
        self.assertIn("the quick brown fox jumps over the lazy dog while the event loop", out)
        self.assertTrue(out.strip().endswith("originality: 0 passed, 1 failed"))

    def test_a_copied_code_cell_fails_too(self):
        status, out = run(self.seeds, self.notebook("Own words.", "// " + TUTORIAL))
        self.assertEqual(status, 1)
        self.assertIn("cell 2 (code)", out)

    def test_eleven_shared_words_pass(self):
        eleven = "The quick brown fox jumps over the lazy dog while the"   # then "queue", not "event"
        status, out = run(self.seeds, self.notebook(eleven + " queue holds nothing."))
        self.assertEqual(status, 0, out)
        self.assertTrue(out.strip().endswith("originality: 1 passed, 0 failed"))

    def test_without_the_tutorials_it_skips_with_one_line_and_passes(self):
        status, out = run(os.path.join(self.dir.name, "absent"), self.notebook(TUTORIAL))
        self.assertEqual(status, 0)
        self.assertTrue(out.startswith("SKIP: no tutorials at "), out)
        self.assertIn("JCN_SEEDS", out)


if __name__ == "__main__":
    unittest.main()
