"""Adds up Surefire's XML reports in the folders given (one per Maven module): prints "N passed, N failed" (errors
count as failed, skipped are left out)."""
import glob
import os
import sys
import xml.etree.ElementTree as ET

passed = failed = 0
for path in [p for folder in sys.argv[1:] for p in glob.glob(os.path.join(folder, "TEST-*.xml"))]:
    suite = ET.parse(path).getroot()
    tests, skipped = int(suite.get("tests", 0)), int(suite.get("skipped", 0))
    bad = int(suite.get("failures", 0)) + int(suite.get("errors", 0))
    failed += bad
    passed += tests - skipped - bad
print(f"{passed} passed, {failed} failed")
