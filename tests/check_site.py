"""Builds the lesson website with ./site from notebooks ./test has already executed, and checks it in Chromium.

Usage: check_site.py REPO EXECUTED_DIR SITE_DIR SCREENSHOT

Runs `./site --from EXECUTED_DIR --out SITE_DIR` (the command a teacher runs, minus the execution ./test has just
done), then tests/browser/check-site.mjs, telling it how many charts each lesson's executed notebook holds. The
last line is "site: N passed, M failed".
"""
import json
import os
import subprocess
import sys

repo, executed, site, screenshot = sys.argv[1:5]
lessons = sorted(f for f in os.listdir(os.path.join(repo, "notebooks")) if f.endswith(".ipynb"))
passed = failed = 0

build = subprocess.run([os.path.join(repo, "site"), "--from", executed, "--out", site], cwd=repo,
                       capture_output=True, text=True, timeout=600)
print(build.stdout.strip())
if build.returncode != 0:
    print(build.stderr[-3000:])
    print("FAIL site: ./site --from did not build the site")
    print("site: 0 passed, 1 failed")
    sys.exit(1)

expected = []
for name in lessons:
    with open(os.path.join(executed, name)) as f:
        cells = json.load(f)["cells"]
    charts = sum("image/png" in o.get("data", {}) for c in cells for o in c.get("outputs", []))
    expected.append(f"{name[:-len('.ipynb')]}.html={charts}")
check = subprocess.run(["node", os.path.join(repo, "tests", "browser", "check-site.mjs"), site, screenshot, *expected],
                       capture_output=True, text=True, timeout=600)
print(check.stdout.strip() or check.stderr[-3000:])
for line in check.stdout.splitlines():
    passed += line.startswith("PASS")
    failed += line.startswith("FAIL")
if check.returncode != 0 and failed == 0:
    failed = 1
print(f"site: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
