"""Starts ./lab the way a learner does and checks that it serves the notebooks on 127.0.0.1 with a token.

Usage: check_lab.py REPO WORKDIR [NOTEBOOK SCREENSHOT [CELL_TEXT CHART_SCREENSHOT]] ...
       check_lab.py REPO WORKDIR --lab OUT_DIR [EXECUTED_LESSON_00]
Starts `./lab --no-build --port P` in its own process group, waits for the URL with the token, lists /api/contents
and /api/kernelspecs, checks that a request without the token is refused. In the first form ./lab serves the
classic Notebook (JCN_FRONT_END=notebook): it runs each notebook given in headless Chromium through the page
(tests/browser/run-notebook.mjs) and saves a screenshot of it, and, given a piece of a code cell's text, a
screenshot of that cell's chart. Each notebook group is two or four arguments; a group of four ends with a .png
file. In the second form ./lab serves JupyterLab (it must: the check fails on the classic Notebook), which must
also answer /api/me; tests/browser/lab-session.mjs then works the lessons in it and saves OUT_DIR/lab-*.png.
Either way it checks that no notebook file was changed or added, then stops the whole group. Exits 1 naming the
first problem.
"""
import hashlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

repo, work = sys.argv[1], sys.argv[2]


def browser_runs(args):
    """Groups the arguments: NOTEBOOK SCREENSHOT, optionally followed by CELL_TEXT CHART_SCREENSHOT."""
    runs = []
    while args:
        if len(args) >= 4 and args[3].endswith(".png") and not args[2].endswith(".ipynb"):
            runs.append(args[:4])
            args = args[4:]
        else:
            runs.append(args[:2])
            args = args[2:]
    return runs


lab_mode = len(sys.argv) > 3 and sys.argv[3] == "--lab"
runs = [] if lab_mode else browser_runs(sys.argv[3:])


def notebook_digests():
    folder = os.path.join(repo, "notebooks")
    return {f: hashlib.sha256(open(os.path.join(folder, f), "rb").read()).hexdigest()
            for f in sorted(os.listdir(folder)) if f.endswith(".ipynb")}


before = notebook_digests()
with socket.socket() as s:
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]

env = dict(os.environ, JCN_DATA_DIR=os.path.join(work, "lab-data"))
if lab_mode:
    env.pop("JCN_FRONT_END", None)
else:
    env["JCN_FRONT_END"] = "notebook"
files_before = set(os.listdir(os.path.join(repo, "notebooks")))
log_path = os.path.join(work, "lab.log")
log = open(log_path, "w")
proc = subprocess.Popen([os.path.join(repo, "lab"), "--no-build", f"--port={port}"], cwd=repo, env=env,
                        stdout=log, stderr=subprocess.STDOUT, start_new_session=True)


def fail(message):
    print(f"FAIL ./lab: {message}")
    print(open(log_path).read()[-3000:])
    sys.exit(1)


try:
    token = None
    # Two minutes, or fifteen where ./lab must first build the JupyterLab front end (./test builds it beforehand).
    deadline = time.monotonic() + 900
    while time.monotonic() < deadline and token is None:
        if proc.poll() is not None:
            fail(f"exited early with code {proc.returncode}")
        match = re.search(rf"http://127\.0\.0\.1:{port}/\S*token=([0-9a-f]+)", open(log_path).read())
        token = match.group(1) if match else None
        time.sleep(0.5)
    if token is None:
        fail("printed no URL with a token within 900 s")

    base = f"http://127.0.0.1:{port}"
    try:
        urllib.request.urlopen(f"{base}/api/contents", timeout=10)
        fail("answered /api/contents without a token: token authentication is off")
    except urllib.error.HTTPError as e:
        if e.code not in (401, 403):
            fail(f"answered {e.code} to a request without token")

    contents = json.load(urllib.request.urlopen(f"{base}/api/contents?token={token}", timeout=10))
    names = {item["name"] for item in contents["content"]}
    expected = {f for f in os.listdir(os.path.join(repo, "notebooks")) if f.endswith(".ipynb")}
    if not expected or not expected <= names:
        fail(f"lists {sorted(names)}, expected the notebooks {sorted(expected)}")
    specs = json.load(urllib.request.urlopen(f"{base}/api/kernelspecs?token={token}", timeout=10))
    if "java-concurrency" not in specs["kernelspecs"]:
        fail(f"has no java-concurrency kernel, only {sorted(specs['kernelspecs'])}")
    serving = re.search(r"lab: serving (.*)", open(log_path).read())
    serving = serving.group(1) if serving else "(it did not say what)"
    print(f"PASS ./lab serves {len(expected)} notebooks and the java-concurrency kernel on {base} (token on): {serving}")
    if lab_mode:
        page = urllib.request.urlopen(f"{base}/lab?token={token}", timeout=30).read().decode()
        if "jupyter-config-data" not in page or "JupyterLab" not in serving:
            fail(f"does not serve JupyterLab: {serving}")
        me = json.load(urllib.request.urlopen(f"{base}/api/me?token={token}", timeout=10))
        if "identity" not in me:
            fail(f"answered /api/me with {me}")
        script = os.path.join(repo, "tests", "browser", "lab-session.mjs")
        result = subprocess.run(["node", script, base, token, *sys.argv[4:6]], timeout=2400)
        if result.returncode != 0:
            fail("the lessons did not work in JupyterLab (above)")
        # Jupyter server 1.23 lacks /api/me and the events socket JupyterLab 4 asks for; lab-app/jcn_lab.py answers
        # them, so the page gets no 404 for anything.
        missing = re.findall(r" 404 (?:GET|POST|PUT|PATCH|DELETE) (\S+)", open(log_path).read())
        if missing and "JupyterLab 4 front end built" in serving:
            fail(f"answered 404 to JupyterLab's requests: {sorted(set(missing))}")
    for run in runs:
        script = os.path.join(repo, "tests", "browser", "run-notebook.mjs")
        result = subprocess.run(["node", script, base, token, *run], timeout=900)
        if result.returncode != 0:
            fail(f"{run[0]} did not run cleanly in the browser")
    changed = [f for f, digest in notebook_digests().items() if before.get(f) != digest]
    if changed:
        fail(f"notebook files were changed on disk: {changed}")
    # Both front ends keep a checkpoint of every notebook they open in .ipynb_checkpoints (git ignores it); that is
    # Jupyter's own, removed below when this check made it. Anything else added is a fault.
    added = set(os.listdir(os.path.join(repo, "notebooks"))) - files_before - {".ipynb_checkpoints"}
    if added:
        fail(f"files were added to notebooks/: {sorted(added)}")
finally:
    if ".ipynb_checkpoints" not in files_before:
        shutil.rmtree(os.path.join(repo, "notebooks", ".ipynb_checkpoints"), ignore_errors=True)
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(proc.pid, sig)
            proc.wait(timeout=20)
            break
        except ProcessLookupError:
            break
        except subprocess.TimeoutExpired:
            continue
