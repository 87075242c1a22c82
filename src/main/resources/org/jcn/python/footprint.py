"""What one more thread or process costs in Python: time to start it, and memory while it waits.

usage: footprint.py [--threads 200] [--processes 2] [--starts 30] [--methods fork,spawn,forkserver]

Start cost: the median time to start a worker whose target returns at once and to join it. Memory: for threads,
the growth of this process's resident set size (RSS) while --threads threads wait on an event, divided by their
count; for processes, the RSS of each waiting child, and the part of it that is its own (private pages; a forked
child shares the rest with its parent until either writes to it). Read from /proc (Linux). One record per unit.
"""

import argparse
import multiprocessing
import os
import statistics
import threading
import time

import jcn


def status_kib(pid, field):
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise RuntimeError(f"/proc/{pid}/status has no {field} line")


def private_kib(pid):
    total = 0
    with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as rollup:
        for line in rollup:
            if line.startswith(("Private_Clean:", "Private_Dirty:")):
                total += int(line.split()[1])
    return total


def nothing():
    pass


def wait_for(event):
    event.wait()


def median_start_ms(make, starts):
    times = []
    for _ in range(starts):
        began = time.perf_counter()
        worker = make()
        worker.start()
        worker.join()
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times)


def thread_record(count, starts):
    start_ms = median_start_ms(lambda: threading.Thread(target=nothing), starts)
    release = threading.Event()
    before = status_kib(os.getpid(), "VmRSS")
    threads = [threading.Thread(target=wait_for, args=(release,)) for _ in range(count)]
    for t in threads:
        t.start()
    grown = status_kib(os.getpid(), "VmRSS") - before
    release.set()
    for t in threads:
        t.join()
    return dict(unit="thread", measured=count, start_ms=start_ms, rss_kib=max(0.0, grown / count),
                private_kib=max(0.0, grown / count))


def process_record(method, count, starts):
    context = multiprocessing.get_context(method)
    context.Process(target=nothing).start()  # a forkserver starts its server on first use: not part of the cost
    start_ms = median_start_ms(lambda: context.Process(target=nothing), starts)
    release = context.Event()
    children = [context.Process(target=wait_for, args=(release,)) for _ in range(count)]
    for c in children:
        c.start()
    time.sleep(0.5)  # let each child finish starting up and reach its wait
    rss = [status_kib(c.pid, "VmRSS") for c in children]
    own = [private_kib(c.pid) for c in children]
    release.set()
    for c in children:
        c.join()
    return dict(unit=f"process ({method})", measured=count, start_ms=start_ms, rss_kib=statistics.mean(rss),
                private_kib=statistics.mean(own))


def main():
    parser = argparse.ArgumentParser(description="Start cost and memory of a Python thread and process.")
    parser.add_argument("--threads", type=int, default=200)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--starts", type=int, default=30)
    parser.add_argument("--methods", default=",".join(multiprocessing.get_all_start_methods()))
    args = parser.parse_args()
    records = [thread_record(args.threads, 10 * args.starts)]
    for method in args.methods.split(","):
        records.append(process_record(method, args.processes, args.starts))
    for r in records:
        print(f"{r['unit']}: starts in {r['start_ms']:.2f} ms, {r['rss_kib']:.0f} KiB resident, "
              f"{r['private_kib']:.0f} KiB of it its own")
        jcn.report(**r)


if __name__ == "__main__":
    main()
