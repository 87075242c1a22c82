"""The CPU-bound sum, timed on each of Python's ways of running work at once.

usage: cpu_sum.py N [--each] [--workers 1,2] [--ways threading,multiprocessing:spawn,...]

Split mode (the default) shares the sum of 0 .. N-1 out between the workers; with --each every worker adds the
whole range, as the tutorials' "one process per core" examples do. Ways:
  sequential                    the workers' shares one after another on the main thread
  threading                     one threading.Thread per worker
  multiprocessing[:METHOD]      one multiprocessing.Process per worker (METHOD: fork, spawn or forkserver;
                                without it, the platform's default)
  futures-threads               a concurrent.futures.ThreadPoolExecutor
  futures-processes[:METHOD]    a concurrent.futures.ProcessPoolExecutor
  interpreters                  a concurrent.futures.InterpreterPoolExecutor (Python 3.14+)
Each timing covers the whole job, starting the workers included, as a program timing itself would. Every result
is checked against n(n-1)/2. One record per way and worker count: way, workers, n, mode, seconds, correct.
"""

import argparse
import multiprocessing
import threading
import time

import jcn
from jcn_work import new_pool, slices, sum_range


def shares(n, workers, each):
    return [(0, n)] * workers if each else slices(n, workers)


def on_threads(parts):
    results = [None] * len(parts)

    def work(k):
        results[k] = sum_range(*parts[k])

    threads = [threading.Thread(target=work, args=(k,)) for k in range(len(parts))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def _process_body(queue, k, start, stop):
    queue.put((k, sum_range(start, stop)))


def on_processes(parts, method):
    context = multiprocessing.get_context(method)
    queue = context.Queue()
    processes = [context.Process(target=_process_body, args=(queue, k, *parts[k])) for k in range(len(parts))]
    for p in processes:
        p.start()
    answers = dict(queue.get() for _ in processes)  # read before join: a full pipe would block the child
    for p in processes:
        p.join()
    return [answers[k] for k in range(len(parts))]


def on_pool(parts, kind, method):
    with new_pool(kind, len(parts), method) as pool:
        return list(pool.map(sum_range, *zip(*parts)))


def run(way, parts):
    name, _, method = way.partition(":")
    method = method or None
    if name == "sequential":
        return [sum_range(*part) for part in parts]
    if name == "threading":
        return on_threads(parts)
    if name == "multiprocessing":
        return on_processes(parts, method)
    if name == "futures-threads":
        return on_pool(parts, "threads", None)
    if name == "futures-processes":
        return on_pool(parts, "processes", method)
    if name == "interpreters":
        return on_pool(parts, "interpreters", None)
    raise SystemExit(f"unknown way {way!r}; see the usage at the top of cpu_sum.py")


def main():
    parser = argparse.ArgumentParser(description="The CPU-bound sum on Python's ways of running work at once.")
    parser.add_argument("n", type=int)
    parser.add_argument("--each", action="store_true", help="every worker adds the whole range")
    parser.add_argument("--workers", default="1,2", help="worker counts, such as 1,2,4")
    parser.add_argument("--ways", default="sequential,threading,multiprocessing")
    args = parser.parse_args()
    mode = "each" if args.each else "split"
    for way in args.ways.split(","):
        if way == "interpreters" and not jcn.facts()["interpreter_pool"]:
            print(f"{way}: not available in Python {jcn.facts()['version']} (needs 3.14)")
            jcn.report(way=way, workers=0, n=args.n, mode=mode, seconds=None, correct=None, skipped=True)
            continue
        for workers in jcn.parse_ints(args.workers):
            parts = shares(args.n, workers, args.each)
            started = time.perf_counter()
            results = run(way, parts)
            seconds = time.perf_counter() - started
            correct = sum(results) == sum(b * (b - 1) // 2 - a * (a - 1) // 2 for a, b in parts)
            print(f"{way}, {workers} worker{'s' if workers > 1 else ''}: {seconds:.3f} s")
            jcn.report(way=way, workers=workers, n=args.n, mode=mode, seconds=seconds, correct=correct,
                       skipped=False)


if __name__ == "__main__":
    main()
