"""Runs the Python unit tests under tests/ (the scripts' tests); the last line is "scripts: N passed, N failed"."""
import os
import sys
import unittest

here = os.path.dirname(os.path.abspath(__file__))
result = unittest.TextTestRunner(verbosity=2).run(unittest.defaultTestLoader.discover(here, pattern="test_*.py"))
bad = len(result.failures) + len(result.errors)
print(f"scripts: {result.testsRun - bad - len(result.skipped)} passed, {bad} failed")
sys.exit(1 if bad else 0)
