"""The work that the Python side measures, and the pools it runs on. Shared by the programs and worker.py.

sum_range is the CPU-bound loop of the lessons, written as plain Python: one bytecode loop, one addition per
integer, nothing handed to C. It is what the global interpreter lock (GIL) serialises.
"""

import concurrent.futures
import multiprocessing
import threading


def sum_range(start, stop):
    """The sum of start, start+1, ..., stop-1, added one at a time."""
    total = 0
    for i in range(start, stop):
        total += i
    return total


FUNCTIONS = {"sum_range": sum_range}


def call(name, args):
    """Runs FUNCTIONS[name](*args); module level, so a process pool can send it by name."""
    return FUNCTIONS[name](*args)


def slices(n, parts):
    """[0, n) cut into `parts` contiguous (start, stop) pieces, the way the Java workload cuts it."""
    return [(n * k // parts, n * (k + 1) // parts) for k in range(parts)]


def new_pool(kind, size, start_method=None):
    """An executor of `size` workers: "threads", "processes" (a start method may be named) or "interpreters"."""
    if kind == "threads":
        return concurrent.futures.ThreadPoolExecutor(size)
    if kind == "processes":
        context = multiprocessing.get_context(start_method)
        return concurrent.futures.ProcessPoolExecutor(size, mp_context=context)
    if kind == "interpreters":
        executor = getattr(concurrent.futures, "InterpreterPoolExecutor", None)
        if executor is None:
            raise RuntimeError("InterpreterPoolExecutor needs Python 3.14 or newer")
        return executor(size)
    raise ValueError(f"pool kind must be threads, processes or interpreters but was {kind!r}")


def run_calls(pool, calls, workers):
    """Runs every (name, args) call on the pool, at most `workers` at once; returns the results in order."""
    gate = threading.BoundedSemaphore(workers)
    futures = []
    try:
        for name, args in calls:
            gate.acquire()
            future = pool.submit(call, name, list(args))
            future.add_done_callback(lambda _done: gate.release())
            futures.append(future)
        return [future.result() for future in futures]
    finally:
        for future in futures:
            future.cancel()


def warm(pool, size):
    """Makes the pool start all `size` workers now, so that no measured run pays for starting one."""
    run_calls(pool, [("sum_range", (0, 300_000))] * size, size)
