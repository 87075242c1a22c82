"""A class on one server, measured: 8 learners, each a Unix user of their own inside the per-learner limits
workshop/teachers-guide.md recommends, run lesson 00 at once in the Java kernel; then each one's trivial cell
("6*7") is timed next to an IPython kernel of the same learner doing the same, all 16 kernels at once.

Usage (as root; ./bench HubBenchmark runs it after installing the kernel into a throwaway JUPYTER_PATH):
    hub_bench.py [--learners 8] [--warm-up 10] [--cells 30] [--pause 0.2]

Without a hub: the learners' kernels are started directly, each as its learner's Unix user (made here with
useradd and a marker comment, deleted at the end) and inside that learner's control groups (tests/hub_limits.py,
cgroup v1): memory limit 1 GiB, CPU limit 2 (cpu.cfs_quota_us 200 ms per 100 ms period) and a guarantee of 0.5
CPU as cpu.shares 512 (a relative weight, half the default 1024; cgroup v1 has no guarantee as such).
The Jupyter server and proxy a hub puts in front of each kernel are not in the path, so the figures are the
kernels' own round trips on a loaded server. Each kernel's client is a process of its own (16 processes, mostly
waiting on their sockets).

Phases, all learners at once: start both kernels of every learner; run lesson 00's code cells in order in the Java
kernel (quick mode, JCN_QUICK=1; stopping at the first error as Run All does); once every learner is done, each of
the 16 kernels runs --warm-up then --cells trivial cells, one after another with --pause seconds between them (a
learner does not type that fast; it keeps the test from being a mere saturation test). A round trip is from the
execute request to the kernel's idle status after the reply (tests/kernel_bench.py's wait_reply).
Prints one markdown table; everything made (kernels, users, groups, folders) is removed at the end, also on error.
"""
import argparse
import json
import os
import pwd
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

from jupyter_client import BlockingKernelClient
from jupyter_client.connect import write_connection_file
from jupyter_client.kernelspec import KernelSpecManager

import hub_limits
import unix_users
from capacity_bench import lessons
from kernel_bench import JAVA, PYTHON, wait_reply

MARK = "jcn hub bench"   # the users' comment: only users this benchmark made are ever deleted
CPU_QUOTA_US = 200_000   # limit 2 CPUs
CPU_SHARES = 512         # guarantee 0.5 CPU


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
    """A kernel started as a learner's Unix user, inside that learner's control groups, with a client."""

    def __init__(self, name, user, groups, work, env):
        entry = pwd.getpwnam(user)
        self.name, self.user = name, user
        self.connection, _ = write_connection_file(os.path.join(work, f"{user}-{name}.json"), ip="127.0.0.1")
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


def client_main(args):
    """One kernel's client, in a process of its own (jupyter_client's blocking client does not serve several threads
    well): runs the lesson's code cells in order if one is given, stopping at the first error as Run All does;
    prints a JSON line, waits for a line on stdin (every learner is done), then times the trivial cells and prints
    a second JSON line."""
    client = BlockingKernelClient(connection_file=args.client)
    client.load_connection_file()
    client.start_channels()
    out = {}
    began = time.monotonic()
    if args.lesson:
        cells = [c for c in json.load(open(args.lesson))["cells"] if c["cell_type"] == "code"]
        for i, cell in enumerate(cells):
            _, status, result = hub_limits.run(client, "".join(cell["source"]), timeout=1800)
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
        reply = wait_reply(client, client.execute("6*7"), timeout=300)
        if i >= args.warm_up:
            times.append(time.monotonic() - t)
        if reply["content"]["status"] != "ok":
            print(json.dumps({"error": f"6*7: {reply['content'].get('evalue', '')}"}), flush=True)
            return
        time.sleep(args.pause)
    print(json.dumps({"times": times}), flush=True)
    client.stop_channels()


def clients(kernels, lesson_path, args):
    """Starts a client process per kernel (the Java ones run the lesson), waits until every one is done, starts
    their trivial cells at once; returns ({(kernel, user): lesson result}, {(kernel, user): times result}, load
    averages sampled meanwhile)."""
    procs = {}
    for k in kernels:
        command = [sys.executable, os.path.abspath(__file__), "--client", k.connection, "--warm-up",
                   str(args.warm_up), "--cells", str(args.cells), "--pause", str(args.pause)]
        if k.name == JAVA:
            command += ["--lesson", lesson_path]
        procs[(k.name, k.user)] = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                                   text=True)
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
    caption = (f"{time.strftime('%Y-%m-%d', time.gmtime())}, {os.cpu_count()} cores, load average (1 min) during the "
               f"timing {min(load):.1f}-{max(load):.1f} ({load_before:.1f} before the kernels started). {len(users)} learners, each a Unix user of their own in "
               f"control groups (cgroup v1) of 1 GiB memory, CPU limit 2 (cfs quota), guarantee 0.5 (cpu.shares "
               f"{CPU_SHARES}), ran lesson 00 (quick mode) at once in the Java kernel; then each learner's Java kernel "
               f"and an IPython kernel (Debian's ipykernel) of the same learner, {2 * len(users)} kernels at once, ran {args.cells} "
               f"trivial cells (6*7) after {args.warm_up} warm-up ones, {args.pause} s apart; round trip = execute "
               f"request to idle. Kernels started directly as the learners' users, without the hub: the hub's "
               f"single-user servers and proxy are not in the path.")
    return caption + "\n\n" + "\n".join(rows)


def main():
    parser = argparse.ArgumentParser()
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
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("hub_bench: terminated; cleaning up"))   # runs the finally
    if os.geteuid() != 0:
        sys.exit("hub_bench: needs root (it creates the learners' Unix users and control groups)")
    load_before = float(open("/proc/loadavg").read().split()[0])
    users = [f"jcnbench{i + 1}" for i in range(args.learners)]
    work = tempfile.mkdtemp(prefix="jcn-hub-bench.")
    os.chmod(work, 0o711)
    class_dir = os.path.join(work, "class")
    os.mkdir(class_dir)
    os.chmod(class_dir, 0o1777)
    spec_dir = os.environ["JUPYTER_PATH"].split(os.pathsep)[0]
    readable_by_all(spec_dir)
    env = {"PATH": "/usr/bin:/bin", "LANG": os.environ.get("LANG", "C.UTF-8"), "JUPYTER_PATH": spec_dir,
           "JCN_QUICK": "1", "JCN_CLASS_DIR": class_dir,
           "PYDEVD_DISABLE_FILE_VALIDATION": "1"}
    groups, kernels = None, []
    try:
        for u in users:
            make_user(u, work)
        groups = hub_limits.make_groups(users)
        if groups is None:
            sys.exit("hub_bench: needs cgroup v1 memory and cpu controllers")
        for u in users:
            set_cpu(groups, u)
        java, python = {}, {}
        for u in users:
            for name, into in ((JAVA, java), (PYTHON, python)):
                into[u] = Kernel(name, u, groups, work, env)
                kernels.append(into[u])
        for k in kernels:
            k.wait_for_ready(timeout=600)
        if not all(hub_limits.in_groups(k.process.pid, k.user) for k in kernels):
            sys.exit("hub_bench: a kernel is not in its learner's control groups")
        print(f"hub_bench: {len(kernels)} kernels ready; lesson 00 for {len(users)} learners at once", flush=True)

        lesson_out, out, load = clients(kernels, lessons()[0], args)
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
        for k in kernels:
            if k.process.poll() is not None:   # died: say why
                k.log.flush()
                print(f"hub_bench: {k.user}'s {k.name} kernel ended ({k.process.returncode}):\n"
                      + open(k.log.name).read()[-2000:], file=sys.stderr)
            k.stop()
        for u in users:
            delete_user(u)
        time.sleep(1)
        hub_limits.remove_groups(groups)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
