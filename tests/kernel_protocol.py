"""Checks the Java kernel at the protocol level, as a front end sees it: through jupyter_client only.

Usage (after kernel/install):
    JUPYTER_PATH=.jupyter-local /usr/bin/python3 tests/kernel_protocol.py [--kernel NAME] [--only WORD ...]
        [--junitxml FILE]

One check per behaviour, each with its own time limit:
  - interrupts (by message and by SIGINT) end the running cell with an "Interrupted" error, keep the session,
    stop the CPU work, and leave no child JVM behind;
  - output of threads a cell starts is published under that cell's request, never under a later one's;
  - restart, shutdown and the death of the process that launched the kernel leave no process or port behind;
  - error replies, stdin, kernel_info/complete/inspect/is_complete/history/comm_info and rich display, including
    a sweep's live chart (update_display_data).
Checks that do not disturb each other share a kernel; a check that fails gets the next one a fresh kernel.
Each check is a pytest test (`python3 -m pytest tests/kernel_protocol.py` runs them; --junitxml=FILE writes a
JUnit-style report). Run as a script, it starts pytest on itself, prints "PASS name" or "FAIL name: reason" per
check and ends with "kernel protocol: N passed, N failed"; exits 1 when any check failed. Every process the suite
started is killed before it exits (its last test checks that none was left).
"""

import argparse
import base64
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

import zmq
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager

KERNEL_NAME = "java-concurrency"
START_TIMEOUT = 90          # seconds for a kernel to answer its first kernel_info
CHANNELS = ("iopub", "shell", "control", "stdin")
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
CLK_TCK = os.sysconf("SC_CLK_TCK")
INTERRUPT_REPLY_LIMIT = 5.0  # generous: timing claims live in the benchmarks, this only catches "never"
CPU_BUSY_LIMIT = 0.3         # CPU seconds per second the kernel JVM may still use 2 s after an interrupt


class Fail(AssertionError):
    """A check's assertion failed; the message is the reason printed after FAIL."""


class CheckTimeout(Exception):
    pass


def expect(condition, reason):
    if not condition:
        raise Fail(reason)


def short(text, limit=300):
    text = ANSI.sub("", str(text)).replace("\n", "\\n")
    return text if len(text) <= limit else text[:limit] + "..."


# ---------------------------------------------------------------------------------------------------------
# Processes, read from /proc.

def proc_stat(pid):
    """(state, ppid, start time, utime+stime ticks, name) of a process or thread, or None when it is gone."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            data = f.read()
    except OSError:
        return None
    name = data[data.find("(") + 1:data.rfind(")")]
    fields = data[data.rfind(")") + 2:].split()
    # fields[0] is field 3 of proc(5): state; ppid is field 4, utime 14, stime 15, starttime 22.
    return fields[0], int(fields[1]), int(fields[19]), int(fields[11]) + int(fields[12]), name


def cmdline(pid):
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return f.read().replace(b"\0", b" ").decode(errors="replace").strip()
    except OSError:
        return "?"


def alive(pid, start=None):
    """Whether pid runs, and is still the process that had this start time. A zombie counts as gone once all
    its threads are: while a JVM exits, its main thread can be a zombie while others still hold its sockets."""
    stat = proc_stat(pid)
    if stat is None or (start is not None and stat[2] != start):
        return False
    if stat[0] != "Z":
        return True
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return False
    return any((proc_stat(f"{pid}/task/{tid}") or ("Z",))[0] != "Z" for tid in tasks)


RESULTS = []  # (kernel label, message) of every execute_result any kernel of the suite published
SEEN = {}  # pid -> start time of every kernel and kernel descendant this suite has seen, for the final sweep


def remember(pid):
    stat = proc_stat(pid)
    if stat is not None:
        SEEN.setdefault(pid, stat[2])


def descendants(pid):
    """Pids of the living descendants of pid (zombies excluded), each remembered for the final sweep."""
    children = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            stat = proc_stat(int(entry))
            if stat is not None and stat[0] != "Z":
                children.setdefault(stat[1], []).append(int(entry))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    for child in found:
        remember(child)
    return found


def describe(pids):
    return "; ".join(f"{p} {short(cmdline(p), 120)}" for p in pids)


def java_descendants(pid):
    return [p for p in descendants(pid) if "java" in os.path.basename(cmdline(p).split(" ")[0])]


def thread_ticks(pid):
    ticks = {}
    try:
        tids = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return ticks
    for tid in tids:
        stat = proc_stat(f"{pid}/task/{tid}")
        if stat is not None:
            ticks[tid] = (stat[4], stat[3])
    return ticks


# The JIT compiler's threads may still be finishing the compilations the cell's code queued, more so on a busy
# machine; that ends by itself and is not the cell's code still running, so the busy check leaves them out.
JIT_THREADS = ("C1 CompilerThre", "C2 CompilerThre")


def cpu_use(pid, seconds=1.0):
    """CPU seconds per second the process used over `seconds` (all its threads but the JIT compiler's, from
    /proc/PID/task/*/stat), and the name and share of its busiest such thread."""
    threads_before = thread_ticks(pid)
    start = time.monotonic()
    time.sleep(seconds)
    threads_after = thread_ticks(pid)
    elapsed = time.monotonic() - start
    if not threads_after:
        return 0.0, "-", 0.0
    deltas = [(ticks - threads_before.get(tid, (name, 0))[1], name) for tid, (name, ticks) in threads_after.items()
              if not name.startswith(JIT_THREADS)]
    total = sum(delta for delta, _ in deltas) / CLK_TCK / elapsed
    busiest = max(deltas, default=(0, "-"))
    return total, busiest[1], busiest[0] / CLK_TCK / elapsed


def port_accepts(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


def wait_until(predicate, seconds, step=0.1):
    deadline = time.monotonic() + seconds
    while True:
        if predicate():
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(step)


def kill_remembered():
    """SIGKILLs every remembered process that still runs and waits (up to 5 s) until they are gone; returns the
    ones it had to kill."""
    left = [(pid, start) for pid, start in SEEN.items() if alive(pid, start)]
    for pid, _ in left:
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass
    wait_until(lambda: not any(alive(pid, start) for pid, start in left), 5)
    return [pid for pid, _ in left]


# ---------------------------------------------------------------------------------------------------------
# A kernel, talked to as a front end does. Every message of every channel is read by one pump into logs, so a
# check can ask what was published for which request, in which order, and when it arrived.

class Cell:
    def __init__(self, kernel, msg_id, code):
        self.kernel, self.msg_id, self.code = kernel, msg_id, code
        self.sent = time.monotonic()

    @property
    def reply(self):
        return self.kernel.find("shell", self.msg_id)

    def outputs(self, *types):
        return [m for m in self.kernel.logs["iopub"]
                if m["parent_header"].get("msg_id") == self.msg_id and (not types or m["msg_type"] in types)]

    def idle(self):
        return any(m["msg_type"] == "status" and m["content"]["execution_state"] == "idle" for m in self.outputs())

    def stream(self, name="stdout"):
        return "".join(m["content"]["text"] for m in self.outputs("stream") if m["content"]["name"] == name)

    def results(self):
        return [m["content"]["data"] for m in self.outputs("execute_result")]

    def count(self):
        """The cell's execution count, from its reply."""
        return self.reply["content"]["execution_count"]

    def value(self):
        results = self.results()
        expect(results, f"no execute_result for {short(self.code, 60)!r}")
        expect("text/plain" in results[-1], f"the execute_result has no text/plain, only {sorted(results[-1])}")
        return results[-1]["text/plain"]


class Kernel:
    def __init__(self, label, kernel_name, setup=(), env=None):
        self.label, self.kernel_name, self.setup, self.env = label, kernel_name, setup, env
        self.km = self.kc = None
        self.logs = {c: [] for c in CHANNELS}

    def start(self):
        self.logfile = tempfile.NamedTemporaryFile(prefix=f"jcn-kernel-{self.label}-", suffix=".log", delete=False)
        self.km = KernelManager(kernel_name=self.kernel_name)
        self.km.shutdown_wait_time = 10  # the kernel gets 5 s to exit on its own before it is signalled
        try:
            self.km.start_kernel(stdout=self.logfile, stderr=subprocess.STDOUT,
                                 **({"env": dict(os.environ, **self.env)} if self.env else {}))
            self.after_start()
        except BaseException:
            self.close()
            raise
        return self

    def after_start(self):
        self.pid = launched_pid(self.km)
        remember(self.pid)
        self.logs = {c: [] for c in CHANNELS}
        self.kc = self.km.client()
        self.kc.start_channels()
        try:
            self.kc.wait_for_ready(timeout=START_TIMEOUT)
        except RuntimeError as e:
            raise Fail(f"the kernel did not start: {e}; its log: {self.log_tail()}") from e
        self.sockets = {c: zmq.Socket.shadow(getattr(self.kc, f"{c}_channel").socket.underlying) for c in CHANNELS}
        self.poller = zmq.Poller()
        for sock in self.sockets.values():
            self.poller.register(sock, zmq.POLLIN)
        for code in self.setup:
            self.run_ok(code)

    def log_tail(self, lines=8):
        try:
            with open(self.logfile.name, errors="replace") as f:
                return short(" | ".join(f.read().splitlines()[-lines:]), 800)
        except OSError:
            return "(no log)"

    def alive(self):
        return self.km is not None and self.km.is_alive()

    def close(self):
        """Shuts the kernel down now and kills whatever of it survived (it was remembered)."""
        if self.km is None:
            return
        try:
            if self.km.has_kernel:
                descendants(self.pid)
            if self.kc is not None:
                self.kc.stop_channels()
            if self.km.has_kernel:
                self.km.shutdown_kernel(now=True)
        except Exception:
            pass
        finally:
            kill_remembered()
            self.km = self.kc = None
            try:
                self.logfile.close()
                os.unlink(self.logfile.name)
            except OSError:
                pass

    # -- messages

    def pump(self, seconds=0.0):
        """Moves every message that arrives within `seconds` (at least everything already there) into the logs."""
        end = time.monotonic() + seconds
        while True:
            self.pump_once(max(0.0, end - time.monotonic()))
            if time.monotonic() >= end:
                return

    def pump_once(self, timeout):
        """Waits up to `timeout` s for a message on any channel, then logs every message that is there.

        The channels' sockets are read through synchronous shadows of them and one poller, so waiting costs no
        CPU (jupyter_client's per-call event loop would keep a core busy while a check measures the kernel's)."""
        ready = dict(self.poller.poll(timeout * 1000))
        for channel, sock in self.sockets.items():
            if sock not in ready:
                continue
            while sock.poll(0):
                _, parts = self.kc.session.feed_identities(sock.recv_multipart())
                msg = self.kc.session.deserialize(parts)
                msg["received"] = time.monotonic()
                self.logs[channel].append(msg)
                if msg["msg_type"] == "execute_result":
                    RESULTS.append((self.label, msg))

    def find(self, channel, parent_id, msg_type=None):
        for msg in self.logs[channel]:
            if msg["parent_header"].get("msg_id") == parent_id and (msg_type is None or msg["msg_type"] == msg_type):
                return msg
        return None

    def wait(self, predicate, seconds, what):
        deadline = time.monotonic() + seconds
        while True:
            self.pump_once(min(0.05, max(0.0, deadline - time.monotonic())))
            value = predicate()
            if value:
                return value
            if time.monotonic() >= deadline:
                raise Fail(f"{what} did not happen within {seconds:g} s")

    def send(self, code, allow_stdin=False):
        return Cell(self, self.kc.execute(code, allow_stdin=allow_stdin, stop_on_error=False), code)

    def run(self, code, seconds=30, allow_stdin=False):
        cell = self.send(code, allow_stdin)
        self.wait(lambda: cell.reply, seconds, f"the reply to {short(code, 60)!r}")
        self.wait(cell.idle, 5, f"the idle status after {short(code, 60)!r}")
        return cell

    def run_ok(self, code, seconds=30):
        cell = self.run(code, seconds)
        content = cell.reply["content"]
        expect(content["status"] == "ok",
               f"{short(code, 60)!r} failed: {content.get('ename')}: {short(content.get('evalue'), 200)} "
               f"{short(' '.join(content.get('traceback', [])), 400)}")
        return cell

    def request(self, channel, msg_type, content, seconds=10):
        """Sends a request on the shell or control channel and returns its reply."""
        msg = self.kc.session.msg(msg_type, content)
        getattr(self.kc, f"{channel}_channel").send(msg)
        msg_id = msg["header"]["msg_id"]
        return self.wait(lambda: self.find(channel, msg_id), seconds, f"the {msg_type} reply on {channel}")


def launched_pid(km):
    provisioner = getattr(km, "provisioner", None)
    if provisioner is not None and getattr(provisioner, "process", None) is not None:
        return provisioner.process.pid
    return km.kernel.pid


def jvm_pid(kernel):
    """The kernel's JVM: the launched process, or its only java descendant when a script launched it."""
    if "java" in os.path.basename(cmdline(kernel.pid).split(" ")[0]):
        return kernel.pid
    jvms = java_descendants(kernel.pid)
    return jvms[0] if jvms else kernel.pid


# ---------------------------------------------------------------------------------------------------------
# The checks. Each is registered with the kernel it runs on: a shared one by group name, or None for a check
# that starts (and always stops) its own.

CHECKS = []
GROUP_SETUP = {"interrupts": ["int x = 41;"], "routing": [], "misc": []}


def check(name, seconds, group=None):
    def register(function):
        CHECKS.append((name, function, seconds, group))
        return function
    return register


def assert_session_survives(k):
    value = k.run_ok("x + 1", 20).value()
    expect(value.strip() == "42", f"after the interrupt `x + 1` gave {value!r}, not 42")


def assert_no_children(k, seconds=5):
    if not wait_until(lambda: not descendants(k.pid), seconds):
        raise Fail(f"{seconds} s after the interrupt the kernel still has child processes: "
                   f"{describe(descendants(k.pid))}")


def assert_cpu_quiet(k, since):
    time.sleep(max(0.0, since + 2.0 - time.monotonic()))
    total, thread, share = cpu_use(jvm_pid(k))
    expect(total < CPU_BUSY_LIMIT,
           f"2 s after the interrupt the kernel JVM's threads (JIT compiler aside) still used {total:.2f} CPU s per s "
           f"(busiest thread {thread!r}: {share:.2f})")


RUNNING = 'System.out.println("cell code running");\n'


def interrupt_cell(k, cell, ready_seconds, how="message", ready=None, limit=INTERRUPT_REPLY_LIMIT):
    """Waits until the cell's code runs (it prints RUNNING first), interrupts it `ready_seconds` later, and checks
    the reply and the error message; returns the time the reply arrived."""
    k.wait(lambda: "cell code running" in cell.stream() or cell.reply, 30, "the cell's first line of output")
    if ready is not None:
        ready()
    k.pump(ready_seconds)
    reply = cell.reply
    expect(reply is None, "the cell ended before it was interrupted: "
           f"{reply and reply['content'].get('ename')}: {reply and short(reply['content'].get('evalue'))}")
    sent = time.monotonic()
    if how == "message":
        k.km.interrupt_kernel()
    else:
        os.kill(k.pid, signal.SIGINT)
    reply = k.wait(lambda: cell.reply, 20, "the interrupted cell's execute_reply")
    took = reply["received"] - sent
    content = reply["content"]
    expect(content["status"] == "error", f"the interrupted cell's reply has status {content['status']!r}")
    expect(content.get("ename") == "Interrupted",
           f"the interrupted cell's ename is {content.get('ename')!r} ({short(content.get('evalue'))})")
    evalue = content.get("evalue", "")
    expect(evalue.strip() and "\n" not in evalue.strip(),
           f"the interrupted cell's evalue is not one line saying what was stopped: {evalue!r}")
    k.wait(lambda: cell.outputs("error"), 5, "an iopub error message for the interrupted cell")
    errors = [m["content"].get("ename") for m in cell.outputs("error")]
    expect(errors == ["Interrupted"], f"the interrupted cell's iopub error messages have enames {errors}")
    expect(took < limit, f"the interrupt took {took:.1f} s to reach its reply")
    return reply["received"]


def interrupt_case(k, code, ready_seconds=0.5, cpu=False, how="message", ready=None):
    cell = k.send(RUNNING + code)
    replied = interrupt_cell(k, cell, ready_seconds, how, ready)
    assert_no_children(k)
    if cpu:
        assert_cpu_quiet(k, replied)
    assert_session_survives(k)


@check("interrupt a busy loop in cell code", 60, "interrupts")
def interrupt_busy_loop(k):
    interrupt_case(k, "long s = 0;\nfor (long i = 0; ; i++) { s += i; }", cpu=True)


@check("interrupt Thread.sleep", 40, "interrupts")
def interrupt_sleep(k):
    interrupt_case(k, "Thread.sleep(60_000);")


@check("interrupt a CompletableFuture join", 40, "interrupts")
def interrupt_future_join(k):
    k.run_ok("CompletableFuture<String> f = new CompletableFuture<>();")
    interrupt_case(k, "f.join()")


@check("interrupt a CompletableFuture get", 40, "interrupts")
def interrupt_future_get(k):
    k.run_ok("CompletableFuture<String> g = new CompletableFuture<>();")
    interrupt_case(k, "g.get()")


@check("interrupt a library sweep", 60, "interrupts")
def interrupt_sweep(k):
    # 50 rounds of 3e9 additions take minutes. Not 4e9, the documented maximum: the workload's own check computes
    # n(n-1)/2 in a long, which overflows above about 3.04e9, so such a sweep fails at its first measurement.
    interrupt_case(k, "Sweep.of(Workloads.sumOfRange(3_000_000_000L))\n"
                      "        .withMechanisms(Mechanism.PLATFORM_THREADS).withWorkerCounts(1, 2)\n"
                      "        .withQuickMode(false).withRepetitions(50)\n"
                      "        .run()", ready_seconds=2.0, cpu=True)


@check("interrupt a ProcessPool map", 90, "interrupts")
def interrupt_process_pool(k):
    code = ("try (ProcessPool pool = ProcessPool.newPool(2)) {\n"
            "    pool.map(n -> { Thread.sleep(60_000); return n; }, List.of(1, 2));\n"
            "}")

    def children_started():
        k.wait(lambda: len(java_descendants(k.pid)) >= 2, 40, "two child JVMs of the pool")
    interrupt_case(k, code, ready_seconds=1.0, ready=children_started)


@check("interrupt a Python program and the process it started", 90, "interrupts")
def interrupt_python_program(k):
    # A Python program (through the library's bridge) that forks a child process, and both sleep: the interrupt
    # must end the interpreter and its child, as it ends child JVMs.
    code = ('var lingers = java.nio.file.Files.writeString(java.nio.file.Files.createTempFile("lingers", ".py"),\n'
            '    "import multiprocessing, time\\n"\n'
            '    + "def wait():\\n    time.sleep(600)\\n"\n'
            '    + "if __name__ == \'__main__\':\\n"\n'
            '    + "    multiprocessing.get_context(\'fork\').Process(target=wait).start()\\n"\n'
            '    + "    time.sleep(600)\\n");\n'
            'Python.require().run(lingers.toString());')

    pythons = []

    def python_started():
        k.wait(lambda: len([p for p in descendants(k.pid) if "python" in cmdline(p)]) >= 2, 40,
               "a Python program and its child process")
        pythons.extend(p for p in descendants(k.pid) if "python" in cmdline(p))
    interrupt_case(k, code, ready_seconds=1.0, ready=python_started)
    # A child whose parent died is adopted by init and is no longer the kernel's descendant: check each pid.
    alive = [p for p in pythons if proc_stat(p) is not None and proc_stat(p)[0] != "Z"]
    expect(not alive, f"Python processes still running after the interrupt: {describe(alive)}")


@check("SIGINT to the kernel process interrupts a busy loop and keeps the kernel", 60, "interrupts")
def interrupt_sigint(k):
    interrupt_case(k, "long t = 0;\nfor (long i = 0; ; i++) { t += i; }", cpu=True, how="sigint")
    expect(k.alive(), "the kernel process died after SIGINT")


@check("bad messages (wrong signature, too few frames, bad JSON) on shell, control and stdin are dropped and logged; "
       "the channels keep serving", 90, "interrupts")
def bad_messages_dropped(k):
    info = k.km.get_connection_info()
    session = k.kc.session
    context = zmq.Context.instance()

    def signed(header, parent=b"{}", metadata=b"{}", content=b"{}"):
        return [b"<IDS|MSG>", session.sign([header, parent, metadata, content]), header, parent, metadata,
                content]
    good = session.msg("kernel_info_request", {})
    header = session.pack(good["header"])
    wrong_signature = [b"<IDS|MSG>", b"0" * 64, header, b"{}", b"{}", b"{}"]
    bad = {
        "a wrong signature": wrong_signature,
        "a signature without frames after it": [b"<IDS|MSG>", b"0" * 64],
        "one frame without a delimiter": [b"hello"],
        "a signed header that is not JSON": signed(b"{not json"),
        "signed content that is not JSON": signed(header, content=b"[1, 2"),
        "a signed header without a msg_type": signed(b'{"msg_id": "x"}'),
    }
    # The senders stay connected until the end: stdin reads its socket only while a cell waits for input, and
    # messages of a peer that has gone may never be read. A closed sender would test the machine's timing instead.
    senders = []
    try:
        bad_messages_sent(k, context, info, bad, wrong_signature, senders)
    finally:
        for sock in senders:
            sock.close(linger=0)


def bad_messages_sent(k, context, info, bad, wrong_signature, senders):
    for channel in ("shell", "control", "stdin"):
        sock = context.socket(zmq.DEALER)
        senders.append(sock)
        sock.connect(f"{info['transport']}://{info['ip']}:{info[channel + '_port']}")
        for what, frames in bad.items():
            sock.send_multipart(frames)
        for _ in range(200):  # a flood: logged at most once a second
            sock.send_multipart(wrong_signature)
    time.sleep(0.5)
    # Every channel still serves: shell and control answer, stdin carries an input, a cell runs, an interrupt stops.
    for channel in ("shell", "control"):
        reply = k.request(channel, "kernel_info_request", {}, 10)
        expect(reply["content"].get("status") == "ok", f"kernel_info on {channel} after bad messages: {reply}")
    cell = k.send("new java.util.Scanner(System.in).nextLine()", allow_stdin=True)
    k.wait(lambda: k.find("stdin", cell.msg_id, "input_request"), 10, "an input_request after bad stdin messages")
    k.kc.input("still here")
    k.wait(lambda: cell.reply, 10, "the reply to the cell that read stdin")
    expect(cell.reply["content"]["status"] == "ok" and "still here" in cell.value(),
           f"the input did not reach the cell after bad messages on stdin: {short(cell.reply['content'])}")
    assert_session_survives(k)
    interrupt_case(k, "long u = 0;\nfor (long i = 0; ; i++) { u += i; }", cpu=True)
    log = re.sub(r"\.json$", "", k.km.connection_file) + ".log"
    expect(os.path.exists(log), f"no kernel log at {log}")
    mode = os.stat(log).st_mode & 0o777
    expect(mode == 0o600, f"the kernel's log has mode {mode:o}, not 600 (owner only)")
    with open(log, errors="replace") as f:
        dropped = [line for line in f if "dropped a message on" in line]
    channels = {c for c in ("shell", "control", "stdin") if any(f" on {c}:" in line for line in dropped)}
    expect(channels == {"shell", "control", "stdin"}, f"drops logged for {sorted(channels)} only: {dropped[:5]}")
    expect(len(dropped) <= 10, f"{len(dropped)} log lines for {3 * (len(bad) + 200)} bad messages: not rate-limited")


@check("SIGTERM: the kernel ends and removes its log", 60)
def sigterm_removes_log():
    k = Kernel("sigterm", KERNEL).start()
    try:
        log = re.sub(r"\.json$", "", k.km.connection_file) + ".log"
        k.run_ok("int y = 1;")
        pid = jvm_pid(k)
        stat = proc_stat(pid)
        expect(os.path.exists(log), f"no kernel log at {log}")
        os.kill(pid, signal.SIGTERM)
        expect(wait_until(lambda: not alive(pid, stat[2]), 10), "the kernel still runs 10 s after SIGTERM")
        expect(not os.path.exists(log), f"the kernel's log stayed after SIGTERM: {log}")
    finally:
        k.close()


def interrupt_unstoppable(k, code, says):
    """A cell that no stop can end: the reply comes within 2 s, says what is stuck and that only a restart ends it,
    and the session goes on."""
    cell = k.send(RUNNING + code)
    interrupt_cell(k, cell, 0.5, limit=2.0)
    evalue = cell.reply["content"]["evalue"]
    for words in (says, "restart", "later cells run"):
        expect(words in evalue, f"the interrupted cell's message does not say {words!r}: {short(evalue, 500)}")
    assert_session_survives(k)


@check("interrupt a join on a future no variable holds: reply within 2 s naming it, session goes on", 40,
       "interrupts")
def interrupt_unreachable_join(k):
    interrupt_unstoppable(k, "new CompletableFuture<String>().join();", "waits in CompletableFuture.join()")


@check("interrupt Semaphore.acquireUninterruptibly: reply within 2 s naming it, session goes on", 40, "interrupts")
def interrupt_uninterruptible_acquire(k):
    interrupt_unstoppable(k, "new Semaphore(0).acquireUninterruptibly();",
                          "waits in Semaphore.acquireUninterruptibly()")


@check("interrupt a LongStream sum in library code: reply within 2 s saying a core stays busy, session goes on", 40,
       "interrupts")
def interrupt_library_loop(k):
    interrupt_unstoppable(k, "LongStream.range(0, Long.MAX_VALUE).sum()", "keeps a core busy")


# A small heap, so that filling it takes a second, not the minute 6 GiB (a quarter of this machine) would.
SMALL_HEAP = {"JAVA_TOOL_OPTIONS": "-Xmx1g"}
HOG = "List<long[]> hog = new ArrayList<>();\nwhile (true) hog.add(new long[1_000_000]);"


@check("a session variable that fills the heap: the cell is stopped naming it, the session goes on", 90)
def heap_full():
    k = Kernel("heap", KERNEL, ["int x = 41;"], env=SMALL_HEAP).start()
    try:
        cell = k.run(HOG, 60)
        content = cell.reply["content"]
        expect(content["status"] == "error" and content.get("ename") == "HeapFull",
               f"the cell that filled the heap ended with {content.get('ename')}: {short(content.get('evalue'))}")
        evalue = content.get("evalue", "")
        expect("the heap is full" in evalue and "hog (ArrayList" in evalue and "hog = null;" in evalue,
               f"the message does not name the full heap, the variable and how to free it: {short(evalue, 500)}")
        sent = time.monotonic()
        assert_session_survives(k)
        expect(time.monotonic() - sent < 5, f"`x + 1` took {time.monotonic() - sent:.1f} s with the heap held")
        k.run_ok("hog = null;")
        k.run_ok("var again = new long[50_000_000]; again.length")  # 400 MB: the heap is free again
    finally:
        k.close()


@check("a kernel that gets no CPU time, its heap full, exits within 10 s of its launcher's SIGKILL", 120)
def launcher_killed_wedged():
    tmp = tempfile.mkdtemp(prefix="jcn-wedged-")
    out = os.path.join(tmp, "out")
    env = dict(os.environ, JUPYTER_RUNTIME_DIR=os.path.join(tmp, "runtime"), **SMALL_HEAP)
    launcher = subprocess.Popen([sys.executable, "-c", LAUNCHER, KERNEL, out, HOG], env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    remember(launcher.pid)
    try:
        expect(wait_until(lambda: os.path.exists(out + ".done") or launcher.poll() is not None, 100),
               "the launcher did not get the kernel to fill its heap within 100 s")
        kernel = int(open(out + ".kernel").read())
        remember(kernel)
        stat = proc_stat(kernel)
        expect(stat is not None, "the kernel is gone before its launcher was killed")
        # Stopped, the JVM runs no thread at all: only a watch outside it can end it.
        os.kill(kernel, signal.SIGSTOP)
        os.kill(launcher.pid, signal.SIGKILL)
        launcher.wait()
        killed = time.monotonic()
        if not wait_until(lambda: not alive(kernel, stat[2]), 10):
            raise Fail(f"10 s after its launcher was killed the stopped kernel still runs: {describe([kernel])}")
        print(f"    (the stopped kernel was gone {time.monotonic() - killed:.1f} s after its launcher)", flush=True)
    finally:
        clean_up_launcher(launcher, tmp)


@check("complete, inspect and is_complete each answer from the first request after wait_for_ready (fresh kernels)",
       120)
def complete_when_ready():
    # kernel_info answers before JShell has started (the first result would wait longer otherwise); each request
    # that needs JShell waits for it, so each is sent first to a kernel of its own.
    firsts = (
        ("complete_request", {"code": "System.out.printl", "cursor_pos": 17},
         lambda c: any(m.startswith("println") for m in c.get("matches", [])), "offered println"),
        ("inspect_request", {"code": "Math.abs", "cursor_pos": 8, "detail_level": 0},
         lambda c: c.get("found") is True and "abs" in c.get("data", {}).get("text/plain", ""), "found Math.abs"),
        ("is_complete_request", {"code": "for (int i = 0; i < 3; i++) {"},
         lambda c: c.get("status") == "incomplete", "said incomplete"),
    )
    for msg_type, request, answered, what in firsts:
        k = Kernel("fresh", KERNEL).start()  # start() returns once wait_for_ready has
        try:
            content = k.request("shell", msg_type, request, 30)["content"]
            expect(answered(content), f"the first {msg_type} after wait_for_ready never {what}: {short(content)}")
        finally:
            k.close()


@check("a redefined class says which variables it reset; the NPE that follows names the variable", 40, "misc")
def redefinition_note(k):
    k.run_ok("class Pt { int a = 1; }")
    k.run_ok("Pt pt = new Pt();")
    cell = k.run_ok("class Pt { int a = 1; int b = 2; }")
    text = cell.stream("stdout") + cell.stream("stderr")
    expect("note:" in text and "variable pt was reset to null" in text,
           f"the redefinition said nothing about pt: {short(text)}")
    content = k.run("pt.b").reply["content"]
    expect(content.get("ename") == "java.lang.NullPointerException" and '"pt" is null' in content.get("evalue", "")
           and "REPL." not in content.get("evalue", ""),
           f"the NPE does not name pt in the cell's terms: {short(content.get('evalue'))}")


@check("after many expressions and statements (whose class files the kernel removes from JShell's compiler), "
       "declarations, redefinitions, anonymous classes and traces still work", 60, "misc")
def removed_class_files(k):
    k.run_ok("int base() { return 1; }\nvoid show() { System.out.println(\"base \" + base()); }")
    for i in range(40):
        k.run_ok(f"base() + {i}" if i % 2 else f"for (int i = 0; i < {i}; i++) {{ }}")
    expect(k.run_ok("base() + 41").value().strip() == "42", "an expression after 40 cells")
    k.run_ok("int base() { return 2; }")
    expect(k.run_ok("show();").stream("stdout").strip() == "base 2", "a method that calls a redefined one")
    k.run_ok("var hello = new Object() { public String toString() { return \"anonymous\"; } };")
    expect(k.run_ok("hello").value().strip() == "anonymous", "an anonymous class of a declaration")
    expect(k.run_ok("new Object() { public String toString() { return \"inline\"; } }").value().strip()
           == "inline", "an anonymous class of an expression")
    cell = k.run_ok("Thread t = new Thread(() -> { throw new IllegalStateException(\"late\"); });\nt.start();\n"
                    "t.join();")
    text = cell.stream("stderr")
    expect("IllegalStateException: late" in text and "line 1)" in text and "REPL." not in text,
           f"a thread's trace in cell terms: {short(text)}")


@check("a cell that compiles gives no 'cannot be used until' notes (sealed interface before its records)", 30, "misc")
def no_spurious_notes(k):
    cell = k.run_ok("sealed interface Shape permits Sq, Ci {}\nrecord Sq(double s) implements Shape {}\n"
                    "record Ci(double r) implements Shape {}")
    text = cell.stream("stdout") + cell.stream("stderr")
    expect("note:" not in text, f"notes for a cell that compiles: {short(text)}")


@check("an array value is shown as JShell shows it", 20, "misc")
def array_value(k):
    value = k.run_ok("new int[]{1, 2, 3}").value()
    expect(value == "int[3] { 1, 2, 3 }", f"the array's value is {value!r}")


@check("a stack overflow's repeated frames are folded into one line", 30, "misc")
def folded_trace(k):
    k.run_ok("int deeper(int n) { return deeper(n + 1) + 1; }")
    content = k.run("deeper(0)").reply["content"]
    expect(content.get("ename") == "java.lang.StackOverflowError", f"ename is {content.get('ename')!r}")
    lines = traceback_text(content).splitlines()
    expect(len(lines) < 10 and any("more of the same" in line for line in lines),
           f"{len(lines)} traceback lines, not folded: {short(' | '.join(lines[:6]))}")


@check("a huge value (a 2 GB array, a 50 MB string) and a 50 MB print each finish within 5 s, cut with a count", 90,
       "misc")
def huge_values(k):
    # The 2 GB array is made in a cell of its own first: committing and zeroing 2 GB takes the operating system 1 s
    # on a quiet machine and over 10 s on a busy one, which is not the kernel's to shorten. What is timed is the
    # kernel's part: showing a value that large, which once took minutes.
    k.run_ok("byte[] huge = new byte[Integer.MAX_VALUE - 8];", 60)
    for code, kind in (("huge", "value"), ('"x".repeat(50_000_000)', "value"),
                       ('System.out.print("y".repeat(50_000_000));', "print")):
        sent = time.monotonic()
        cell = k.run_ok(code, 60)
        took = time.monotonic() - sent
        expect(took < 5, f"{code!r} took {took:.1f} s")
        if kind == "value":
            value = cell.value()
            expect(len(value) < 100_000 and "more" in value, f"{code!r} gave {len(value):,} characters")
        else:
            out, err = cell.stream("stdout"), cell.stream("stderr")
            expect(len(out) <= 8 << 20 and "output cut" in err and "more bytes not shown" in err,
                   f"the print sent {len(out):,} characters; stderr {short(err)}")
    k.run_ok("huge = null; System.gc();")


@check("interrupt a wait for a plain ProcessBuilder process: the process is stopped and named", 40, "interrupts")
def interrupt_plain_process(k):
    cell = k.send(RUNNING + 'Process sleeper = new ProcessBuilder("sleep", "600").start();\nsleeper.waitFor();')
    interrupt_cell(k, cell, 0.5)
    evalue = cell.reply["content"]["evalue"]
    expect("(sleep)" in evalue, f"the reply does not name the sleep process: {short(evalue)}")
    assert_no_children(k)
    assert_session_survives(k)


def ending_says_why(call, status_shown, what):
    """A cell that ends the kernel with CALL: a last stderr line must name it (with its status when STATUS_SHOWN)
    and the cell line, and the kernel's JVM must be gone within 10 s."""
    k = Kernel(what, KERNEL).start()
    try:
        pid = jvm_pid(k)
        stat = proc_stat(pid)
        cell = k.send(f"int before = 1;\nRuntime.getRuntime().{call};")
        k.wait(lambda: "the kernel is ending" in cell.stream("stderr"), 20, "a line saying why the kernel ends")
        err = cell.stream("stderr")
        named = f"Runtime.{call}" if status_shown else f"Runtime.{call.partition('(')[0]}"
        expect(named in err and "cell [" in err and "line 2" in err,
               f"the last line does not name {named} and the cell line: {short(err)}")
        expect(wait_until(lambda: not alive(pid, stat[2]), 10), f"the kernel still runs 10 s after Runtime.{call}")
    finally:
        k.close()


@check("Runtime.exit in a cell: a last line says the code ended the kernel, naming the cell line", 60)
def runtime_exit_says_why():
    ending_says_why("exit(3)", False, "exit")


@check("Runtime.halt in a cell: a last line says the code ended the kernel, naming the status and the cell line", 60)
def runtime_halt_says_why():
    ending_says_why("halt(7)", True, "halt")


@check("a compile error has no 'location: class' line with an empty name", 20, "misc")
def compile_error_location(k):
    content = k.run("undefinedMethod(1);").reply["content"]
    text = traceback_text(content) + "\n" + content.get("evalue", "")
    expect(content.get("ename") == "CompilationError", f"ename is {content.get('ename')!r}")
    expect(not re.search(r"location: class\s*$", text, re.M), f"an empty location line: {short(text)}")


DEADLOCK = """Object lockA = new Object();
Object lockB = new Object();
Runnable ab = () -> { synchronized (lockA) { java.util.concurrent.locks.LockSupport.parkNanos(300_000_000L); synchronized (lockB) { } } };
Runnable ba = () -> { synchronized (lockB) { java.util.concurrent.locks.LockSupport.parkNanos(300_000_000L); synchronized (lockA) { } } };
Thread d1 = new Thread(ab, "d1");
Thread d2 = new Thread(ba, "d2");
d1.start(); d2.start();
d1.join();"""


@check("an interrupted deadlock names its threads as still running, not also as stopped", 40, "misc")
def deadlock_message(k):
    cell = k.send(RUNNING + DEADLOCK)
    interrupt_cell(k, cell, 1.0)
    evalue = cell.reply["content"]["evalue"]
    expect('still running' in evalue and '"d1"' in evalue, f"the deadlocked threads are not named: {short(evalue)}")
    expect(evalue.count('"d1"') == 1, f"thread d1 is named twice (stopped and still running): {short(evalue)}")


# -- output routing

def routing_case(k, code, lines, waits_for=None, thread_seconds=0.0):
    """Runs code whose threads print `lines`; all of them must arrive under this cell, none under the next.

    With `waits_for`, the cell's code returns while a thread it started still runs (for `thread_seconds`): the
    cell must announce that it waits (naming `waits_for`), and end only after the thread's output."""
    cell = k.run(code, 30)
    expect(cell.reply["content"]["status"] == "ok",
           f"the cell failed: {cell.reply['content'].get('ename')}: {short(cell.reply['content'].get('evalue'))}")
    later = k.run_ok('System.out.println("a later cell");')
    k.pump(0.5)
    got = cell.stream().splitlines()
    missing = [line for line in lines if line not in got]
    expect(not missing, f"lines missing from the cell's output: {missing}; it printed {got}")
    markers = {line.split()[0] for line in lines}
    for msg in k.logs["iopub"]:
        if msg["msg_type"] == "stream" and msg["parent_header"].get("msg_id") != cell.msg_id:
            leaked = [m for m in markers if m in msg["content"]["text"]]
            where = "a later cell" if msg["parent_header"].get("msg_id") == later.msg_id else \
                f"parent {msg['parent_header'].get('msg_id')!r}"
            expect(not leaked, f"output {short(msg['content']['text'], 80)!r} was published under {where}")
    if waits_for is not None:
        order = [m for m in cell.outputs() if m["msg_type"] in ("stream", "status")]
        idle_at = next(i for i, m in enumerate(order) if m["msg_type"] == "status"
                       and m["content"]["execution_state"] == "idle")
        before_idle = "".join(m["content"]["text"] for m in order[:idle_at] if m["msg_type"] == "stream")
        expect(all(line in before_idle for line in lines),
               "the cell went idle before its thread's output: the cell did not wait for the thread")
        took = cell.reply["received"] - cell.sent
        expect(took >= thread_seconds - 0.3,
               f"the reply came {took:.1f} s after the request, before the thread's {thread_seconds:g} s were over")
        waiting = [line for line in got if line.startswith("[waiting for")]
        expect(waiting, f"no stdout line starting with '[waiting for' in {got}")
        expect(waits_for in waiting[0], f"the waiting line {waiting[0]!r} does not name {waits_for!r}")
        expect(got.index(waiting[0]) < max(got.index(line) for line in lines),
               "the '[waiting for' line came after all of the thread's output")


LATE = "try { Thread.sleep(%d); } catch (InterruptedException e) { return; }"


@check("output of new Thread(...).start(), joined", 30, "routing")
def route_new_thread(k):
    routing_case(k, 'Thread t1 = new Thread(() -> { %s System.out.println("r-new-thread joined"); });\n'
                    't1.start();\nt1.join();' % (LATE % 300), ["r-new-thread joined"])


@check("output of a platform thread after the cell's code returned: the cell waits for it", 30, "routing")
def route_new_thread_late(k):
    routing_case(k, 'new Thread(() -> { %s System.out.println("r-late-thread done"); }, "late-worker").start();'
                 % (LATE % 1500), ["r-late-thread done"], waits_for="late-worker", thread_seconds=1.5)


@check("output of Thread.ofPlatform().start(...), joined", 30, "routing")
def route_of_platform(k):
    routing_case(k, 'Thread t2 = Thread.ofPlatform().start(() -> { %s System.out.println("r-of-platform joined"); });\n'
                    't2.join();' % (LATE % 300), ["r-of-platform joined"])


@check("output of Thread.ofPlatform() after the cell's code returned: the cell waits for it", 30, "routing")
def route_of_platform_late(k):
    routing_case(k, 'Thread.ofPlatform().name("platform-late").start(() -> { %s '
                    'System.out.println("r-platform-late done"); });' % (LATE % 1500),
                 ["r-platform-late done"], waits_for="platform-late", thread_seconds=1.5)


@check("output of Thread.ofVirtual().start(...), printed while the cell waits", 30, "routing")
def route_of_virtual(k):
    routing_case(k, 'Thread v1 = Thread.ofVirtual().start(() -> { %s System.out.println("r-ofvirtual joined"); });\n'
                    'v1.join();' % (LATE % 300), ["r-ofvirtual joined"])


@check("output of a fixed thread pool created in the cell, then shut down", 30, "routing")
def route_fixed_pool(k):
    code = ("ExecutorService pool = Executors.newFixedThreadPool(2);\n"
            "for (int i = 0; i < 4; i++) {\n"
            "    int n = i;\n"
            "    pool.submit(() -> { Thread.sleep(300); System.out.println(\"r-fixed-pool \" + n); return null; });\n"
            "}\n"
            "pool.shutdown();")
    routing_case(k, code, [f"r-fixed-pool {n}" for n in range(4)], waits_for="", thread_seconds=0.6)


@check("output of a virtual-thread-per-task executor in try-with-resources", 30, "routing")
def route_virtual_executor(k):
    code = ("try (var ex = Executors.newVirtualThreadPerTaskExecutor()) {\n"
            "    for (int i = 0; i < 4; i++) {\n"
            "        int n = i;\n"
            "        ex.submit(() -> {\n"
            "            Thread.sleep(200); System.out.println(\"r-virtual-executor \" + n); return null;\n"
            "        });\n"
            "    }\n"
            "}")
    routing_case(k, code, [f"r-virtual-executor {n}" for n in range(4)])


@check("output of CompletableFuture.runAsync(...).join()", 30, "routing")
def route_run_async(k):
    routing_case(k, 'CompletableFuture.runAsync(() -> { %s System.out.println("r-run-async done"); }).join();'
                 % (LATE % 200).replace("return;", "throw new RuntimeException(e);"), ["r-run-async done"])


@check("output of the library's Threads.start(...)", 30, "routing")
def route_library_threads(k):
    routing_case(k, 'Thread lib = Threads.start(() -> { %s System.out.println("r-threads-start done"); });\n'
                    'lib.join();' % (LATE % 300), ["r-threads-start done"])


DAEMON = """Thread ticker = new Thread(() -> {
    try {
        for (int i = 0; ; i++) { System.out.println("daemon-tick " + i); Thread.sleep(100); }
    } catch (InterruptedException e) {
        System.out.println("daemon-ticker interrupted");
    }
});
ticker.setDaemon(true);
ticker.start();"""


@check("a daemon thread outlives its cell, prints under it, and an idle interrupt stops it", 40, "routing")
def route_daemon(k):
    cell = k.run(DAEMON, 10)
    expect(cell.reply["content"]["status"] == "ok", f"the cell failed: {short(cell.reply['content'])}")
    expect("[waiting for" not in cell.stream(), "the cell waited for a daemon thread")
    later = k.run_ok('Thread.sleep(1000);\nSystem.out.println("the later cell");')
    k.pump(0.3)
    in_later = later.stream()
    expect("daemon-tick" not in in_later, f"the daemon's output reached the later cell: {short(in_later, 120)}")
    ticks = [m for m in k.logs["iopub"] if m["msg_type"] == "stream" and "daemon-tick" in m["content"]["text"]]
    wrong = {m["parent_header"].get("msg_id") for m in ticks} - {cell.msg_id}
    expect(not wrong, f"the daemon's output was published under other parents: {wrong}")
    idle_at = next(m["received"] for m in cell.outputs("status") if m["content"]["execution_state"] == "idle")
    after = sum(m["content"]["text"].count("daemon-tick") for m in ticks if m["received"] > idle_at + 0.2)
    expect(after >= 5, f"only {after} daemon lines arrived after its cell ended (it prints every 100 ms)")
    k.km.interrupt_kernel()
    k.pump(1.5)
    count = len(k.logs["iopub"])
    k.pump(1.5)
    late = [m for m in k.logs["iopub"][count:] if m["msg_type"] == "stream" and "daemon-tick" in m["content"]["text"]]
    expect(not late, f"the daemon thread still printed {len(late)} times 1.5 s after an interrupt while idle")
    k.run_ok('System.out.println("still alive");')


# A snippet that starts a long-lived thread at once: JShell's own local execution joins whatever threads of the
# snippet's group it finds right after starting the snippet, so some runs of such a cell never ended.
QUICK_DAEMON = ("Thread sleeper = Thread.ofPlatform().daemon().start(() -> { try { Thread.sleep(600_000); } "
                "catch (InterruptedException e) { } }); 1")


@check("a cell that starts a long-lived daemon thread ends at once, every time it runs", 60, "routing")
def route_quick_daemon(k):
    for run in range(8):
        cell = k.run(QUICK_DAEMON, 10)
        expect(cell.reply["content"]["status"] == "ok", f"run {run + 1} failed: {short(cell.reply['content'])}")
    k.km.interrupt_kernel()  # stops the sleepers while no cell runs
    k.pump(0.5)


@check("a thread the cell started that dies of an exception says so in the cell", 30, "routing")
def route_thread_exception(k):
    cell = k.run_ok('int before = 1;\nThread t = new Thread(() -> {\n    throw new IllegalStateException("boom in a thread");'
                    '\n});\nt.start();\nt.join();')
    err = cell.stream("stderr")
    expect("Exception in thread" in err and "IllegalStateException: boom in a thread" in err,
           f"the thread's exception is not in the cell's stderr: {short(err, 200)}")
    count = cell.reply["content"]["execution_count"]
    expect(f"cell [{count}] line 3" in err and "REPL." not in err,
           f"the trace does not name the cell line, or shows JShell's wrapper classes: {short(err, 400)}")


# -- errors, stdin, protocol, display (one kernel)

def traceback_text(content):
    return ANSI.sub("", "\n".join(content.get("traceback", [])))


@check("System.exit in a cell stops the cell, not the kernel; the session survives; a child JVM still exits", 60,
       "misc")
def system_exit(k):
    k.run_ok("int beforeExit = 5;")
    pid = jvm_pid(k)
    cell = k.run('System.out.println("about to exit");\nSystem.exit(3);\nSystem.out.println("after exit");')
    content = cell.reply["content"]
    expect(content["status"] == "error" and "SystemExit" in content.get("ename", ""),
           f"System.exit gave {content['status']!r}, {content.get('ename')!r}")
    expect("System.exit(3)" in content.get("evalue", ""), f"the error does not name the call: {content.get('evalue')!r}")
    out = cell.stream("stdout")
    expect("about to exit" in out and "after exit" not in out, f"the cell's output is {short(out)!r}")
    expect(alive(pid), "the kernel's JVM is gone")
    value = k.run_ok("beforeExit + 1").outputs("execute_result")
    expect(value and value[0]["content"]["data"]["text/plain"] == "6", f"the session's variable is lost: {value}")
    # In a child JVM running the cell's code, System.exit keeps its meaning: the child exits with that code.
    child = k.run("ChildProcess.start(() -> { System.exit(3); return 1; }).join()", 60).reply["content"]
    expect("exited with code 3" in child.get("evalue", ""), f"the child JVM did not exit with 3: {child.get('evalue')!r}")
    expect(alive(pid), "the kernel's JVM is gone after its child exited")


@check("cells and the child JVMs they start see the library, not the kernel or its protocol library", 60, "misc")
def library_alone(k):
    for name in ("org.jcn.kernel.KernelMain", "org.dflib.jjava.jupyter.kernel.display.DisplayData"):
        content = k.run(f"{name}.class").reply["content"]
        expect(content["status"] == "error" and "does not exist" in content.get("evalue", ""),
               f"a cell compiled against {name}: {content['status']!r}, {short(content.get('evalue', ''))!r}")
    value = k.run_ok("org.jcn.display.Display.class.getSimpleName()").outputs("execute_result")
    expect(value and value[0]["content"]["data"]["text/plain"] == "Display", "the library's Display is not there")
    # A child starts with the library's class path and is never served the kernel's classes by its parent.
    seen = k.run_ok('ChildProcess.start(() -> { String cp = System.getProperty("java.class.path"); try {'
                    ' Class.forName("org.jcn.kernel.KernelMain"); return "kernel loaded; " + cp; }'
                    ' catch (ClassNotFoundException e) { return "no kernel; " + cp; } }).join()', 60)
    text = seen.outputs("execute_result")[0]["content"]["data"]["text/plain"] if seen.outputs("execute_result") else ""
    expect(text.startswith("no kernel; ") and "protocol" not in text and "jcn-kernel" not in text,
           f"the child JVM saw the kernel: {short(text)!r}")
    # It starts from the cache kernel/install made for the children's class path (kernel.json's metadata names it).
    made = KernelSpecManager().get_kernel_spec(KERNEL).metadata.get("jcn_child_cache", "")
    used = k.run_ok('var running = ChildProcess.start(() -> { Thread.sleep(5_000); return 1; });\n'
                    'Thread.sleep(1_000);\n'
                    'String used = ProcessHandle.current().descendants().flatMap(p -> p.info().arguments().stream())'
                    '.flatMap(Arrays::stream).filter(a -> a.startsWith("-XX:AOTCache=")'
                    ' || a.startsWith("-XX:SharedArchiveFile=")).findFirst().orElse("none");\n'
                    'running.join();\n'
                    'used', 60).outputs("execute_result")
    used = used[0]["content"]["data"]["text/plain"] if used else ""
    expect(made and os.path.isfile(made) and used.endswith("=" + made),
           f"kernel/install made the children's start-up cache {made!r}, and a child started with {used!r}")


@check("a compile error names the cell line, marks the column and gives javac's message", 30, "misc")
def error_compile(k):
    cell = k.run('int ok = 1;\nint y = "text";')
    content = cell.reply["content"]
    expect(content["status"] == "error", f"the reply has status {content['status']!r}")
    expect(content.get("ename") == "CompilationError", f"ename is {content.get('ename')!r}, not 'CompilationError'")
    text = traceback_text(content)
    expect("line 2" in text, f"the traceback does not name line 2: {short(text)}")
    expect("incompatible types" in text + content.get("evalue", ""),
           f"no 'incompatible types' in the error: {short(text)}")
    lines = text.splitlines()
    carets = [i for i, line in enumerate(lines) if line.strip().startswith("^") and i > 0]
    expect(carets, f"no line with a caret under the column: {short(text)}")
    source = lines[carets[0] - 1]
    column = lines[carets[0]].index("^")
    start = source.find('"text"')
    expect(start >= 0 and start <= column < start + len('"text"'),
           f"the caret at column {column} is not under \"text\" in {source!r}")
    errors = cell.outputs("error")
    expect(errors and errors[0]["content"].get("ename") == content.get("ename"),
           "no iopub error message with the reply's ename")


@check("a runtime exception gives its class, message and cell-line frames", 30, "misc")
def error_runtime(k):
    cell = k.run('void explode() { throw new IllegalStateException("boom"); }\n'
                 'int before = 1;\n'
                 'explode();')
    content = cell.reply["content"]
    expect(content["status"] == "error", f"the reply has status {content['status']!r}")
    expect(content.get("ename") == "java.lang.IllegalStateException", f"ename is {content.get('ename')!r}")
    expect(content.get("evalue") == "boom", f"evalue is {content.get('evalue')!r}")
    text = traceback_text(content)
    expect("$JShell$" not in text, f"the traceback shows JShell's class names: {short(text)}")
    expect("line 3" in text and "line 1" in text,
           f"the traceback does not name cell lines 1 (the throw) and 3 (the call): {short(text)}")


def assert_cell_frame(text, cell, line, what):
    expect(f"cell [{cell}] line {line})" in text,
           f"{what}: the trace does not name cell [{cell}] line {line}: {short(text)}")
    expect("$JShell$" not in text and "lambda$" not in text, f"{what}: the trace shows JShell's names: {short(text)}")


@check("a lambda's frames name the cell and line: in a thread, in supplyAsync, in a method, printed by the cell", 40,
       "misc")
def lambda_frames(k):
    thread = k.run_ok('int first = 1;\nThread failing = new Thread(() -> {\n    throw new RuntimeException("x");\n});'
                      "\nfailing.start();\nfailing.join();")
    err = thread.stream("stderr")
    expect("RuntimeException: x" in err, f"no trace of the thread's exception: {short(err)}")
    assert_cell_frame(err, thread.count(), 3, "a thread's lambda")
    content = k.run('java.util.concurrent.CompletableFuture.supplyAsync(() -> {\n    if (true) {\n'
                    '        throw new RuntimeException("y");\n    }\n    return 1;\n}).join()').reply["content"]
    expect(content["status"] == "error", f"supplyAsync(...).join() gave {content['status']!r}")
    assert_cell_frame(traceback_text(content), content["execution_count"], 3, "a supplyAsync lambda")
    method = k.run_ok("void pool() {\n    java.util.concurrent.ForkJoinPool.commonPool().submit(() -> {\n"
                      '        throw new IllegalStateException("z");\n    }).join();\n}')
    content = k.run("pool()").reply["content"]
    text = traceback_text(content)
    assert_cell_frame(text, method.count(), 3, "a lambda in a method of an earlier cell")
    expect("a lambda in pool" in text, f"the lambda is not named after its method: {short(text)}")
    printed = k.run_ok('new Thread(() -> {\n    try {\n        throw new RuntimeException("p");\n'
                       "    } catch (RuntimeException e) {\n        e.printStackTrace();\n    }\n}).start();"
                       "\nThread.sleep(200);")
    assert_cell_frame(printed.stream("stderr"), printed.count(), 3, "a trace the cell printed")


@check("a method that uses an undefined variable is defined with a note, not an error", 30, "misc")
def error_unresolved(k):
    cell = k.run("void f() { System.out.println(undefinedVar); }")
    content = cell.reply["content"]
    expect(content["status"] == "ok", f"the cell failed: {content.get('ename')}: {short(content.get('evalue'))}")
    text = cell.stream("stdout") + cell.stream("stderr")
    expect("cannot be invoked until" in text, f"no 'cannot be invoked until' note in the output: {short(text)}")


@check("stdin: input_request, answered, becomes the cell's value", 30, "misc")
def stdin_allowed(k):
    cell = k.send("new java.util.Scanner(System.in).nextLine()", allow_stdin=True)
    request = k.wait(lambda: k.find("stdin", cell.msg_id, "input_request"), 10, "an input_request on stdin")
    expect("prompt" in request["content"], "the input_request has no prompt field")
    k.kc.input("abc")
    k.wait(lambda: cell.reply, 10, "the reply after the input")
    k.wait(cell.idle, 5, "the idle status")
    expect(cell.reply["content"]["status"] == "ok", f"the cell failed: {short(cell.reply['content'])}")
    value = cell.value().strip()
    expect(value in ("abc", '"abc"'), f"the cell's value is {value!r}, not abc")


@check("stdin not allowed: reading ends with an error or end of input, never hangs", 30, "misc")
def stdin_refused(k):
    cell = k.send("new java.util.Scanner(System.in).nextLine()", allow_stdin=False)
    k.wait(lambda: cell.reply, 10, "the reply of a cell reading stdin without allow_stdin")
    expect(k.find("stdin", cell.msg_id) is None, "the kernel sent an input_request although allow_stdin was false")
    expect(cell.reply["content"]["status"] == "error",
           f"Scanner.nextLine() without stdin did not fail: {short(cell.reply['content'])}")
    k.wait(cell.idle, 5, "the idle status")


@check("kernel_info_reply: status, language, editor modes, help links", 20, "misc")
def kernel_info(k):
    content = k.request("shell", "kernel_info_request", {})["content"]
    expect(content.get("status") == "ok", f"status is {content.get('status')!r}")
    info = content.get("language_info", {})
    expect(info.get("name") == "java", f"language_info.name is {info.get('name')!r}")
    mode = info.get("codemirror_mode")
    mode_name = mode.get("name", "") if isinstance(mode, dict) else str(mode or "")
    expect("java" in mode_name, f"codemirror_mode is {mode!r}")
    expect(info.get("pygments_lexer") == "java", f"pygments_lexer is {info.get('pygments_lexer')!r}")
    links = content.get("help_links")
    expect(links and all(link.get("text") and link.get("url") for link in links), f"help_links are {links!r}")


@check("kernel_info on control and is_complete answer within 1 s while a cell runs", 30, "misc")
def answers_while_busy(k):
    cell = k.send("Thread.sleep(5000);")
    k.wait(lambda: cell.outputs("status"), 10, "the busy status of the cell")
    k.pump(0.5)
    for channel, msg_type, content in (("control", "kernel_info_request", {}),
                                       ("shell", "is_complete_request", {"code": "int a = 1;"})):
        sent = time.monotonic()
        reply = k.request(channel, msg_type, content, 10)
        took = reply["received"] - sent
        expect(cell.reply is None, "the cell ended before the requests were answered")
        expect(took < 1.0, f"{msg_type} on {channel} took {took:.2f} s while a cell ran")
    k.wait(lambda: cell.reply, 10, "the sleeping cell's reply")
    k.wait(cell.idle, 5, "the idle status")


@check("complete: Math.ab offers abs at the right cursor range", 20, "misc")
def complete(k):
    code = "Math.ab"
    content = k.request("shell", "complete_request", {"code": code, "cursor_pos": len(code)})["content"]
    expect(content.get("status") == "ok", f"status is {content.get('status')!r}")
    matches = content.get("matches", [])
    expect(any(m.startswith("abs") for m in matches), f"no match starting with abs: {matches}")
    start, end = content.get("cursor_start"), content.get("cursor_end")
    expect(end == len(code), f"cursor_end is {end}, not {len(code)}")
    completed = code[:start] + next(m for m in matches if m.startswith("abs"))
    expect(completed.startswith("Math.abs"), f"applying the match gives {completed!r}")


@check("a shown value is not kept as a $n variable (later cells would compile against it); a named one is", 20,
       "misc")
def values_not_kept(k):
    for _ in range(3):
        k.run_ok("6 * 7")
    k.run_ok("int keptAnswer = 6 * 7;")
    for prefix, wanted in (("$", None), ("keptAns", "keptAnswer")):
        content = k.request("shell", "complete_request", {"code": prefix, "cursor_pos": len(prefix)})["content"]
        matches = content.get("matches", [])
        if wanted is None:
            expect(not any(m.startswith("$") for m in matches), f"values kept as variables: {matches}")
        else:
            expect(wanted in matches, f"the named variable is not offered for {prefix!r}: {matches}")


@check("inspect: Math.abs is found with text/plain about abs", 20, "misc")
def inspect(k):
    code = "Math.abs"
    content = k.request("shell", "inspect_request", {"code": code, "cursor_pos": len(code), "detail_level": 0})
    content = content["content"]
    expect(content.get("status") == "ok", f"status is {content.get('status')!r}")
    expect(content.get("found") is True, f"found is {content.get('found')!r}")
    text = content.get("data", {}).get("text/plain", "")
    expect("abs" in text, f"text/plain does not mention abs: {short(text)}")


@check("is_complete: complete, incomplete and invalid code", 20, "misc")
def is_complete(k):
    for code, status in (("for (int i = 0; i < 3; i++) {", "incomplete"), ("}", "invalid"),
                         ("int a = 1;", "complete")):
        content = k.request("shell", "is_complete_request", {"code": code})["content"]
        expect(content.get("status") == status, f"{code!r} is {content.get('status')!r}, not {status!r}")
        if status == "incomplete":
            expect(isinstance(content.get("indent"), str), f"an incomplete reply has no indent: {content}")


@check("history: tail lists the last cells", 20, "misc")
def history(k):
    k.run_ok("int historyMarker = 7;")
    content = k.request("shell", "history_request",
                        {"hist_access_type": "tail", "n": 5, "output": False, "raw": True})["content"]
    entries = content.get("history")
    problems = []
    if content.get("status") != "ok":
        problems.append(f"status is {content.get('status')!r}")
    if not entries or not all(isinstance(e, list) and len(e) == 3 for e in entries):
        problems.append(f"entries are not [session, line, input] triples: {short(entries, 200)}")
    elif entries[-1][2] != "int historyMarker = 7;":
        problems.append(f"the last entry is {short(entries[-1])}")
    expect(not problems, "; ".join(problems))


@check("comm_info answers ok", 20, "misc")
def comm_info(k):
    content = k.request("shell", "comm_info_request", {})["content"]
    expect(content.get("status") == "ok", f"status is {content.get('status')!r}")
    expect(isinstance(content.get("comms"), dict), f"comms is {content.get('comms')!r}")


def png(data):
    expect("image/png" in data, f"no image/png, only {sorted(data)}")
    expect(base64.b64decode(data["image/png"])[:8] == b"\x89PNG\r\n\x1a\n", "image/png is not a PNG")


CHART = """XYChart chart = new XYChartBuilder().width(300).height(200).title("squares").build();
chart.addSeries("n^2", new double[] {1, 2, 3}, new double[] {1, 4, 9});"""


@check("display: a chart value and display(chart) give image/png and text/plain", 60, "misc")
def display_chart(k):
    k.run_ok(CHART, 60)
    shown = k.run_ok("display(chart);", 60).outputs("display_data")
    expect(shown, "display(chart) sent no display_data")
    png(shown[0]["content"]["data"])
    expect("text/plain" in shown[0]["content"]["data"], "display(chart) has no text/plain")
    result = k.run_ok("chart", 60).results()
    expect(result, "no execute_result for a chart value")
    png(result[-1])
    expect("text/plain" in result[-1], "a chart value has no text/plain")


@check("display: a Tablesaw table gives text/html and text/plain", 30, "misc")
def display_table(k):
    result = k.run_ok('Table.create("t", IntColumn.create("n", 1, 2, 3))').results()
    expect(result, "no execute_result for a table")
    expect("<table" in result[-1].get("text/html", ""), f"no HTML table, only {sorted(result[-1])}")
    expect("text/plain" in result[-1], "a table value has no text/plain")


@check("display: a BufferedImage value gives image/png; plain values have text/plain", 30, "misc")
def display_image(k):
    cell = k.run_ok("new java.awt.image.BufferedImage(4, 4, java.awt.image.BufferedImage.TYPE_INT_RGB)")
    expect(cell.results(), "no execute_result for a BufferedImage")
    png(cell.results()[-1])
    expect(cell.value(), "an image value has an empty text/plain")
    expect(k.run_ok("6 * 7").value().strip() == "42", "6 * 7 is not text/plain 42")


@check("display(Object, mime) and render(...)", 30, "misc")
def display_mime(k):
    shown = k.run_ok('display("<b>x</b>", "text/html");').outputs("display_data")
    expect(shown and "<b>x</b>" in shown[0]["content"]["data"].get("text/html", ""),
           f"display(html, \"text/html\") sent {short([m['content'] for m in shown])}")
    result = k.run_ok('render("<i>y</i>", "text/html")').results()
    expect(result and "<i>y</i>" in result[-1].get("text/html", ""),
           f"render(html, \"text/html\") as a value gave {short(result)}")
    expect("text/plain" in result[-1], f"the render(...) execute_result has no text/plain: {sorted(result[-1])}")


@check("updateDisplay sends update_display_data with the display's id", 30, "misc")
def update_display(k):
    cell = k.run_ok('String did = display("first");\nupdateDisplay(did, "second");')
    shown = cell.outputs("display_data")
    updates = cell.outputs("update_display_data")
    expect(shown and updates, f"display_data {len(shown)}, update_display_data {len(updates)}")
    first = shown[0]["content"].get("transient", {}).get("display_id")
    second = updates[0]["content"].get("transient", {}).get("display_id")
    expect(first and first == second, f"display ids differ: {first!r} and {second!r}")
    expect("second" in updates[0]["content"]["data"].get("text/plain", ""), "the update does not carry 'second'")


LIVE_SWEEP = """Sweep.of(Workloads.sleep(Duration.ofMillis(300), 2))
        .withMechanisms(Mechanism.VIRTUAL_THREADS).withWorkerCounts(1, 2)
        .withQuickMode(false).withWarmups(0).withRepetitions(6)
        .run().toChart()"""


@check("a sweep draws its chart live: update_display_data with a chart for its display id before the final one",
       90, "misc")
def live_sweep(k):
    cell = k.run_ok(LIVE_SWEEP, 80)
    shown = cell.outputs("display_data")
    expect(shown, "the sweep (about 5 s) showed no display")
    display_id = shown[0]["content"].get("transient", {}).get("display_id")
    expect(display_id, "the sweep's display has no display_id")
    final = cell.outputs("execute_result")
    expect(final, "no execute_result: the final chart is missing")
    png(final[-1]["content"]["data"])
    live = [m for m in cell.outputs("update_display_data")
            if m["content"].get("transient", {}).get("display_id") == display_id
            and "image/png" in m["content"]["data"] and m["received"] <= final[-1]["received"]]
    expect(live, f"no update_display_data with a chart for display {display_id} before the final chart; updates: "
                 f"{short([sorted(m['content']['data']) for m in cell.outputs('update_display_data')])}")
    png(live[0]["content"]["data"])
    size = live[0]["content"].get("metadata", {}).get("image/png", {})
    expect(size.get("width") == 720 and size.get("height") == 440,
           f"the live chart's image/png metadata is {size!r}, not its size at 1x (720 by 440)")


@check("every execute_result the suite received has text/plain", 10, "misc")
def results_have_text_plain(k):
    expect(len(RESULTS) >= 5, f"only {len(RESULTS)} execute_results were received")
    bare = [(label, sorted(msg["content"]["data"])) for label, msg in RESULTS
            if "text/plain" not in msg["content"]["data"]]
    expect(not bare, f"{len(bare)} of {len(RESULTS)} execute_results have no text/plain: {short(bare)}")


@check("clearOutput sends clear_output", 20, "misc")
def clear_output(k):
    cell = k.run_ok('System.out.println("before");\nclearOutput();')
    expect(cell.outputs("clear_output"), "no clear_output message for the cell")


@check("shutdown_request: the kernel replies and exits by itself", 30, "misc")
def shutdown(k):
    pid, start = k.pid, proc_stat(k.pid)[2]
    reply = k.request("control", "shutdown_request", {"restart": False}, 10)
    expect(reply["content"].get("status", "ok") == "ok", f"shutdown_reply: {reply['content']}")
    expect(wait_until(lambda: not alive(pid, start), 10), "the kernel still runs 10 s after shutdown_request")
    # Its log lived beside the connection file; a clean shutdown with nothing wrong removes it.
    log = re.sub(r"\.json$", "", k.km.connection_file) + ".log"
    expect(not os.path.exists(log), f"a clean shutdown left the kernel's log behind: {log}")


# -- restart, shutdown, and a launcher killed with SIGKILL (each starts its own kernel)

# An idle ProcessPool worker keeps no cell waiting (see ProcessPool's javadoc), nor should a plain child process
# or the server's daemon threads: the cell ends and leaves all three running for the restart or shutdown.
LEFTOVERS = """ProcessPool idlePool = ProcessPool.newPool(1);
Process plain = new ProcessBuilder("sleep", "600").start();
LatencyServer server = LatencyServer.start(Duration.ZERO, 16);
System.out.println("sleep " + plain.pid() + " port " + server.port());"""


def start_leftovers(k):
    cell = k.send(LEFTOVERS)
    k.wait(lambda: cell.reply and cell.idle(), 60,
           "the end of a cell that leaves an idle ProcessPool, a `sleep 600` and a LatencyServer running")
    expect(cell.reply["content"]["status"] == "ok", f"the cell failed: {short(cell.reply['content'])}")
    match = re.search(r"sleep (\d+) port (\d+)", cell.stream())
    expect(match, f"the cell did not print its pid and port: {short(cell.stream())}")
    plain, port = (int(g) for g in match.groups())
    family = descendants(k.pid)
    expect(plain in family, f"the `sleep 600` {plain} is not the kernel's descendant: {describe(family)}")
    expect(java_descendants(k.pid), f"the pool's child JVM is not among the kernel's descendants: {describe(family)}")
    expect(port_accepts(port), f"the LatencyServer port {port} does not accept connections")
    processes = [(p, proc_stat(p)[2]) for p in [k.pid, *family]]
    return processes, port


def all_gone(processes, port):
    return not any(alive(p, s) for p, s in processes) and not port_accepts(port)


def assert_all_gone(processes, port, after):
    if not wait_until(lambda: all_gone(processes, port), 10):
        left = [p for p, s in processes if alive(p, s)]
        expect(not left, f"10 s after {after} these still run: {describe(left)}")
        raise Fail(f"10 s after {after} the LatencyServer port {port} still accepts connections")


@check("restart and shutdown leave no child process and no open port", 120)
def restart_and_shutdown():
    k = Kernel("restart", KERNEL).start()
    try:
        processes, port = start_leftovers(k)
        began = time.monotonic()
        k.kc.stop_channels()
        k.km.restart_kernel()
        took = time.monotonic() - began
        assert_all_gone(processes, port, "km.restart_kernel()")
        k.after_start()
        restart_signalled = took >= k.km.shutdown_wait_time / 2
        processes, port = start_leftovers(k)
        k.kc.stop_channels()
        began = time.monotonic()
        k.km.shutdown_kernel()
        took = time.monotonic() - began
        assert_all_gone(processes, port, "km.shutdown_kernel()")
        expect(not restart_signalled, "the kernel did not exit by itself within 5 s of the restart's "
                                      "shutdown_request; jupyter_client had to signal it")
        expect(took < k.km.shutdown_wait_time / 2, f"the kernel took {took:.1f} s to exit after a "
                                                   "shutdown_request; jupyter_client had to signal it")
    finally:
        k.close()


LAUNCHER = r"""
import subprocess, sys, time
from jupyter_client.manager import KernelManager
kernel_name, out = sys.argv[1], sys.argv[2]
km = KernelManager(kernel_name=kernel_name)
km.start_kernel(stdout=open(out + ".log", "w"), stderr=subprocess.STDOUT)
open(out + ".kernel", "w").write(str(km.provisioner.process.pid))
kc = km.client()
kc.start_channels()
kc.wait_for_ready(timeout=120)
reply = kc.execute_interactive(sys.argv[3], timeout=120, output_hook=lambda msg: None)
open(out + ".done", "w").write(reply["content"]["status"])
time.sleep(3600)
"""

ORPHAN_CELL = """ProcessPool orphanPool = ProcessPool.newPool(1);
LatencyServer orphanServer = LatencyServer.start(Duration.ZERO, 16);
java.nio.file.Files.writeString(java.nio.file.Path.of("%s"), String.valueOf(orphanServer.port()));"""


def clean_up_launcher(launcher, tmp):
    """Kills a launcher still running, then whatever of its kernel survived, and removes its folder."""
    if launcher.poll() is None:
        launcher.kill()
        launcher.wait()
    kill_remembered()
    shutil.rmtree(tmp, ignore_errors=True)


@check("the launching process killed with SIGKILL: the kernel, its child JVM and its port go", 120)
def launcher_killed():
    tmp = tempfile.mkdtemp(prefix="jcn-launcher-")
    out = os.path.join(tmp, "out")
    env = dict(os.environ, JUPYTER_RUNTIME_DIR=os.path.join(tmp, "runtime"))
    with open(out + ".err", "w") as err:
        launcher = subprocess.Popen([sys.executable, "-c", LAUNCHER, KERNEL, out, ORPHAN_CELL % out],
                                    env=env, stdout=subprocess.DEVNULL, stderr=err)
    remember(launcher.pid)
    kernel = None
    try:
        def ready():
            return os.path.exists(out + ".done") or launcher.poll() is not None
        expect(wait_until(ready, 100), "the launcher did not get the kernel to run the cell within 100 s")
        expect(launcher.poll() is None, f"the launcher failed: {short(open(out + '.err').read())}")
        with open(out + ".kernel") as f:
            kernel = int(f.read())
        remember(kernel)
        expect(proc_stat(kernel)[1] == launcher.pid, "the kernel's parent is not the launcher")
        with open(f"/proc/{kernel}/environ", "rb") as f:
            environ = f.read().split(b"\0")
        expect(f"JPY_PARENT_PID={launcher.pid}".encode() in environ, "the kernel's JPY_PARENT_PID is not the launcher")
        with open(out + ".done") as f:
            expect(f.read() == "ok", f"the cell failed in the launched kernel: {short(open(out + '.log').read())}")
        with open(out) as f:
            port = int(f.read())
        family = descendants(kernel)
        expect(java_descendants(kernel),
               f"the pool's child JVM is not among the kernel's descendants: {describe(family)}")
        processes = [(p, proc_stat(p)[2]) for p in [kernel, *family]]
        expect(port_accepts(port), f"the LatencyServer port {port} does not accept connections")
        os.kill(launcher.pid, signal.SIGKILL)
        launcher.wait()
        assert_all_gone(processes, port, "its launcher was killed")
    finally:
        clean_up_launcher(launcher, tmp)


EARLY_LAUNCHER = r"""
import subprocess, sys, time
from jupyter_client.manager import KernelManager
km = KernelManager(kernel_name=sys.argv[1])
km.start_kernel(stdout=open(sys.argv[2] + ".log", "w"), stderr=subprocess.STDOUT)
open(sys.argv[2] + ".kernel", "w").write(str(km.provisioner.process.pid))
time.sleep(3600)
"""


@check("the launching process killed with SIGKILL while the kernel starts: the kernel goes", 60)
def launcher_killed_early():
    # The kernel takes a few tenths of a second to reach the point where it watches its parent; a launcher
    # killed before that (a script that crashes right after starting a kernel) left the kernel running for good.
    tmp = tempfile.mkdtemp(prefix="jcn-early-")
    out = os.path.join(tmp, "out")
    env = dict(os.environ, JUPYTER_RUNTIME_DIR=os.path.join(tmp, "runtime"))
    launcher = subprocess.Popen([sys.executable, "-c", EARLY_LAUNCHER, KERNEL, out], env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    remember(launcher.pid)
    try:
        expect(wait_until(lambda: os.path.exists(out + ".kernel") or launcher.poll() is not None, 50),
               "the launcher did not start a kernel within 50 s")
        os.kill(launcher.pid, signal.SIGKILL)
        launcher.wait()
        kernel = int(open(out + ".kernel").read())
        remember(kernel)
        stat = proc_stat(kernel)
        if stat is not None and not wait_until(lambda: not alive(kernel, stat[2]), 10):
            raise Fail(f"10 s after its launcher was killed during its start the kernel still runs: "
                       f"{describe([kernel])}")
    finally:
        clean_up_launcher(launcher, tmp)


# ---------------------------------------------------------------------------------------------------------
# The checks under pytest: one test per check, in the order registered, then one that nothing is left running.
# main() (what ./test runs) starts pytest on this file with a JUnit-style report and prints a line per check.

KERNEL = os.environ.get("JCN_PROTOCOL_KERNEL", KERNEL_NAME)
ONLY = [w for w in os.environ.get("JCN_PROTOCOL_ONLY", "").split("\n") if w]
SELECTED = [c for c in CHECKS if not ONLY or any(w in c[0] for w in ONLY)]


class SharedKernels:
    """The kernel a group's checks share: started for the group's first check, closed when a check of another
    group comes, and started afresh after a check of the group failed (or the kernel died)."""

    def __init__(self):
        self.kernels = {}

    def enter(self, group):
        for other in [g for g in self.kernels if g != group]:
            self.kernels.pop(other).close()
        if group is None:
            return None
        kernel = self.kernels.get(group)
        if kernel is None or not kernel.alive():
            if kernel is not None:
                self.kernels.pop(group).close()
            self.kernels[group] = Kernel(group, KERNEL, GROUP_SETUP[group]).start()
        return self.kernels[group]

    def failed(self, group):
        """Closes the group's kernel after a failure; returns what to add to the failure if the kernel died."""
        kernel = self.kernels.pop(group, None)
        if kernel is None:
            return ""
        note = "" if kernel.km is None or kernel.alive() else f" (the kernel died; its log: {kernel.log_tail()})"
        kernel.close()
        return note

    def close(self):
        for kernel in self.kernels.values():
            kernel.close()
        self.kernels.clear()


def on_alarm(signum, frame):
    raise CheckTimeout()


def _pytest():
    import pytest  # only under pytest: the checks' helpers are imported by other scripts too
    return pytest


if "pytest" in sys.modules:
    pytest = _pytest()

    @pytest.fixture(scope="module")
    def shared_kernels():
        kernels = SharedKernels()
        yield kernels
        kernels.close()

    @pytest.mark.parametrize("check", SELECTED, ids=[c[0] for c in SELECTED])
    def test_check(check, shared_kernels):
        name, function, seconds, group = check
        kernel = shared_kernels.enter(group)
        signal.signal(signal.SIGALRM, on_alarm)
        signal.alarm(seconds)
        try:
            function() if group is None else function(kernel)
        except CheckTimeout:
            raise Fail(f"no result within its time limit of {seconds} s" + shared_kernels.failed(group)) from None
        except BaseException as e:
            note = shared_kernels.failed(group)
            if note:
                raise Fail(f"{type(e).__name__}: {short(e)}{note}") from e
            raise
        finally:
            signal.alarm(0)

    def test_nothing_left_running(shared_kernels):
        shared_kernels.close()
        left = kill_remembered()
        expect(not left, f"killed {len(left)} leftover processes of the kernels: {left}")


class Report:
    """A pytest plugin: a PASS or FAIL line per check, as they end, and the counts."""

    def __init__(self):
        self.passed = self.failed = 0

    def pytest_runtest_logreport(self, report):
        if report.when != "call" and report.passed:
            return
        if report.when == "teardown" and report.failed:
            self.failed += 1
            print(f"FAIL {report.nodeid} (after it ended): {report.longreprtext.splitlines()[-1:]}", flush=True)
            return
        if report.when != "call" and not report.failed:
            return
        name = report.nodeid.partition("[")[2][:-1] or report.nodeid.split("::")[-1][5:].replace("_", " ")
        if report.passed:
            self.passed += 1
            print(f"PASS {name}", flush=True)
        else:
            self.failed += 1
            crash = getattr(report.longrepr, "reprcrash", None)
            reason = crash.message if crash is not None else str(report.longrepr).splitlines()[-1]
            print(f"FAIL {name}: {reason}", flush=True)

    def pytest_collectreport(self, report):
        if report.failed:
            self.failed += 1
            print(f"FAIL collecting the checks: {report.longreprtext}", flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kernel", default=KERNEL_NAME, help="kernelspec name (default %(default)s)")
    parser.add_argument("--only", nargs="*", default=[], help="run only checks whose name contains one of these")
    parser.add_argument("--junitxml", help="also write a JUnit-style XML report here")
    args = parser.parse_args()
    os.environ["JCN_PROTOCOL_KERNEL"] = args.kernel
    os.environ["JCN_PROTOCOL_ONLY"] = "\n".join(args.only)
    # A shell without job control starts background commands with SIGINT ignored, and a process started with a
    # signal ignored keeps it ignored: the kernels started below could then never see the SIGINT check's signal.
    # The kernels get SIGINT's default, as a terminal's foreground command has it.
    if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.SIG_DFL)
    pytest = _pytest()
    report = Report()
    began = time.monotonic()
    options = [os.path.abspath(__file__), "-p", "no:cacheprovider", "-p", "no:terminal", "-o",
               "junit_family=xunit2", "-o", "junit_suite_name=kernel protocol"]
    if args.junitxml:
        options.append(f"--junitxml={args.junitxml}")
    status = pytest.main(options, plugins=[report])
    if status not in (0, 1) and report.failed == 0:
        report.failed = 1  # pytest itself failed (a usage error, an interrupt)
        print(f"FAIL pytest ended with status {status}", flush=True)
    print(f"(kernel protocol checks took {time.monotonic() - began:.0f} s)", file=sys.stderr)
    print(f"kernel protocol: {report.passed} passed, {report.failed} failed")
    return 1 if report.failed else 0


if __name__ == "__main__":
    sys.exit(main())
