"""A JupyterHub for a class of two and their teacher, for real: Debian's jupyterhub and configurable-http-proxy on 127.0.0.1.

Usage: check_hub.py REPO WORKDIR SCREENSHOT_PREFIX

Starts the hub with the DummyAuthenticator (one shared password) and the SimpleLocalProcessSpawner, each user's
server in a home folder of its own under WORKDIR/hub, holding a copy of the lessons. The users' servers get the
Java kernel through JUPYTER_PATH (as ./test installed it) and JCN_CLASS_DIR, the class's folder. In headless
Chromium both users log in through the hub's login page at the same time, open lesson 00 in their own server and
run it (tests/browser/hub-session.mjs): each must show a chart and a table and no error. Each must have saved its
sweep into the class's folder; then a third user, the teacher, logs in and runs the class chart notebook
(workshop/class-chart.ipynb) on that folder, which must chart and list both. Last, the hub is stopped as a teacher
stops it (SIGTERM), and no process it started may be left: no single-user server, kernel, child JVM or proxy. Each check prints PASS or FAIL; the last line is
"hub: N passed, M failed".
"""
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request

from procs import alive, command_line, descendants, pss_kib

repo, work, prefix = sys.argv[1], os.path.abspath(sys.argv[2]), sys.argv[3]
hub_dir = os.path.join(work, "hub")
class_dir = os.path.join(hub_dir, "class")
users = ["ada", "grace"]
teacher = "teacher"
password = "workshop"
results = []


def check(ok, message):
    results.append(bool(ok))
    print(("PASS" if ok else "FAIL") + " hub: " + message, flush=True)
    return ok


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def write_config(port, api_port, hub_port):
    os.makedirs(class_dir, exist_ok=True)
    # The class's folder is shared: every learner writes a file of their own into it.
    os.chmod(class_dir, 0o1777)
    for user in users:
        home = os.path.join(hub_dir, "home", user)
        os.makedirs(home, exist_ok=True)
        for name in os.listdir(os.path.join(repo, "notebooks")):
            if name.endswith(".ipynb"):
                shutil.copy(os.path.join(repo, "notebooks", name), home)
    home = os.path.join(hub_dir, "home", teacher)
    os.makedirs(home, exist_ok=True)
    shutil.copy(os.path.join(repo, "workshop", "class-chart.ipynb"), home)
    config = f"""
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = {port}
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {hub_port}
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{api_port}"
c.ConfigurableHTTPProxy.command = [{shutil.which("configurable-http-proxy")!r}]
c.JupyterHub.db_url = "sqlite:///" + {os.path.join(hub_dir, "hub.sqlite")!r}
c.JupyterHub.cookie_secret_file = {os.path.join(hub_dir, "cookie_secret")!r}
c.ConfigurableHTTPProxy.pid_file = {os.path.join(hub_dir, "proxy.pid")!r}
c.JupyterHub.authenticator_class = "jupyterhub.auth.DummyAuthenticator"
c.DummyAuthenticator.password = {password!r}
c.Authenticator.allowed_users = {set(users + [teacher])!r}
c.JupyterHub.spawner_class = "jupyterhub.spawner.SimpleLocalProcessSpawner"
c.SimpleLocalProcessSpawner.home_dir_template = {os.path.join(hub_dir, "home", "{username}")!r}
c.Spawner.cmd = [{shutil.which("jupyterhub-singleuser") or "jupyterhub-singleuser"!r}]
c.Spawner.args = ["--allow-root"] if {os.geteuid() == 0} else []
c.Spawner.default_url = "/tree"
c.Spawner.http_timeout = 120
c.Spawner.start_timeout = 120
c.Spawner.env_keep = ["PATH", "LANG", "LC_ALL", "JAVA_HOME", "JUPYTER_PATH", "JCN_QUICK"]
c.Spawner.environment = {{
    "JCN_CLASS_DIR": {class_dir!r},
    "JUPYTERHUB_SINGLEUSER_APP": "notebook.notebookapp.NotebookApp",
}}
"""
    path = os.path.join(hub_dir, "jupyterhub_config.py")
    with open(path, "w") as f:
        f.write(config)
    return path


def wait_for_hub(url, proc, log_path, seconds=90):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return False
        try:
            return "version" in json.load(urllib.request.urlopen(url + "/hub/api", timeout=5))
        except OSError:
            time.sleep(0.5)
    return False


def main():
    os.makedirs(hub_dir, exist_ok=True)
    port, api_port, hub_port = free_port(), free_port(), free_port()
    config = write_config(port, api_port, hub_port)
    log_path = os.path.join(hub_dir, "hub.log")
    log = open(log_path, "w")
    # Debian's configurable-http-proxy finds its modules in /usr/share/nodejs, where Debian's own Node.js looks by
    # itself; a Node.js from elsewhere (NodeSource's, say) needs to be told.
    env = dict(os.environ, NODE_PATH=os.pathsep.join(filter(None, [os.environ.get("NODE_PATH"), "/usr/share/nodejs"])))
    hub = subprocess.Popen([shutil.which("jupyterhub"), "-f", config], cwd=hub_dir, stdout=log, env=env,
                           stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    started = []
    try:
        if not check(wait_for_hub(url, hub, log_path), f"the hub answers on {url}"):
            print(open(log_path).read()[-4000:])
            return
        session = subprocess.run(["node", os.path.join(repo, "tests", "browser", "hub-session.mjs"), url, password,
                                  "00-check-your-setup.ipynb", prefix, *users], timeout=900)
        results.append(session.returncode == 0)
        if session.returncode != 0:
            print(open(log_path).read()[-4000:])
        saved = sorted(os.listdir(class_dir))
        check(saved == [f"{u}.csv" for u in users], f"each user's lesson 00 saved its sweep for the class ({saved})")
        # The teacher logs in too and runs the class chart on the folder both learners wrote to.
        session = subprocess.run(["node", os.path.join(repo, "tests", "browser", "hub-session.mjs"), url, password,
                                  "class-chart.ipynb", prefix, f"--expect=2 machines,{','.join(users)}", teacher],
                                 timeout=900)
        results.append(session.returncode == 0)
        started = descendants(hub.pid)
        kinds = {"single-user servers": "jupyterhub-singleuser", "kernels": "org.jcn.kernel",
                 "proxy": "configurable-http-proxy"}
        running = {k: [p for p in started if needle in (command_line(p) or "")] for k, needle in kinds.items()}
        running["hub"] = [hub.pid]
        check(len(running["single-user servers"]) == 3 and len(running["kernels"]) == 3 and running["proxy"],
              "while it runs: " + ", ".join(f"{len(v)} {k}" for k, v in running.items())
              + " (memory as PSS, MiB: "
              + ", ".join(f"{k} {sum(map(pss_kib, v)) / 1024:.0f}" for k, v in running.items())
              + ")")
    finally:
        started = started or descendants(hub.pid)
        hub.send_signal(signal.SIGTERM)
        try:
            hub.wait(timeout=60)
        except subprocess.TimeoutExpired:
            pass
        time.sleep(1)
        left = [p for p in started + [hub.pid] if alive(p)]
        check(not left, "stopped with SIGTERM, it leaves no server, kernel, child JVM or proxy running"
              + "".join(f"\n    left: {p} {command_line(p)[:150]}" for p in left))
        for pid in left:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        log.close()


main()
print(f"hub: {sum(results)} passed, {len(results) - sum(results)} failed")
sys.exit(0 if all(results) else 1)
