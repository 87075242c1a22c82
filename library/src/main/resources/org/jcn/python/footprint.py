"""What one more thread or process costs in Python: time to start it, and memory while it waits.

usage: footprint.py [--threads 200] [--processes 2] [--starts 30] [--methods fork,spawn,forkserver]

Start cost: the median time (and quartiles) to start a worker whose target returns at once and to join it, measured
for the thread and every start method interleaved, in an order that rotates from round to round, so that a burst of
outside load slows all of them alike. Memory: for threads,
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


def one_start_ms(make):
    began = time.perf_counter()
    worker = make()
    worker.start()
    worker.join()
    return (time.perf_counter() - began) * 1000


def interleaved_start_ms(makers, rounds):
    """Times every maker once per round, the order rotating between rounds; returns name -> list of ms."""
    names = list(makers)
    times = {name: [] for name in names}
    for r in range(rounds):
        shift = r % len(names)
        order = names[shift:] + names[:shift]
        if r % 2:
            order.reverse()
        for name in order:
            times[name].append(one_start_ms(makers[name]))
    return times


def quartiles(values):
    if len(values) < 2:
        return values[0], values[0], values[0]
    q = statistics.quantiles(values, n=4, method="inclusive")
    return q[0], statistics.median(values), q[2]


def thread_memory(count):
    release = threading.Event()
    before = status_kib(os.getpid(), "VmRSS")
    threads = [threading.Thread(target=wait_for, args=(release,)) for _ in range(count)]
    for t in threads:
        t.start()
    grown = status_kib(os.getpid(), "VmRSS") - before
    release.set()
    for t in threads:
        t.join()
    return max(0.0, grown / count)


def process_memory(context, count):
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
    return statistics.mean(rss), statistics.mean(own)


def record(unit, count, times, rss, own):
    q1, median, q3 = quartiles(times)
    # Rounded to what the measurement supports: microseconds of start time, whole KiB of memory.
    return dict(unit=unit, measured=count, start_ms=round(median, 3), start_q1_ms=round(q1, 3),
                start_q3_ms=round(q3, 3), rss_kib=round(rss), private_kib=round(own))


def main():
    parser = argparse.ArgumentParser(description="Start cost and memory of a Python thread and process.")
    parser.add_argument("--threads", type=int, default=200)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--starts", type=int, default=30)
    parser.add_argument("--methods", default=",".join(multiprocessing.get_all_start_methods()))
    args = parser.parse_args()
    contexts = {f"process ({m})": multiprocessing.get_context(m) for m in args.methods.split(",")}
    for context in contexts.values():
        context.Process(target=nothing).start()  # a forkserver starts its server on first use: not part of the cost
    makers = {"thread": lambda: threading.Thread(target=nothing)}
    makers.update({unit: (lambda c=context: c.Process(target=nothing)) for unit, context in contexts.items()})
    times = interleaved_start_ms(makers, args.starts)
    # Threads start in microseconds: ten more starts of a thread per round cost nothing and steady its median.
    times["thread"] += interleaved_start_ms({"thread": makers["thread"]}, 9 * args.starts)["thread"]
    thread_kib = thread_memory(args.threads)
    records = [record("thread", args.threads, times["thread"], thread_kib, thread_kib)]
    for unit, context in contexts.items():
        rss, own = process_memory(context, args.processes)
        records.append(record(unit, args.processes, times[unit], rss, own))
    for r in records:
        print(f"{r['unit']}: starts in {r['start_ms']:.2f} ms (middle half {r['start_q1_ms']:.2f}-{r['start_q3_ms']:.2f}), "
              f"{r['rss_kib']:.0f} KiB resident, "
              f"{r['private_kib']:.0f} KiB of it its own")
        jcn.report(**r)


if __name__ == "__main__":
    main()
