"""Capacity: how big a server a class needs. Starts N learners at once, each running the setup lesson and one
measuring lesson in quick mode through the real Java kernel, and measures per learner what a JupyterHub server must
give them.

Usage: capacity_bench.py [--learners 1,2,4,8,16] [--quota N@CPUS ...]     (./bench CapacityBenchmark runs it)

Each learner is a process of its own that opens lesson 00 in one kernel and, leaving that kernel running as a
learner leaves a tab open, the first measuring lesson (the first notebook after 00 that runs a Sweep) in a second
one. While they run, the memory of each learner's kernels and every process under them (child JVMs, Python) is
sampled twice a second as PSS (proportional set size: shared pages split between the processes that share them,
so the figures add up to the server's use) from /proc/PID/smaps_rollup; the table gives each learner's peak.
Lesson 00 saves its CPU sweep into a class folder (JCN_CLASS_DIR), from which the speedup at 2 workers over 1 is
read: it shows what a learner's speedup chart looks like when the class shares the cores. --quota N@CPUS runs N
learners each in a cgroup (v1 or v2) limited to CPUS CPUs, as Zero to JupyterHub's cpu.limit does (needs root;
skipped otherwise). Prints one markdown table. The kernelspec must be on JUPYTER_PATH; JCN_QUICK=1 is set here.
"""
import argparse
import csv
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def lessons():
    """Lesson 00 and the first lesson after it that measures with a Sweep: robust to renumbering."""
    names = sorted(f for f in os.listdir(os.path.join(REPO, "notebooks")) if f.endswith(".ipynb"))
    measuring = next(f for f in names[1:] if "Sweep.of" in open(os.path.join(REPO, "notebooks", f)).read())
    return [os.path.join(REPO, "notebooks", names[0]), os.path.join(REPO, "notebooks", measuring)]


def learner(notebooks):
    """One learner: runs the notebooks one after another, each in a kernel of its own, all left running until the
    end; prints one JSON line with the seconds to the first chart and to the end of each notebook."""
    import nbformat
    from jupyter_client.manager import KernelManager
    from nbclient import NotebookClient

    start = time.monotonic()
    report = {"first_chart_s": None, "done_s": []}
    managers = []

    def executed(cell, **_):
        if report["first_chart_s"] is None and any("image/png" in o.get("data", {}) for o in cell.get("outputs", [])):
            report["first_chart_s"] = round(time.monotonic() - start, 2)

    try:
        for path in notebooks:
            km = KernelManager(kernel_name="java-concurrency")
            managers.append(km)
            nb = nbformat.read(path, as_version=4)
            NotebookClient(nb, km=km, timeout=1800, startup_timeout=300, on_cell_executed=executed,
                           resources={"metadata": {"path": os.path.dirname(path)}}).execute()
            report["done_s"].append(round(time.monotonic() - start, 2))
    finally:
        for km in managers:
            if km.has_kernel:
                km.shutdown_kernel(now=False)
    print(json.dumps(report), flush=True)


def descendants(pid):
    parents = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    parents.setdefault(int(f.read().rsplit(")", 1)[1].split()[1]), []).append(int(entry))
            except OSError:
                pass
    found, todo = [], [pid]
    while todo:
        for child in parents.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def pss_kib(pid):
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


class Cgroup:
    """A CPU-limited cgroup (v2 if mounted so, else v1's cpu controller), or None without the rights to make one."""

    @staticmethod
    def make(name, cpus):
        period = 100_000
        for root, limit in (("/sys/fs/cgroup", "cpu.max"), ("/sys/fs/cgroup/cpu", "cpu.cfs_quota_us")):
            if not os.path.exists(os.path.join(root, limit if limit == "cpu.max" else "cpu.cfs_period_us")):
                continue
            path = os.path.join(root, name)
            try:
                os.makedirs(path, exist_ok=True)
                if limit == "cpu.max":
                    open(os.path.join(path, limit), "w").write(f"{int(cpus * period)} {period}")
                else:
                    open(os.path.join(path, "cpu.cfs_period_us"), "w").write(str(period))
                    open(os.path.join(path, limit), "w").write(str(int(cpus * period)))
                return path
            except OSError:
                return None
        return None


def run(n, notebooks, cpus=None):
    """N learners at once; returns one dict per learner."""
    class_dir = tempfile.mkdtemp(prefix="jcn-capacity-class.")
    groups = []
    procs = []
    for i in range(n):
        group = Cgroup.make(f"jcn-capacity-{os.getpid()}-{i}", cpus) if cpus else None
        if cpus and group is None:
            raise PermissionError("cannot make a CPU-limited cgroup here (needs root)")
        groups.append(group)
        env = dict(os.environ, JCN_QUICK="1", JCN_CLASS_DIR=class_dir, JUPYTERHUB_USER=f"learner-{i + 1:02d}")
        procs.append(subprocess.Popen([sys.executable, __file__, "--learner", *notebooks], env=env,
                                      stdout=subprocess.PIPE, text=True,
                                      preexec_fn=(lambda g=group: g and open(os.path.join(g, "cgroup.procs"), "w")
                                                  .write(str(os.getpid())))))
    peaks = [0] * n
    done = threading.Event()

    def sample():
        while not done.is_set():
            for i, p in enumerate(procs):
                peaks[i] = max(peaks[i], sum(pss_kib(c) for c in descendants(p.pid)))
            done.wait(0.5)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    outs = [p.communicate(timeout=3600)[0] for p in procs]
    done.set()
    sampler.join()
    results = []
    for i, (p, out) in enumerate(zip(procs, outs)):
        if p.returncode != 0:
            raise RuntimeError(f"learner {i + 1} of {n} failed with exit code {p.returncode}")
        report = json.loads(out.strip().splitlines()[-1])
        report["pss_mib"] = peaks[i] / 1024
        report["speedup2"] = speedup_at_two(os.path.join(class_dir, f"learner-{i + 1:02d}.csv"))
        results.append(report)
    for group in groups:
        if group:
            os.rmdir(group)
    return results


def speedup_at_two(csv_path):
    """Median time at 1 worker over median time at 2, from the sweep lesson 00 saved (ClassFolder's CSV)."""
    times = {}
    with open(csv_path, newline="") as f:
        for row in csv.DictReader(f):
            times.setdefault(int(row["workers"]), []).append(int(row["elapsed_ns"]))
    return statistics.median(times[1]) / statistics.median(times[2]) if 1 in times and 2 in times else float("nan")


def spread(values, fmt):
    values = [v for v in values if v == v]
    if not values:
        return "-"
    lo, mid, hi = min(values), statistics.median(values), max(values)
    return fmt.format(mid) if len(values) == 1 else f"{fmt.format(mid)} ({fmt.format(lo)}-{fmt.format(hi)})"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--learners", default="1,2,4,8,16")
    parser.add_argument("--quota", action="append", default=None, help="N@CPUS, such as 4@0.5")
    parser.add_argument("--learner", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.learner:
        learner(args.learner)
        return
    notebooks = lessons()
    quotas = args.quota if args.quota is not None else ["2@1", "4@0.5"]
    print(f"capacity: {os.cpu_count()} cores; each learner runs {', then '.join(map(os.path.basename, notebooks))}"
          " in quick mode, each in its own kernel")
    print("| learners at once | CPU limit per learner | peak PSS per learner, MiB (median, range) | all learners, MiB |"
          " first chart, s | both lessons done, s | lesson 00's speedup at 2 workers |")
    print("|---|---|---|---|---|---|---|")
    runs = [(int(n), None) for n in args.learners.split(",") if n]
    runs += [(int(q.split("@")[0]), float(q.split("@")[1])) for q in quotas]
    for n, cpus in runs:
        try:
            results = run(n, notebooks, cpus)
        except PermissionError as e:
            print(f"| {n} | {cpus} CPU | skipped: {e} | | | | |")
            continue
        print(f"| {n} | {'none' if cpus is None else f'{cpus:g} CPU (quota)'} "
              f"| {spread([r['pss_mib'] for r in results], '{:.0f}')} "
              f"| {sum(r['pss_mib'] for r in results):.0f} "
              f"| {spread([r['first_chart_s'] for r in results if r['first_chart_s']], '{:.1f}')} "
              f"| {spread([r['done_s'][-1] for r in results], '{:.0f}')} "
              f"| {spread([r['speedup2'] for r in results], '{:.2f}x')} |", flush=True)


if __name__ == "__main__":
    main()
