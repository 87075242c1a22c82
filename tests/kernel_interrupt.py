"""Checks through the real kernel what an interrupt does to work a cell started with the library's helpers.

Usage (after kernel/install):  JUPYTER_PATH=.jupyter-local /usr/bin/python3 tests/kernel_interrupt.py

Two cases, each in a fresh kernel:
  - "while waiting": the cell's code has finished and the cell waits for its thread; the interrupt must
    interrupt that thread;
  - "while running": the cell's own code is blocked when the interrupt arrives; the task it started must be
    cancelled (its thread interrupted) as well.
In both, the work reports its interruption by writing a marker file, because rapaio-jupyter-kernel 3.0.1 runs
no further cells after an interrupt (it shuts its evaluator down), and a following cell must not receive any
of the interrupted work's output. Prints one line per case and "N passed, M failed"; exits 1 on a failure.
"""

import os
import queue
import sys
import tempfile
import time

from jupyter_client.manager import KernelManager

WORK = """Threads.start("ticker", () -> {{
    try {{ for (int i = 0; i < 120; i++) {{ System.out.println("tick " + i); Thread.sleep(500); }} }}
    catch (InterruptedException e) {{
        try {{ java.nio.file.Files.writeString(java.nio.file.Path.of("{marker}"), "interrupted"); }}
        catch (java.io.IOException io) {{ throw new java.io.UncheckedIOException(io); }}
    }}
}});"""

TASK = """Tasks.createTask(() -> {{
    try {{ Tasks.sleep(Duration.ofMinutes(1)); }}
    catch (InterruptedException e) {{ java.nio.file.Files.writeString(java.nio.file.Path.of("{marker}"), "interrupted"); }}
    return null;
}});
System.out.println("the cell blocks");
Thread.sleep(60_000);"""


def collect(kc, msg_id, until, seconds):
    """Stream texts published for msg_id until `until(texts)` holds or `seconds` pass."""
    texts, deadline = [], time.monotonic() + seconds
    while time.monotonic() < deadline and not until(texts):
        try:
            msg = kc.get_iopub_msg(timeout=0.2)
        except queue.Empty:
            continue
        if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "stream":
            texts.append(msg["content"]["text"])
    return texts


def run_case(name, code, interrupt_when):
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        marker = os.path.join(tmp, "marker")
        km = KernelManager(kernel_name="java-concurrency")
        km.start_kernel(stdout=open(os.devnull, "w"), stderr=open(os.devnull, "w"))
        kc = km.client()
        kc.start_channels()
        try:
            kc.wait_for_ready(timeout=120)
            cell = kc.execute(code.format(marker=marker))
            texts = collect(kc, cell, interrupt_when, 60)
            if not interrupt_when(texts):
                problems.append(f"the cell never reached the point to interrupt; it printed {texts!r}")
            km.interrupt_kernel()
            deadline = time.monotonic() + 15
            while not os.path.exists(marker) and time.monotonic() < deadline:
                time.sleep(0.1)
            if not os.path.exists(marker):
                problems.append("the interrupt did not interrupt the work the cell started")
            later = kc.execute('System.out.println("later cell");')
            leaked = [t for t in collect(kc, later, lambda ts: False, 3) if "tick" in t or "waiting" in t]
            if leaked:
                problems.append(f"the interrupted cell's work printed into a later cell: {leaked!r}")
        except Exception as e:  # a kernel that does not start or answer
            problems.append(f"{type(e).__name__}: {e}")
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=True)
    print(("PASS " if not problems else "FAIL ") + name)
    for problem in problems:
        print("     " + problem)
    sys.stdout.flush()
    return not problems


def main():
    results = [
        run_case("interrupt while the cell waits for its thread", WORK,
                 lambda texts: any("[waiting for" in t for t in texts) and any("tick 1" in t for t in texts)),
        run_case("interrupt while the cell's own code runs", TASK,
                 lambda texts: any("the cell blocks" in t for t in texts)),
    ]
    print(f"interrupts: {results.count(True)} passed, {results.count(False)} failed")
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
