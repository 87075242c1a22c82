"""Serves the Java side's sweeps: one JSON request per line on stdin, one JSON answer per line.

Requests: {"op": "open", "pool": "threads" | "processes", "size": N} starts a pool of N workers and warms it;
{"op": "run", "workers": W, "calls": [["sum_range", [0, 1000]], ...]} runs the calls with at most W at once and
answers {"results": [...], "seconds": S}, S being this side's own time.perf_counter() reading of the run. A
failure answers {"error": {"type": ..., "message": ..., "traceback": ...}}. The answers travel on a private copy
of the original stdout; whatever the tasks print goes to stderr.
"""

import json
import os
import sys
import time
import traceback
import warnings

import jcn
import jcn_work


def main():
    answers = os.fdopen(os.dup(1), "w", encoding="utf-8", buffering=1)
    os.dup2(2, 1)  # fd 1 is stderr from here on, in this process and in every child it starts
    # Python 3.12+ warns when a process with threads forks; the pool's own helper threads are harmless here.
    warnings.filterwarnings("ignore", message=".*multi-threaded.*fork", category=DeprecationWarning)
    pool = None
    for line in iter(sys.stdin.readline, ""):
        request = json.loads(line)
        try:
            if request["op"] == "open":
                pool = jcn_work.new_pool(request["pool"], request["size"])
                jcn_work.warm(pool, request["size"])
                answer = {"opened": request["size"]}
            else:
                started = time.perf_counter()
                results = jcn_work.run_calls(pool, request["calls"], request["workers"])
                answer = {"results": results, "seconds": time.perf_counter() - started}
        except Exception as error:  # noqa: B902 - the Java side rethrows it
            answer = {"error": {"type": type(error).__name__, "message": str(error),
                                "traceback": traceback.format_exc()}}
        answers.write(jcn.to_json(answer) + "\n")
    if pool is not None:
        pool.shutdown(cancel_futures=True)


if __name__ == "__main__":
    main()
