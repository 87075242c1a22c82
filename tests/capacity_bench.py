"""Capacity: how big a server a class needs. Starts N learners at once, each running the setup lesson and one
measuring lesson in quick mode through the real Java kernel, and measures per learner what a JupyterHub server must
give them.

Usage: capacity_bench.py [--learners 1,2,4,8,16] [--limit N@CPUS[+MEMORY] ...]     (./bench CapacityBenchmark runs it)

Each learner is a process of its own that opens lesson 00 in one kernel and, leaving that kernel running as a
learner leaves a tab open, the first measuring lesson (the first notebook after 00 that runs a Sweep) in a second
one. While they run, the memory of each learner's kernels and every process under them (child JVMs, Python) is
sampled twice a second as PSS (proportional set size: shared pages split between the processes that share them,
so the figures add up to the server's use) from /proc/PID/smaps_rollup; the table gives each learner's peak.
Lesson 00 saves its CPU sweep into a class folder (JCN_CLASS_DIR), from which the speedup at 2 workers over 1 is
read: it shows what a learner's speedup chart looks like when the class shares the cores. --limit N@CPUS[+MEMORY] runs N
learners each in cgroups (v1 or v2) limiting them to CPUS CPUs and MEMORY (such as 1G), as Zero to JupyterHub's
cpu.limit and memory.limit do, so that the JVMs size themselves to the limit (needs root; reported otherwise). Prints one markdown table. The kernelspec must be on JUPYTER_PATH; JCN_QUICK=1 is set here.
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

from procs import descendants, pss_kib

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


def own_cgroup(controller):
    """This process's cgroup folder of a v1 controller (such as memory), or None."""
    with open("/proc/self/cgroup") as f:
        for line in f:
            _, names, path = line.strip().split(":", 2)
            if controller in names.split(","):
                return f"/sys/fs/cgroup/{controller}{path}"
    return None


def make_cgroups(name, cpus, mem_bytes):
    """Cgroups that limit a learner's CPU and memory, as Zero to JupyterHub's cpu.limit and memory.limit do: one
    cgroup v2 folder, or v1's cpu and memory folders. Returns the folders; raises PermissionError without rights."""
    period = 100_000
    try:
        if os.path.exists("/sys/fs/cgroup/cgroup.controllers"):
            path = os.path.join("/sys/fs/cgroup", name)
            os.makedirs(path)
            if cpus:
                open(os.path.join(path, "cpu.max"), "w").write(f"{int(cpus * period)} {period}")
            if mem_bytes:
                open(os.path.join(path, "memory.max"), "w").write(str(mem_bytes))
            return [path]
        made = []
        if cpus:
            path = os.path.join("/sys/fs/cgroup/cpu", name)
            os.makedirs(path)
            made.append(path)
            open(os.path.join(path, "cpu.cfs_period_us"), "w").write(str(period))
            open(os.path.join(path, "cpu.cfs_quota_us"), "w").write(str(int(cpus * period)))
        if mem_bytes:
            path = os.path.join(own_cgroup("memory"), name)
            os.makedirs(path)
            made.append(path)
            open(os.path.join(path, "memory.limit_in_bytes"), "w").write(str(mem_bytes))
        return made
    except OSError as e:
        raise PermissionError(f"cannot make a limited cgroup here ({e.strerror}; needs root)") from e


def join_cgroups(groups):
    for group in groups:
        with open(os.path.join(group, "cgroup.procs"), "w") as f:
            f.write(str(os.getpid()))


def run(n, notebooks, cpus=None, mem_bytes=None):
    """N learners at once, each limited to cpus CPUs and mem_bytes of memory when given; one dict per learner."""
    class_dir = tempfile.mkdtemp(prefix="jcn-capacity-class.")
    groups = []
    procs = []
    for i in range(n):
        group = make_cgroups(f"jcn-capacity-{os.getpid()}-{i}", cpus, mem_bytes) if cpus or mem_bytes else []
        groups.extend(group)
        env = dict(os.environ, JCN_QUICK="1", JCN_CLASS_DIR=class_dir, JUPYTERHUB_USER=f"learner-{i + 1:02d}")
        procs.append(subprocess.Popen([sys.executable, __file__, "--learner", *notebooks], env=env,
                                      stdout=subprocess.PIPE, text=True,
                                      preexec_fn=lambda g=group: join_cgroups(g)))
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
    parser.add_argument("--limit", action="append", default=None,
                        help="N@CPUS[+MEMORY], such as 4@0.5+1G: N learners, each limited (cgroups, needs root)")
    parser.add_argument("--learner", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.learner:
        learner(args.learner)
        return
    notebooks = lessons()
    limits = args.limit if args.limit is not None else ["2@1", "4@0.5+1G"]
    print(f"capacity: {os.cpu_count()} cores; each learner runs {', then '.join(map(os.path.basename, notebooks))}"
          " in quick mode, each in its own kernel")
    print("| learners at once | limits per learner | peak PSS per learner, MiB (median, range) | all learners, MiB |"
          " first chart, s | both lessons done, s | lesson 00's speedup at 2 workers |")
    print("|---|---|---|---|---|---|---|")
    runs = [(int(n), None, None) for n in args.learners.split(",") if n]
    for spec in limits:
        n, _, rest = spec.partition("@")
        cpus, _, mem = rest.partition("+")
        runs.append((int(n), float(cpus) if cpus else None,
                     int(float(mem[:-1]) * 2 ** 30) if mem.upper().endswith("G") else None))
    for n, cpus, mem in runs:
        limit = " + ".join(filter(None, [cpus and f"{cpus:g} CPU", mem and f"{mem / 2 ** 30:g} GiB"])) or "none"
        try:
            results = run(n, notebooks, cpus, mem)
        except (PermissionError, RuntimeError) as e:
            print(f"| {n} | {limit} | failed: {e} | | | | |", flush=True)
            continue
        print(f"| {n} | {limit} "
              f"| {spread([r['pss_mib'] for r in results], '{:.0f}')} "
              f"| {sum(r['pss_mib'] for r in results):.0f} "
              f"| {spread([r['first_chart_s'] for r in results if r['first_chart_s']], '{:.1f}')} "
              f"| {spread([r['done_s'][-1] for r in results], '{:.0f}')} "
              f"| {spread([r['speedup2'] for r in results], '{:.2f}x')} |", flush=True)


if __name__ == "__main__":
    main()
