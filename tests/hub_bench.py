"""A class on one server, measured: 8 learners, each a Unix user of their own inside the per-learner limits
workshop/teachers-guide.md recommends, run lesson 00 at once in the Java kernel; then each one's trivial cell
("6*7") is timed next to an IPython kernel of the same learner doing the same, all 16 kernels at once.

Usage (as root; ./bench HubBenchmark [ARGS] runs it after installing the kernel into a throwaway JUPYTER_PATH):
    hub_bench.py [--direct] [--learners 8] [--warm-up 10] [--cells 30] [--pause 0.2]

Each learner is a Unix user (made here with useradd and a marker comment, deleted at the end) with control groups of
their own (tests/hub_limits.py, cgroup v1): memory limit 1 GiB, CPU limit 2 (cpu.cfs_quota_us 200 ms per 100 ms
period) and a guarantee of 0.5 CPU as cpu.shares 512 (a relative weight, half the default 1024; cgroup v1 has no
guarantee as such).

Through the hub (the default): a real JupyterHub on 127.0.0.1 (tests/hub_config.py: Debian's jupyterhub and
configurable-http-proxy, LocalProcessSpawner) with a service token of the admin role. Through the hub's REST API
the benchmark starts each learner's single-user server (the classic Notebook, as that Unix user, inside that
learner's control groups) and makes a token for each learner; with the learner's token it creates the learner's two
kernels through the proxy (POST /user/NAME/api/kernels) and drives each over the server's kernel WebSocket
(/user/NAME/api/kernels/ID/channels, Jupyter messages as JSON), as a browser tab does: the proxy, the single-user
server and its WebSocket are in every round trip.
With --direct: the kernels are started directly (jupyter_client), each as its learner's Unix user inside the same
control groups, and driven over their ZeroMQ sockets; no hub, server or proxy in the path.

Phases, all learners at once: start both kernels of every learner; run lesson 00's code cells in order in the Java
kernel (quick mode, JCN_QUICK=1; stopping at the first error as Run All does); once every learner is done, each of
the 16 kernels runs --warm-up then --cells trivial cells, one after another with --pause seconds between them (a
learner does not type that fast; it keeps the test from being a mere saturation test). A round trip is from the
execute request sent to the kernel's idle status (same parent) received, after the reply. Each kernel's client is a
process of its own (16 processes, mostly waiting on their sockets).
Prints one markdown table whose caption names the route; everything made (hub, servers, kernels, users, groups,
folders) is removed at the end, also on error, SIGINT or SIGTERM.
"""
import argparse
import json
import os
import pwd
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid

import hub_config
import hub_limits
import unix_users
from capacity_bench import lessons
from kernel_bench import JAVA, PYTHON, wait_reply
from procs import command_line, descendants

MARK = "jcn hub bench"   # the users' comment: only users this benchmark made are ever deleted
CPU_QUOTA_US = 200_000   # limit 2 CPUs
CPU_SHARES = 512         # guarantee 0.5 CPU
TOKEN_VARIABLE = "JCN_BENCH_TOKEN"   # how a client process gets its learner's token (not on its command line)
KERNEL_MARKS = {JAVA: "org.jcn.kernel", PYTHON: "ipykernel"}   # in each kernel's command line


def make_user(user, home_root):
    unix_users.make_user(user, os.path.join(home_root, user), MARK)


def delete_user(user):
    unix_users.delete_user(user, MARK)


def readable_by_all(path):
    """The kernel's folder (JUPYTER_PATH, a private mktemp folder) must be readable by the learners."""
    subprocess.run(["chmod", "-R", "a+rX", path], check=True)
    path = os.path.abspath(path)
    while path != "/":
        os.chmod(path, os.stat(path).st_mode & 0o7777 | 0o001)
        path = os.path.dirname(path)


def set_cpu(groups, user):
    cpu = os.path.dirname(groups[user][1])   # hub_limits.make_groups: [memory, cpu]
    hub_limits._write(os.path.join(cpu, "cpu.cfs_quota_us"), CPU_QUOTA_US)
    hub_limits._write(os.path.join(cpu, "cpu.shares"), CPU_SHARES)


class Kernel:
    """A kernel started as a learner's Unix user, inside that learner's control groups, with a client (--direct)."""

    def __init__(self, name, user, groups, work, env):
        from jupyter_client import BlockingKernelClient
        from jupyter_client.connect import write_connection_file
        from jupyter_client.kernelspec import KernelSpecManager
        entry = pwd.getpwnam(user)
        self.name, self.user = name, user
        self.connection, _ = write_connection_file(os.path.join(work, f"{user}-{name}.json"), ip="127.0.0.1")
        self.target = self.connection   # what its client process is given
        os.chown(self.connection, entry.pw_uid, entry.pw_gid)
        spec = KernelSpecManager().get_kernel_spec(name)
        argv = [a.replace("{connection_file}", self.connection) for a in spec.argv]

        def preexec():
            for procs in groups[user]:
                with open(procs, "w") as f:
                    f.write(str(os.getpid()))
            os.setgroups([])
            os.setgid(entry.pw_gid)
            os.setuid(entry.pw_uid)

        self.log = open(os.path.join(work, f"{user}-{name}.log"), "w")
        self.process = subprocess.Popen(argv, cwd=entry.pw_dir, stdin=subprocess.DEVNULL, stdout=self.log,
                                        stderr=subprocess.STDOUT, start_new_session=True, preexec_fn=preexec,
                                        env=dict(env, HOME=entry.pw_dir, USER=user, JUPYTERHUB_USER=user))
        self.pid = self.process.pid
        self.client = BlockingKernelClient(connection_file=self.connection)
        self.client.load_connection_file()
        self.client.start_channels()

    def wait_for_ready(self, timeout):
        """Until the kernel answers kernel_info (a client without a manager cannot use jupyter_client's own wait:
        it takes a heartbeat not yet beating for a dead kernel)."""
        msg_id = self.client.kernel_info()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.user}'s {self.name} kernel ended before answering")
            try:
                if self.client.get_shell_msg(timeout=1)["parent_header"].get("msg_id") == msg_id:
                    return
            except Exception:   # queue.Empty: not yet
                pass
        raise RuntimeError(f"{self.user}'s {self.name} kernel did not answer within {timeout} s")

    def stop(self):
        self.client.stop_channels()
        for sig in (signal.SIGTERM, signal.SIGKILL):
            try:
                os.killpg(self.process.pid, sig)
            except ProcessLookupError:
                break
            try:
                self.process.wait(timeout=5)
                break
            except subprocess.TimeoutExpired:
                pass
        self.log.close()


class WebSocketKernel:
    """A client of a kernel of a single-user server, over the server's kernel WebSocket through the hub's proxy, as
    a notebook in a browser tab talks to its kernel: Jupyter messages as JSON text frames, each with its channel."""

    def __init__(self, url, token, timeout=60):
        import websocket   # Debian's python3-websocket (websocket-client)
        self.session = uuid.uuid4().hex
        self.ws = websocket.create_connection(f"{url}?session_id={self.session}", timeout=timeout,
                                              header=[f"Authorization: token {token}"])

    def send(self, msg_type, content, channel="shell"):
        msg_id = uuid.uuid4().hex
        self.ws.send(json.dumps({
            "header": {"msg_id": msg_id, "msg_type": msg_type, "username": "", "session": self.session,
                       "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "version": "5.3"},
            "parent_header": {}, "metadata": {}, "content": content, "channel": channel, "buffers": []}))
        return msg_id

    def execute(self, code):
        return self.send("execute_request", {"code": code, "silent": False, "store_history": True,
                                             "user_expressions": {}, "allow_stdin": False, "stop_on_error": True})

    def wait(self, msg_id, timeout, idle=True):
        """The shell reply to msg_id, after the kernel's idle status of the same parent (idle=True), with the
        text/plain result or the error's value: (reply content, text)."""
        deadline = time.monotonic() + timeout
        reply, text, done = None, "", not idle
        while reply is None or not done:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"no reply to {msg_id} within {timeout} s")
            self.ws.settimeout(left)
            frame = self.ws.recv()
            if not isinstance(frame, str):   # a binary frame: a message with buffers (a widget's); not ours
                continue
            msg = json.loads(frame)
            if msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind = msg["header"]["msg_type"]
            if msg["channel"] == "shell" and kind.endswith("_reply"):
                reply = msg["content"]
                text = text or reply.get("evalue", "")
            elif kind == "execute_result":
                text = msg["content"]["data"].get("text/plain", "")
            elif kind == "status" and msg["content"]["execution_state"] == "idle":
                done = True
        return reply, text

    def run(self, code, timeout):
        reply, text = self.wait(self.execute(code), timeout)
        return reply["status"], text

    def close(self):
        self.ws.close()


def client_main(args):
    """One kernel's client, in a process of its own (jupyter_client's blocking client does not serve several threads
    well): runs the lesson's code cells in order if one is given, stopping at the first error as Run All does;
    prints a JSON line, waits for a line on stdin (every learner is done), then times the trivial cells and prints
    a second JSON line. --client is a connection file (--direct) or a kernel's WebSocket address."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)   # Ctrl-C is the benchmark's to handle: it ends the clients
    if args.client.startswith("ws://"):
        kernel = WebSocketKernel(args.client, os.environ[TOKEN_VARIABLE])

        def run(code, timeout):
            return kernel.run(code, timeout)
        trivial = run
        close = kernel.close
    else:
        from jupyter_client import BlockingKernelClient
        client = BlockingKernelClient(connection_file=args.client)
        client.load_connection_file()
        client.start_channels()

        def run(code, timeout):
            return hub_limits.run(client, code, timeout=timeout)[1:]

        def trivial(code, timeout):
            content = wait_reply(client, client.execute(code), timeout=timeout)["content"]
            return content["status"], content.get("evalue", "")
        close = client.stop_channels
    out = {}
    began = time.monotonic()
    if args.lesson:
        cells = [c for c in json.load(open(args.lesson))["cells"] if c["cell_type"] == "code"]
        for i, cell in enumerate(cells):
            status, result = run("".join(cell["source"]), 1800)
            if status != "ok":
                out["error"] = f"cell {i + 1}: {result[:200]}"
                break
    out["lesson_s"] = time.monotonic() - began
    print(json.dumps(out), flush=True)
    if not sys.stdin.readline():   # the benchmark ended (or died) before the timing: nothing to time
        return
    times = []
    for i in range(args.warm_up + args.cells):
        t = time.monotonic()
        status, result = trivial("6*7", 300)
        if i >= args.warm_up:
            times.append(time.monotonic() - t)
        if status != "ok":
            print(json.dumps({"error": f"6*7: {result}"}), flush=True)
            return
        time.sleep(args.pause)
    print(json.dumps({"times": times}), flush=True)
    close()


def clients(kernels, lesson_path, args, env=None):
    """Starts a client process per kernel (the Java ones run the lesson), waits until every one is done, starts
    their trivial cells at once; returns ({(kernel, user): lesson result}, {(kernel, user): times result}, load
    averages sampled meanwhile). env: {user: variables for that learner's clients}."""
    procs = {}
    for k in kernels:
        command = [sys.executable, os.path.abspath(__file__), "--client", k.target, "--warm-up",
                   str(args.warm_up), "--cells", str(args.cells), "--pause", str(args.pause)]
        if k.name == JAVA:
            command += ["--lesson", lesson_path]
        procs[(k.name, k.user)] = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                                   text=True, env=dict(os.environ, **(env or {}).get(k.user, {})))
    try:
        lesson_out = {key: json.loads(p.stdout.readline() or '{"error": "no answer"}') for key, p in procs.items()}
        failed = {key: o["error"] for key, o in lesson_out.items() if "error" in o}
        if failed:
            raise SystemExit(f"hub_bench: lesson 00 failed: {failed}")
        print(f"hub_bench: lesson 00 done; {args.warm_up}+{args.cells} trivial cells in {len(kernels)} kernels at "
              "once", flush=True)
        for p in procs.values():
            p.stdin.write("go\n")
            p.stdin.flush()
        load = []
        while any(p.poll() is None for p in procs.values()):
            load.append(float(open("/proc/loadavg").read().split()[0]))
            time.sleep(1)
        out = {key: json.loads(p.stdout.readline() or '{"error": "no answer"}') for key, p in procs.items()}
        return lesson_out, out, load
    finally:
        for p in procs.values():
            if p.poll() is None:
                p.kill()
            p.wait()


class Hub:
    """The learners' JupyterHub (tests/hub_config.py), its REST API called with a service token of the admin role."""

    def __init__(self, work, users, groups, class_dir, spec_dir):
        self.dir = os.path.join(work, "hub")
        os.mkdir(self.dir, 0o700)
        self.users = users
        self.token = secrets.token_hex(32)
        # The servers get PATH, JUPYTER_PATH, JAVA_HOME and JCN_QUICK from the hub's environment (env_keep), as
        # --direct gives them to its kernels.
        env = {"PATH": "/usr/bin:/bin", "LANG": os.environ.get("LANG", "C.UTF-8"),
               "HOME": os.environ.get("HOME", "/root"),
               "JUPYTER_PATH": spec_dir, "JCN_QUICK": "1"}
        if "JAVA_HOME" in os.environ:
            env["JAVA_HOME"] = os.environ["JAVA_HOME"]
        self.process = hub_config.start(self.dir, users, groups, class_dir, password=secrets.token_hex(16),
                                        api_token=self.token, environment={"PYDEVD_DISABLE_FILE_VALIDATION": "1"},
                                        timeout=600, env=env)
        self.url = self.process.url
        self.user_tokens = {}

    def log_tail(self):
        self.process.log.flush()
        with open(self.process.log.name, errors="replace") as f:
            return f.read()[-3000:]

    def api(self, method, path, body=None, token=None, expect=(200, 201, 202)):
        """A call to the hub's REST API (/hub/api/...) or to a learner's server (/user/NAME/api/...) through the
        proxy; returns the JSON answer (None when empty)."""
        request = urllib.request.Request(self.url + path, method=method,
                                         data=None if body is None else json.dumps(body).encode(),
                                         headers={"Authorization": f"token {token or self.token}",
                                                  "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=120) as answer:
                status, text = answer.status, answer.read().decode()
        except urllib.error.HTTPError as e:
            status, text = e.code, e.read().decode(errors="replace")
        if status not in expect:
            raise RuntimeError(f"{method} {path}: HTTP {status}: {text[:300]}")
        return json.loads(text) if text.strip() else None

    def start_servers(self, timeout=600):
        """Starts every learner's single-user server through the hub, all at once, and waits until each is ready;
        then makes a token for each learner."""
        for u in self.users:
            self.api("POST", f"/hub/api/users/{u}/server")
        deadline = time.monotonic() + timeout
        waiting = set(self.users)
        while waiting:
            for u in sorted(waiting):
                server = (self.api("GET", f"/hub/api/users/{u}").get("servers") or {}).get("")
                if server and server.get("ready"):
                    waiting.discard(u)
                elif not server:
                    raise RuntimeError(f"{u}'s server did not start; the hub's log ends:\n{self.log_tail()}")
            if waiting and time.monotonic() > deadline:
                raise RuntimeError(f"servers of {sorted(waiting)} not ready within {timeout} s; the hub's log ends:\n"
                                   f"{self.log_tail()}")
            time.sleep(1)
        for u in self.users:
            self.user_tokens[u] = self.api("POST", f"/hub/api/users/{u}/tokens",
                                           {"note": MARK, "expires_in": 24 * 3600})["token"]

    def kernel(self, name, user):
        """Creates a kernel in the learner's server with the learner's token; returns it as its client process
        needs it (.target: its WebSocket address)."""
        kernel_id = self.api("POST", f"/user/{user}/api/kernels", {"name": name}, token=self.user_tokens[user])["id"]
        found = type("HubKernel", (), {})()
        found.name, found.user, found.id = name, user, kernel_id
        found.target = f"ws://{self.url[len('http://'):]}/user/{user}/api/kernels/{kernel_id}/channels"
        return found

    def wait_for_ready(self, kernel, timeout):
        """Until the kernel answers kernel_info over its WebSocket."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                ws = WebSocketKernel(kernel.target, self.user_tokens[kernel.user], timeout=timeout)
                try:
                    ws.wait(ws.send("kernel_info_request", {}), max(1, deadline - time.monotonic()), idle=False)
                    return
                finally:
                    ws.close()
            except Exception as e:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"{kernel.user}'s {kernel.name} kernel did not answer within {timeout} s "
                                       f"({e}); the hub's log ends:\n{self.log_tail()}")
                time.sleep(1)

    def kernel_pids(self):
        """{(kernel name, user): pid} of the kernels running under the hub (one per name and user expected)."""
        found = {}
        for pid in descendants(self.process.pid):
            line = command_line(pid) or ""
            for name, mark in KERNEL_MARKS.items():
                if mark in line:
                    try:
                        user = pwd.getpwuid(os.stat(f"/proc/{pid}").st_uid).pw_name
                    except (OSError, KeyError):
                        continue
                    found.setdefault((name, user), []).append(pid)
        return found

    def stop(self):
        """Stops the hub (its servers and kernels, its proxy); returns what was still running, then killed."""
        left = hub_config.stop(self.process)
        descriptions = [f"{p} {(command_line(p) or '')[:150]}" for p in left]
        hub_config.kill(left)
        self.process.log.close()
        return descriptions


def p95(values):
    values = sorted(values)
    return values[min(len(values) - 1, round(0.95 * (len(values) - 1)))]


def ms(value):
    return f"{value * 1000:.0f}" if value >= 0.01 else f"{value * 1000:.1f}"


def table(users, java, python, lesson_out, load, load_before, args):
    rows = ["| learner | lesson 00 (s) | Java median (ms) | Java p95 (ms) | IPython median (ms) | IPython p95 (ms) "
            "| ratio of medians |", "|---|---|---|---|---|---|---|"]
    for u in users:
        j, p = java[u]["times"], python[u]["times"]
        rows.append(f"| {u} | {lesson_out[u]['lesson_s']:.0f} | {ms(statistics.median(j))} | {ms(p95(j))} "
                    f"| {ms(statistics.median(p))} | {ms(p95(p))} "
                    f"| {statistics.median(j) / statistics.median(p):.1f}x |")
    j = [t for u in users for t in java[u]["times"]]
    p = [t for u in users for t in python[u]["times"]]
    rows.append(f"| **all {len(users)}** | {statistics.median(lesson_out[u]['lesson_s'] for u in users):.0f} (median) "
                f"| **{ms(statistics.median(j))}** | **{ms(p95(j))}** | **{ms(statistics.median(p))}** "
                f"| **{ms(p95(p))}** | **{statistics.median(j) / statistics.median(p):.1f}x** |")
    if args.direct:
        route = ("Route: direct (--direct). Kernels started directly as the learners' users, without the hub: the "
                 "hub's single-user servers and proxy are not in the path.")
    else:
        route = ("Route: through the hub. JupyterHub started each learner's single-user server (classic Notebook, "
                 "LocalProcessSpawner) in that learner's groups; kernels created through the proxy with the learner's "
                 "token (POST /user/NAME/api/kernels) and driven over the server's kernel WebSocket, so the proxy "
                 "and the server are in every round trip.")
    caption = (f"{route}\n\n{time.strftime('%Y-%m-%d', time.gmtime())}, {os.cpu_count()} cores, load average "
               f"(1 min) during the timing {min(load):.1f}-{max(load):.1f} ({load_before:.1f} before the start). "
               f"{len(users)} learners, each a Unix user of their own in control groups (cgroup v1) of 1 GiB memory, "
               f"CPU limit 2 (cfs quota), guarantee 0.5 (cpu.shares {CPU_SHARES}), ran lesson 00 (quick mode) at once "
               f"in the Java kernel; then each learner's Java kernel and an IPython kernel (Debian's ipykernel) of the "
               f"same learner, {2 * len(users)} kernels at once, ran {args.cells} trivial cells (6*7) after "
               f"{args.warm_up} warm-up ones, {args.pause} s apart; round trip = execute request sent to idle (same "
               f"parent) received.")
    return caption + "\n\n" + "\n".join(rows)


def ignore_signals():
    """From here on SIGTERM and SIGINT do nothing (a handler that does nothing, rather than SIG_IGN: a signal already
    on its way then finds a handler, not a warning about a race)."""
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: None)


def on_signal(signum, _frame):
    """SIGTERM or SIGINT: ends the run through its cleanup, which no second signal interrupts (./bench forwards a
    Ctrl-C as SIGTERM, so both may come)."""
    ignore_signals()
    raise SystemExit(f"hub_bench: {signal.Signals(signum).name}; cleaning up")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--direct", action="store_true",
                        help="start the kernels directly, without the hub, its servers and proxy")
    parser.add_argument("--learners", type=int, default=8)
    parser.add_argument("--warm-up", type=int, default=10)
    parser.add_argument("--cells", type=int, default=30)
    parser.add_argument("--pause", type=float, default=0.2)
    parser.add_argument("--client", help=argparse.SUPPRESS)   # internal: one kernel's client
    parser.add_argument("--lesson", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.client:
        return client_main(args)
    if not 1 <= args.learners <= 64:
        parser.error(f"--learners must be between 1 and 64, not {args.learners}")
    if os.geteuid() != 0:
        sys.exit("hub_bench: needs root (it creates the learners' Unix users and control groups)")
    if "JUPYTER_PATH" not in os.environ:
        sys.exit("hub_bench: JUPYTER_PATH must name the folder the kernel is installed in "
                 "(./bench HubBenchmark sets it)")
    if not args.direct:
        missing = [c for c in ("jupyterhub", "configurable-http-proxy", "jupyterhub-singleuser") if not shutil.which(c)]
        try:
            import websocket  # noqa: F401
        except ImportError:
            missing.append("python3-websocket")
        if missing:
            sys.exit(f"hub_bench: the route through the hub needs {', '.join(missing)} (sudo apt-get install "
                     "jupyterhub node-configurable-http-proxy python3-websocket), or run it with --direct")
    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    load_before = float(open("/proc/loadavg").read().split()[0])
    users = [f"jcnbench{i + 1}" for i in range(args.learners)]
    work = tempfile.mkdtemp(prefix="jcn-hub-bench.")
    groups, kernels, hub, made = None, [], None, []
    try:
        os.chmod(work, 0o711)
        class_dir = os.path.join(work, "class")
        os.mkdir(class_dir)
        os.chmod(class_dir, 0o1777)
        spec_dir = os.environ["JUPYTER_PATH"].split(os.pathsep)[0]
        readable_by_all(spec_dir)
        for u in users:
            make_user(u, work)
            made.append(u)
        groups = hub_limits.make_groups(users)
        if groups is None:
            sys.exit("hub_bench: needs cgroup v1 memory and cpu controllers")
        for u in users:
            set_cpu(groups, u)
        java, python, client_env = {}, {}, None
        if args.direct:
            env = {"PATH": "/usr/bin:/bin", "LANG": os.environ.get("LANG", "C.UTF-8"), "JUPYTER_PATH": spec_dir,
                   "JCN_QUICK": "1", "JCN_CLASS_DIR": class_dir, "PYDEVD_DISABLE_FILE_VALIDATION": "1"}
            for u in users:
                for name, into in ((JAVA, java), (PYTHON, python)):
                    into[u] = Kernel(name, u, groups, work, env)
                    kernels.append(into[u])
            for k in kernels:
                k.wait_for_ready(timeout=600)
            pids = {(k.name, k.user): [k.pid] for k in kernels}
        else:
            hub = Hub(work, users, groups, class_dir, spec_dir)
            if not hub_config.wait_for_hub(hub.url, hub.process, seconds=120):
                sys.exit(f"hub_bench: the hub did not answer on {hub.url}; its log ends:\n{hub.log_tail()}")
            hub.start_servers()
            print(f"hub_bench: {len(users)} single-user servers ready through the hub at {hub.url}", flush=True)
            for u in users:
                for name, into in ((JAVA, java), (PYTHON, python)):
                    into[u] = hub.kernel(name, u)
                    kernels.append(into[u])
            for k in kernels:
                hub.wait_for_ready(k, timeout=600)
            pids = hub.kernel_pids()
            client_env = {u: {TOKEN_VARIABLE: hub.user_tokens[u]} for u in users}
        wrong = [f"{u}'s {name}: {pids.get((name, u))}" for u in users for name in (JAVA, PYTHON)
                 if len(pids.get((name, u), [])) != 1 or not hub_limits.in_groups(pids[(name, u)][0], u)]
        if wrong:
            sys.exit(f"hub_bench: not one kernel of each kind per learner in that learner's control groups: {wrong}")
        print(f"hub_bench: {len(kernels)} kernels ready; lesson 00 for {len(users)} learners at once", flush=True)

        lesson_out, out, load = clients(kernels, lessons()[0], args, client_env)
        saved = sorted(n.split(".")[0] for n in os.listdir(class_dir))
        if saved != sorted(users):
            sys.exit(f"hub_bench: lesson 00 should save one sweep per learner in the class folder, holds {saved}")
        failed = {key: o.get("error", "no result") for key, o in out.items() if "times" not in o}
        if failed:
            sys.exit(f"hub_bench: trivial cells failed: {failed}")
        lesson_out = {u: lesson_out[(JAVA, u)] for u in users}
        stats = {u: hub_limits.stats(groups, u) for u in users}
        print(table(users, {u: out[(JAVA, u)] for u in users}, {u: out[(PYTHON, u)] for u in users}, lesson_out,
                    load, load_before, args))
        print(f"\ncontrol groups' effects per learner: {stats}")
    finally:
        ignore_signals()   # the cleanup runs to its end
        for k in kernels:
            if isinstance(k, Kernel):
                if k.process.poll() is not None:   # died: say why
                    k.log.flush()
                    print(f"hub_bench: {k.user}'s {k.name} kernel ended ({k.process.returncode}):\n"
                          + open(k.log.name).read()[-2000:], file=sys.stderr)
                k.stop()
        if hub is not None:
            left = hub.stop()
            if left:
                print("hub_bench: still running after the hub stopped, killed:\n    " + "\n    ".join(left),
                      file=sys.stderr)
        for u in made:
            delete_user(u)
            # The JVMs' performance-data folder, which outlives the user (userdel removes only the home).
            shutil.rmtree(os.path.join(tempfile.gettempdir(), f"hsperfdata_{u}"), ignore_errors=True)
        time.sleep(1)
        hub_limits.remove_groups(groups)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
