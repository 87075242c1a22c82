"""Runs notebooks through the real kernel on a machine made smaller or bigger than this one, as tests/run_notebooks.py
does (same checks, one test per notebook), under any mix of these constraints:

  --one-core             on one CPU (as `taskset -c 0`): the kernel and its child JVMs see 1 core
  --open-files LIMIT     under a low limit on open files (as `ulimit -n LIMIT`, soft and hard)
  --cores N              on N simulated cores (-XX:ActiveProcessorCount=N for the kernel and its child JVMs),
                         sampling the kernel's child JVMs every 50 ms: a notebook also fails if more of them are
                         alive at once than the largest worker count of a sweep (N + 1 in quick mode, 2N otherwise).
                         Each line gives the peak count and their memory: resident (RSS, the sum over the JVMs) and
                         proportional (PSS, shared pages split between them).

With --run-all the notebooks run as a front end's Run All does (tests/run_notebooks.py --run-all): every cell is
sent, preview cells too, and the first error stops the notebook. ./test combines constraints so that each lesson's
extra runs cost one run each (for example 8 simulated cores with no Python to be found: JCN_PYTHON naming no
interpreter).

The last line printed is "constrained (...): N passed, M failed". Used by ./test (after the kernel install, with
JUPYTER_PATH set); Linux only (/proc, sched_setaffinity).
"""

import argparse
import functools
import json
import os
import resource
import shutil
import sys
import tempfile
import threading
import time

from run_notebooks import could_not_run, run_each, run_notebook

CHILD_MAIN = b"org.jcn.internal.process.ChildMain"


def kernel_dir(name):
    for base in os.environ.get("JUPYTER_PATH", "").split(os.pathsep):
        path = os.path.join(base, "kernels", name)
        if os.path.exists(os.path.join(path, "kernel.json")):
            return path
    raise SystemExit(f"run_constrained: kernel {name!r} not found on JUPYTER_PATH")


def simulated_kernel(name, cores, folder):
    """A copy of the kernelspec whose JVM, and whose child JVMs, report `cores` processors."""
    target = os.path.join(folder, "kernels", f"{name}-{cores}-cores")
    shutil.copytree(kernel_dir(name), target)
    spec_path = os.path.join(target, "kernel.json")
    with open(spec_path) as f:
        spec = json.load(f)
    spec["argv"][1:1] = [f"-XX:ActiveProcessorCount={cores}",
                         f"-Djcn.processes.jvmOptions=-XX:ActiveProcessorCount={cores}"]
    spec["display_name"] += f" on {cores} simulated cores"
    with open(spec_path, "w") as f:
        json.dump(spec, f, indent=2)
    os.environ["JUPYTER_PATH"] = folder + os.pathsep + os.environ.get("JUPYTER_PATH", "")
    return os.path.basename(target)


def kib(path, field):
    try:
        with open(path) as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def child_jvms():
    """Pids of live child JVMs of this library started by a process under this one."""
    me = os.getpid()
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/cmdline", "rb") as f:
                if CHILD_MAIN not in f.read():
                    continue
            pid = int(entry)
            ancestor = pid
            while ancestor > 1 and ancestor != me:
                with open(f"/proc/{ancestor}/stat") as f:
                    ancestor = int(f.read().rsplit(")", 1)[1].split()[1])
            if ancestor == me:
                found.append(pid)
        except (OSError, ValueError, IndexError):
            continue  # it ended while being looked at
    return found


class Peak:
    """Samples the child JVMs until stopped; keeps the highest count and the highest total RSS and PSS."""

    def __init__(self):
        self.count = self.rss = self.pss = 0
        self.running = True
        self.thread = threading.Thread(target=self.sample, daemon=True)
        self.thread.start()

    def sample(self):
        while self.running:
            pids = child_jvms()
            if pids and len(pids) >= self.count:  # memory peaks with the count; reading it elsewhere costs CPU
                self.count = len(pids)
                self.rss = max(self.rss, sum(kib(f"/proc/{p}/status", "VmRSS") for p in pids))
                self.pss = max(self.pss, sum(kib(f"/proc/{p}/smaps_rollup", "Pss") for p in pids))
            time.sleep(0.05)

    def stop(self):
        self.running = False
        self.thread.join()
        return self


def constrained_run(path, kernel, args, largest):
    """Runs one notebook; with largest set, the child JVMs this process's kernel starts are sampled meanwhile (each
    job of --jobs is a process of its own, so it counts its own kernel's child JVMs only)."""
    start = time.monotonic()
    peak = Peak() if largest else None
    try:
        problems = run_notebook(path, kernel, args.timeout, args.out, run_all=args.run_all)
    finally:
        if peak:
            peak.stop()  # also when the run raised: the sampler must not outlive it
    took = time.monotonic() - start
    detail = ""
    if peak:
        detail = (f": at most {peak.count} child JVMs at once (largest worker count {largest}), "
                  f"{peak.rss / 1024:.0f} MB resident, {peak.pss / 1024:.0f} MB proportional")
        if peak.count > largest:
            problems.append(f"{peak.count} child JVMs were alive at once, more than the largest worker "
                            f"count ({largest})")
    return path, problems, took, detail


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("notebooks", nargs="+")
    parser.add_argument("--one-core", action="store_true", help="run on one CPU")
    parser.add_argument("--open-files", type=int, metavar="LIMIT", help="a limit on open files")
    parser.add_argument("--cores", type=int, metavar="N", help="N simulated cores, with the child JVM peak check")
    parser.add_argument("--run-all", action="store_true", help="as a front end's Run All (stop at the first error)")
    parser.add_argument("--jobs", type=int, default=1, metavar="N", help="run N notebooks at once")
    parser.add_argument("--kernel", default="java-concurrency")
    parser.add_argument("--timeout", type=int, default=180, help="seconds one cell may take")
    parser.add_argument("--out", help="folder for the executed copies")
    args = parser.parse_args()
    if not (args.one_core or args.open_files or args.cores):
        parser.error("name at least one constraint: --one-core, --open-files LIMIT or --cores N")
    if args.open_files is not None and args.open_files < 16:
        parser.error(f"--open-files {args.open_files}: too few for a JVM to start; give 16 or more")
    if args.jobs < 1:
        parser.error(f"--jobs {args.jobs}: give 1 or more")
    if args.cores is not None and args.cores < 1:
        parser.error(f"--cores {args.cores}: give 1 or more")

    notebooks = args.notebooks
    kernel = args.kernel
    largest = None
    labels = []
    work = tempfile.mkdtemp(prefix="jcn-constrained.")
    if args.one_core:
        cpu = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpu})  # inherited by the kernel and its child JVMs
        labels.append(f"one core (CPU {cpu})")
    if args.open_files:
        resource.setrlimit(resource.RLIMIT_NOFILE, (args.open_files, args.open_files))
        labels.append(f"at most {args.open_files} open files")
    if args.cores:
        kernel = simulated_kernel(kernel, args.cores, work)
        quick = os.environ.get("JCN_QUICK", "0") not in ("", "0")
        largest = args.cores + 1 if quick else 2 * args.cores
        labels.append(f"{args.cores} simulated cores, {'quick' if quick else 'full'} mode")
    if args.kernel != "java-concurrency":
        labels.append(f"kernel {args.kernel}")
    if args.run_all:
        labels.append("Run All")
    python = os.environ.get("JCN_PYTHON")
    if python is not None and not shutil.which(python):
        labels.append("no Python")
    label = ", ".join(labels)

    passed = failed = 0
    try:
        run = functools.partial(constrained_run, kernel=kernel, args=args, largest=largest)
        for path, problems, took, detail in run_each(run, notebooks, args.jobs,
                                                     lambda p, e: (p, could_not_run(p, e), 0.0, "")):
            verdict = "FAIL" if problems else "PASS"
            print(f"{verdict} {path} ({took:.1f} s, {label}){detail}")
            for problem in problems:
                print(f"     {path}: {problem}")
            passed, failed = (passed, failed + 1) if problems else (passed + 1, failed)
            sys.stdout.flush()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"constrained ({label}): {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
