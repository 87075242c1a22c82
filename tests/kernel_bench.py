"""Kernel speed, measured side by side in one run against IPython (Debian's python3-ipykernel).

Usage (after kernel/install; ./bench runs it as KernelBenchmark):
    JUPYTER_PATH=.jupyter-local /usr/bin/python3 tests/kernel_bench.py [--starts 5] [--cells 30]

Measures, alternating the two kernels so that a busy machine hurts both alike:
  - start: from launching the kernel to its first kernel_info reply, and to the first result of "6*7";
  - round trip of a trivial cell ("6*7"): median of --cells after 100 warm-up cells, each with its reply and idle;
  - (Java only) interrupt of a busy loop in cell code: from the interrupt request to the error reply, and the
    kernel's CPU use in the second after it (no core may stay busy).
Prints a table and writes it to target/benchmarks/KernelBenchmark.txt.

With --cost instead: the CPU time each kernel's process spends per warm trivial cell and per method definition
(the mean of 100 cells: /proc counts CPU in 10 ms ticks, too coarse for one cell), and a trivial cell's round
trip on a quiet machine and with two busy processes per core; written to target/benchmarks/KernelCost.txt.

With --java LABEL=DATA_DIR (twice or more), each Jupyter data folder's java-concurrency kernel is measured in turn,
alternating with the others and IPython, so that two builds compare in one run:
    /usr/bin/python3 tests/kernel_bench.py --cost --java before=/tmp/a/share/jupyter --java after=/tmp/b/share/jupyter
--cost --interleave starts all the kernels at once and gives each a cell in turn, so that a busy moment of the
machine falls on all of them alike (the way to compare two builds while other work runs).
"""

import argparse
import os
import statistics
import time

from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager

JAVA, PYTHON = "java-concurrency", "python3"


def wait_reply(kc, msg_id, timeout=60):
    while True:
        reply = kc.get_shell_msg(timeout=timeout)
        if reply["parent_header"].get("msg_id") == msg_id:
            break
    while True:
        msg = kc.get_iopub_msg(timeout=timeout)
        if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "status" \
                and msg["content"]["execution_state"] == "idle":
            return reply


def start(name, specs=None):
    km = KernelManager(kernel_name=name, **({"kernel_spec_manager": specs} if specs else {}))
    t0 = time.monotonic()
    km.start_kernel(stdout=open(os.devnull, "w"), stderr=open(os.devnull, "w"))
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=120)
    ready = time.monotonic() - t0
    wait_reply(kc, kc.execute("6*7"))
    first = time.monotonic() - t0
    return km, kc, ready, first


def stop(km, kc):
    kc.stop_channels()
    km.shutdown_kernel(now=True)


WARM_UP_CELLS = 100  # JShell's compiler (javac) runs interpreted at first; it takes this many cells to warm up


def round_trips(kc, cells):
    for _ in range(WARM_UP_CELLS):
        wait_reply(kc, kc.execute("6*7"))
    times = []
    for _ in range(cells):
        t = time.monotonic()
        wait_reply(kc, kc.execute("6*7"))
        times.append(time.monotonic() - t)
    return statistics.median(times)


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def interrupt_busy_loop(km, kc):
    kc.execute("long s = 0; for (long i = 0; ; i++) { s += i; }")
    time.sleep(1.5)
    t = time.monotonic()
    km.interrupt_kernel()
    while True:
        reply = kc.get_shell_msg(timeout=30)
        if reply["content"].get("ename") == "Interrupted" or reply["content"]["status"] != "ok":
            break
    to_reply = time.monotonic() - t
    pid = km.provisioner.process.pid
    time.sleep(2)
    before = cpu_seconds(pid)
    time.sleep(1)
    return to_reply, cpu_seconds(pid) - before


def bare_jshell_millis(specs=None, kernel_set_up=False):
    """A bare in-process JShell eval of 6*7 in the kernel's own JVM (median, ms): JShell as it comes, or with
    kernel_set_up, with the kernel's class path, compiler options and imports (see Training.measureBareJShell)."""
    import json
    import subprocess
    spec = json.load(open(os.path.join((specs or KernelSpecManager()).get_kernel_spec(JAVA).resource_dir,
                                       "kernel.json")))
    argv = spec["argv"][:-2] + ["org.jcn.kernel.Training", "--measure-bare-jshell"] \
        + (["--kernel-set-up"] if kernel_set_up else [])
    return float(subprocess.run(argv, capture_output=True, text=True, check=True, timeout=300).stdout.strip())


def jit_cpu_seconds(pid):
    """CPU seconds of the process's JIT compiler threads (C1/C2 CompilerThread), from /proc; 0 for IPython."""
    ticks = 0
    for task in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{task}/stat") as f:
                stat = f.read()
        except OSError:
            continue  # the thread ended
        if "CompilerThre" in stat[stat.index("(") + 1:stat.rindex(")")]:
            fields = stat.rsplit(")", 1)[1].split()
            ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def cpu_per_cell(km, kc, code_of, cells=100):
    """Mean CPU seconds the kernel's process (all its threads) spends per cell, over `cells` cells, and the part of
    it that the JIT compiler threads spent."""
    pid = km.provisioner.process.pid
    before, jit_before = cpu_seconds(pid), jit_cpu_seconds(pid)
    for i in range(cells):
        wait_reply(kc, kc.execute(code_of(i)))
    return (cpu_seconds(pid) - before) / cells, (jit_cpu_seconds(pid) - jit_before) / cells


def median_trip(kc, cells):
    times = []
    for _ in range(cells):
        t = time.monotonic()
        wait_reply(kc, kc.execute("6*7"))
        times.append(time.monotonic() - t)
    return statistics.median(times)


def cost(cells, kernels, interleave=False):
    """kernels: (label, kernel name, KernelSpecManager or None), the Java kernels first, IPython last."""
    if interleave:
        rows, busy_count = cost_interleaved(cells, kernels)
    else:
        rows, busy_count = cost_in_turn(cells, kernels)
    print_cost(rows, busy_count, cells, kernels, "interleaved cell by cell" if interleave else "one after another")


def cost_in_turn(cells, kernels):
    import subprocess
    busy_count = 2 * os.cpu_count()
    rows = {}
    for label, name, specs in kernels:
        km, kc = None, None
        try:
            km, kc, _, _ = start(name, specs)
            for _ in range(WARM_UP_CELLS):
                wait_reply(kc, kc.execute("6*7"))
            define = (lambda i: f"int f{i}(int x) {{ return x + {i}; }}") if name == JAVA else \
                (lambda i: f"def f{i}(x):\n    return x + {i}")
            trivial, trivial_jit = cpu_per_cell(km, kc, lambda i: "6*7")
            defines, defines_jit = cpu_per_cell(km, kc, define)
            rows[label] = {"cpu_trivial": trivial, "jit_trivial": trivial_jit, "cpu_define": defines,
                           "jit_define": defines_jit, "quiet": median_trip(kc, cells)}
            busy = [subprocess.Popen(["/usr/bin/python3", "-c", "while True: pass"]) for _ in range(busy_count)]
            try:
                time.sleep(1)
                rows[label]["busy"] = median_trip(kc, cells)
            finally:
                for p in busy:
                    p.kill()
                    p.wait()
        finally:
            if km:
                stop(km, kc)
    return rows, busy_count


def print_cost(rows, busy_count, cells, kernels, how):
    labels = [k[0] for k in kernels]
    py = rows[labels[-1]]
    java_labels = labels[:-1]
    lines = [f"KernelCost: {os.cpu_count()} cores; one kernel of each ({how}), after {WARM_UP_CELLS} warm-up cells; "
             f"load average {os.getloadavg()[0]:.1f} at the end",
             f"{'measure':52} " + " ".join(f"{lb:>17}" for lb in java_labels) + f" {'IPython':>10} "
             + " ".join(f"{'ratio ' + lb:>13}" for lb in java_labels)]
    for key, label in (("cpu_trivial", "CPU per trivial cell 6*7 (ms, mean of 100)"),
                       ("jit_trivial", "  of which the JIT compiler threads"),
                       ("cpu_define", "CPU per method definition (ms, mean of 100)"),
                       ("jit_define", "  of which the JIT compiler threads"),
                       ("quiet", f"trivial cell round trip, quiet (ms, median of {cells})"),
                       ("busy", f"... with {busy_count} busy processes (ms, median of {cells})")):
        lines.append(f"{label:52} " + " ".join(f"{rows[lb][key] * 1e3:17.1f}" for lb in java_labels)
                     + f" {py[key] * 1e3:10.1f} "
                     + " ".join(f"{rows[lb][key] / py[key]:13.1f}" if py[key] else f"{'':13}"
                                for lb in java_labels))
    text = "\n".join(lines)
    print(text)
    os.makedirs("target/benchmarks", exist_ok=True)
    with open("target/benchmarks/KernelCost.txt", "w") as f:
        f.write(text + "\n")


def cost_interleaved(cells, kernels, measured=100):
    """As cost(), but with all kernels running at once and their cells interleaved one by one (a cell of each in
    turn), so that a busy moment of the machine falls on all of them alike. Each kernel's CPU is still its own
    process's; the others sit idle between their cells (their JIT threads may still work meanwhile)."""
    import subprocess
    busy_count = 2 * os.cpu_count()
    started = []
    try:
        for label, name, specs in kernels:
            km, kc, _, _ = start(name, specs)
            started.append((label, name, km, kc))
        for _ in range(WARM_UP_CELLS):
            for _, _, _, kc in started:
                wait_reply(kc, kc.execute("6*7"))

        def per_cell(code_of):
            before = {lb: (cpu_seconds(km.provisioner.process.pid), jit_cpu_seconds(km.provisioner.process.pid))
                      for lb, _, km, _ in started}
            for i in range(measured):
                for _, name, _, kc in started:
                    wait_reply(kc, kc.execute(code_of(name, i)))
            return {lb: ((cpu_seconds(km.provisioner.process.pid) - before[lb][0]) / measured,
                         (jit_cpu_seconds(km.provisioner.process.pid) - before[lb][1]) / measured)
                    for lb, _, km, _ in started}

        def trips():
            times = {lb: [] for lb, _, _, _ in started}
            for _ in range(cells):
                for lb, _, _, kc in started:
                    t = time.monotonic()
                    wait_reply(kc, kc.execute("6*7"))
                    times[lb].append(time.monotonic() - t)
            return {lb: statistics.median(v) for lb, v in times.items()}

        trivial = per_cell(lambda name, i: "6*7")
        define = per_cell(lambda name, i: f"int f{i}(int x) {{ return x + {i}; }}" if name == JAVA
                          else f"def f{i}(x):\n    return x + {i}")
        quiet = trips()
        busy = [subprocess.Popen(["/usr/bin/python3", "-c", "while True: pass"]) for _ in range(busy_count)]
        try:
            time.sleep(1)
            contended = trips()
        finally:
            for p in busy:
                p.kill()
                p.wait()
    finally:
        for _, _, km, kc in started:
            stop(km, kc)
    rows = {lb: {"cpu_trivial": trivial[lb][0], "jit_trivial": trivial[lb][1], "cpu_define": define[lb][0],
                 "jit_define": define[lb][1], "quiet": quiet[lb], "busy": contended[lb]} for lb in trivial}
    return rows, busy_count


def java_kernels(specs):
    """(label, kernel name, KernelSpecManager or None) for each --java LABEL=DATA_DIR, or the one on JUPYTER_PATH."""
    if not specs:
        return [(JAVA, JAVA, None)]
    kernels = []
    for spec in specs:
        label, _, folder = spec.partition("=")
        kernels.append((label, JAVA, KernelSpecManager(kernel_dirs=[os.path.join(folder, "kernels")])))
    return kernels


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--starts", type=int, default=5)
    parser.add_argument("--cells", type=int, default=30)
    parser.add_argument("--cost", action="store_true", help="CPU per cell and the contended round trip instead")
    parser.add_argument("--java", action="append", metavar="LABEL=DATA_DIR",
                        help="a Jupyter data folder whose java-concurrency kernel to measure; give two to compare")
    parser.add_argument("--rounds", type=int, default=1, help="--cost: this many rounds, one after another")
    parser.add_argument("--interleave", action="store_true",
                        help="--cost: all kernels at once, a cell of each in turn (see cost_interleaved)")
    args = parser.parse_args()
    javas = java_kernels(args.java)
    if args.cost:
        for _ in range(args.rounds):
            cost(args.cells, javas + [("IPython", PYTHON, None)], args.interleave)
        return
    labels = [j[0] for j in javas]
    results = {n: {"ready": [], "first": [], "trip": []} for n in labels + [PYTHON]}
    interrupts = {n: [] for n in labels}
    # The yardsticks are JShell's, not a kernel's: measured once per start, with the last --java build's tool.
    bare, bare_set_up = [], []
    for _ in range(args.starts):
        bare.append(bare_jshell_millis(javas[-1][2]))
        bare_set_up.append(bare_jshell_millis(javas[-1][2], kernel_set_up=True))
        for label, name, specs in javas + [(PYTHON, PYTHON, None)]:
            km, kc = None, None
            try:
                km, kc, ready, first = start(name, specs)
                results[label]["ready"].append(ready)
                results[label]["first"].append(first)
                results[label]["trip"].append(round_trips(kc, args.cells))
                if name == JAVA:
                    interrupts[label].append(interrupt_busy_loop(km, kc))
            finally:
                if km:
                    stop(km, kc)
    med = {n: {k: statistics.median(v) for k, v in r.items()} for n, r in results.items()}
    width = max(17, *(len(lb) for lb in labels))
    lines = [
        f"KernelBenchmark: {os.cpu_count()} cores; medians of {args.starts} starts, alternating the kernels; "
        f"load average {os.getloadavg()[0]:.1f} at the end",
        f"{'measure':44} " + " ".join(f"{lb:>{width}}" for lb in labels) + f" {'IPython':>10} "
        + " ".join(f"{'ratio':>7}" for _ in labels),
    ]
    for key, label, scale, form in (("ready", "start to kernel_info reply (s)", 1, ".2f"),
                                    ("first", "start to first result of 6*7 (s)", 1, ".2f"),
                                    ("trip", "trivial cell 6*7 round trip, warm (ms, median)", 1e3, ".1f")):
        lines.append(f"{label:44} " + " ".join(f"{med[lb][key] * scale:{width}{form}}" for lb in labels)
                     + f" {med[PYTHON][key] * scale:10{form}} "
                     + " ".join(f"{med[lb][key] / med[PYTHON][key]:7.2f}" for lb in labels))
    if args.starts > 1:
        for key, label in (("first", "  first result, each start (ratio)"),):
            for lb in labels:
                each = ", ".join(f"{j / p:.2f}" for j, p in zip(results[lb][key], results[PYTHON][key]))
                lines.append(f"{label + ' ' + lb:44} {each}")
    lines.append(f"{'bare in-process JShell eval of 6*7 (ms)':44} {statistics.median(bare):{width}.1f}")
    lines.append(f"{'  set up as a kernel (class path, imports)':44} {statistics.median(bare_set_up):{width}.1f}")
    lines.append(f"{'interrupt of a busy loop to its reply (s)':44} "
                 + " ".join(f"{statistics.median(i[0] for i in interrupts[lb]):{width}.2f}" for lb in labels))
    lines.append(f"{'kernel CPU in the 3rd second after it (s/s)':44} "
                 + " ".join(f"{max(i[1] for i in interrupts[lb]):{width}.2f}" for lb in labels)
                 + "   (the highest of each)")
    text = "\n".join(lines)
    print(text)
    os.makedirs("target/benchmarks", exist_ok=True)
    with open("target/benchmarks/KernelBenchmark.txt", "w") as f:
        f.write(text + "\n")


if __name__ == "__main__":
    main()
