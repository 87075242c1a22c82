"""A real JupyterHub on 127.0.0.1 for tests/check_hub.py and tests/hub_bench.py's route through the hub: writes its
configuration, starts it, waits until it answers and stops it leaving nothing behind.

Usage (as root, from another test):
    hub = hub_config.start(hub_dir, users, groups, class_dir, password="...", api_token=None, environment={})
    hub_config.wait_for_hub(hub.url, hub)   # True once the hub's REST API answers
    ...
    left = hub_config.stop(hub)             # processes it started that are still running
    hub_config.kill(left)

The hub is Debian's jupyterhub with its configurable-http-proxy; it logs users in with the DummyAuthenticator (one
shared password; the hub's names are the Unix names) and starts each user's single-user server (the classic
Notebook) as that Unix user with LocalProcessSpawner, inside that user's control groups when there are some
(tests/hub_limits.py: the pid of the server goes into them before it becomes the user, so all it starts stays
there). With api_token, a service of that token gets the hub's admin role, so that a program can start servers and
make tokens for users through the hub's REST API.
"""
import json
import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.request

from procs import alive, descendants

SERVICE = "jcn-bench"   # the service that holds api_token


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def write_config(hub_dir, port, api_port, hub_port, users, groups, class_dir, password, api_token=None,
                 environment=None, timeout=120):
    """Writes hub_dir/jupyterhub_config.py and returns its path. users: the hub's users (Unix users); groups:
    {user: [cgroup.procs files]} or None; environment: more variables for every single-user server; timeout: seconds
    a server may take to start and to answer."""
    service = "" if api_token is None else f"""
# A program's token with the hub's admin role: it starts servers and makes tokens for users through the REST API.
c.JupyterHub.services = [{{"name": {SERVICE!r}, "api_token": {api_token!r}}}]
c.JupyterHub.load_roles = [{{"name": "admin", "services": [{SERVICE!r}]}}]
"""
    config = f"""
import os

c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = {port}
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {hub_port}
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{api_port}"
c.ConfigurableHTTPProxy.command = [{shutil.which("configurable-http-proxy")!r}]
c.JupyterHub.db_url = "sqlite:///" + {os.path.join(hub_dir, "hub.sqlite")!r}
c.JupyterHub.cookie_secret_file = {os.path.join(hub_dir, "cookie_secret")!r}
c.ConfigurableHTTPProxy.pid_file = {os.path.join(hub_dir, "proxy.pid")!r}
# The hub's user names are the Unix users' names; LocalProcessSpawner starts each server as that Unix user.
c.JupyterHub.authenticator_class = "jupyterhub.auth.DummyAuthenticator"
c.DummyAuthenticator.password = {password!r}
c.Authenticator.allowed_users = {set(users)!r}
{service}from jupyterhub.spawner import LocalProcessSpawner

GROUPS = {groups!r}  # each learner's control groups (memory and CPU limits): the server and all it starts


class LimitedSpawner(LocalProcessSpawner):
    # Starts each server as its Unix user, inside that learner's control groups when there are some.

    def make_preexec_fn(self, name):
        as_user = super().make_preexec_fn(name)

        def preexec():
            for tasks in (GROUPS or {{}}).get(name, []):
                with open(tasks, "w") as f:
                    f.write(str(os.getpid()))
            as_user()
        return preexec


c.JupyterHub.spawner_class = LimitedSpawner
c.Spawner.cmd = [{shutil.which("jupyterhub-singleuser") or "jupyterhub-singleuser"!r}]
c.Spawner.default_url = "/tree"
c.Spawner.http_timeout = {timeout}
c.Spawner.start_timeout = {timeout}
c.Spawner.env_keep = ["PATH", "LANG", "LC_ALL", "JAVA_HOME", "JUPYTER_PATH", "JCN_QUICK"]
c.Spawner.environment = {dict({"JCN_CLASS_DIR": class_dir,
                               "JUPYTERHUB_SINGLEUSER_APP": "notebook.notebookapp.NotebookApp"},
                              **(environment or {}))!r}
"""
    path = os.path.join(hub_dir, "jupyterhub_config.py")
    with open(path, "w") as f:
        f.write(config)
    return path


def start(hub_dir, users, groups, class_dir, password, api_token=None, environment=None, timeout=120, env=None):
    """Writes the configuration and starts the hub in a session of its own, its log in hub_dir/hub.log; returns the
    process with .url (the proxy's address, where users and programs reach the hub) and .log (the open log file).
    env: the hub's environment (default: this process's)."""
    port, api_port, hub_port = free_port(), free_port(), free_port()
    config = write_config(hub_dir, port, api_port, hub_port, users, groups, class_dir, password, api_token,
                          environment, timeout)
    log = open(os.path.join(hub_dir, "hub.log"), "w")
    # Debian's configurable-http-proxy finds its modules in /usr/share/nodejs, where Debian's own Node.js looks by
    # itself; a Node.js from elsewhere (NodeSource's, say) needs to be told.
    env = dict(os.environ if env is None else env)
    env["NODE_PATH"] = os.pathsep.join(filter(None, [env.get("NODE_PATH"), "/usr/share/nodejs"]))
    hub = subprocess.Popen([shutil.which("jupyterhub"), "-f", config], cwd=hub_dir, stdout=log, env=env,
                           stderr=subprocess.STDOUT, start_new_session=True)
    hub.url = f"http://127.0.0.1:{port}"
    hub.log = log
    return hub


def wait_for_hub(url, proc, seconds=90):
    """True once the hub's REST API answers through the proxy; False if the hub ended or did not answer in time."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return False
        try:
            return "version" in json.load(urllib.request.urlopen(url + "/hub/api", timeout=5))
        except OSError:
            time.sleep(0.5)
    return False


def stop(hub, started=None, seconds=60):
    """Stops the hub as a teacher does (SIGTERM: it stops the servers it started and its proxy) and waits up to
    `seconds` for it. started: the processes it had started (default: its descendants now). Returns those of them,
    and the hub, still running a second later (a zombie has ended and does not count)."""
    started = descendants(hub.pid) if started is None else started
    if hub.poll() is None:
        hub.send_signal(signal.SIGTERM)
    try:
        hub.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        pass
    time.sleep(1)
    return [p for p in started + [hub.pid] if alive(p)]


def kill(pids):
    """SIGKILL to each process still there."""
    for pid in pids:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
