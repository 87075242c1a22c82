"""Limits per learner for tests/check_hub.py: each learner's server, and all it starts, in control groups of its own
with the memory and CPU limits workshop/teachers-guide.md recommends for The Littlest JupyterHub (1 GB, 1 CPU; TLJH
sets them through systemd), and a runaway cell in one learner's kernel while another learner runs cells.

cgroup v1 (as on the project's machine; on v2 the check says SKIP). The groups are made below this process's own
group, so they stay inside whatever holds the check; they are removed at the end.
"""
import os
import statistics
import time

MEMORY_BYTES = 1 << 30   # tljh-config set limits.memory 1G
# 1 CPU (100 ms per 100 ms period), tighter than the guide's limits.cpu 2: on the 2-core test machine a limit of 2
# could never bind, and the check is that a binding limit keeps a runaway learner from stopping another's cell.
CPU_QUOTA_US = 100_000
PERIOD_US = 100_000


def _own_group(controller):
    """This process's group path for a v1 controller, or for v2 (controller None)."""
    with open("/proc/self/cgroup") as f:
        for line in f:
            _, controllers, path = line.rstrip("\n").split(":", 2)
            if (controller is None and controllers == "") or controller in controllers.split(","):
                return path
    return None


def make_groups(users):
    """Makes one memory group and one CPU group per user with the limits; returns {user: [files to write a pid to]},
    or None when the machine has no control groups this check can use."""
    groups = {}
    v1 = os.path.isdir("/sys/fs/cgroup/memory") and os.path.isdir("/sys/fs/cgroup/cpu")
    for user in users:
        name = f"jcn-hub-{user}"
        if v1:
            memory = os.path.join("/sys/fs/cgroup/memory", _own_group("memory").lstrip("/"), name)
            cpu = os.path.join("/sys/fs/cgroup/cpu", _own_group("cpu").lstrip("/"), name)
            for d in (memory, cpu):
                os.makedirs(d, exist_ok=True)
            _write(os.path.join(memory, "memory.limit_in_bytes"), MEMORY_BYTES)
            _write(os.path.join(cpu, "cpu.cfs_period_us"), PERIOD_US)
            _write(os.path.join(cpu, "cpu.cfs_quota_us"), CPU_QUOTA_US)
            groups[user] = [os.path.join(memory, "cgroup.procs"), os.path.join(cpu, "cgroup.procs")]
        else:
            return None   # cgroup v2 needs its controllers handed down first; not done here
    return groups


def _write(path, value):
    with open(path, "w") as f:
        f.write(str(value))


def remove_groups(groups):
    for files in (groups or {}).values():
        for f in files:
            try:
                os.rmdir(os.path.dirname(f))
            except OSError:
                pass


def in_groups(pid, user):
    """Whether the process is in the user's groups (memory and CPU)."""
    with open(f"/proc/{pid}/cgroup") as f:
        lines = [line for line in f.read().splitlines() if f"/jcn-hub-{user}" in line]
    return len(lines) == 2


def stats(groups, user):
    """What the limits did to the user's groups: memory limit hits and OOM kills, CPU throttling."""
    out = {}
    for f in groups[user]:
        d = os.path.dirname(f)
        for name in ("memory.failcnt", "memory.oom_control", "cpu.stat", "memory.events"):
            path = os.path.join(d, name)
            if os.path.exists(path):
                with open(path) as g:
                    for line in g.read().split("\n"):
                        parts = line.split()
                        if name == "memory.failcnt" and parts:
                            out["memory limit hits"] = int(parts[0])
                        elif len(parts) == 2 and parts[0] in ("oom_kill", "nr_throttled", "oom"):
                            out[{"oom_kill": "OOM kills", "oom": "OOM kills", "nr_throttled": "CPU periods throttled"}
                                [parts[0]]] = int(parts[1])
    return out


def kernel_client(pid):
    """A client of a running kernel, from the connection file on its command line (root can read it)."""
    from jupyter_client import BlockingKernelClient
    with open(f"/proc/{pid}/cmdline", "rb") as f:
        connection = f.read().split(b"\0")[-2].decode()
    client = BlockingKernelClient(connection_file=connection)
    client.load_connection_file()
    client.start_channels()
    return client


def run(client, code, timeout=60):
    """Runs a cell and returns (seconds to its reply, status, text/plain result or error)."""
    began = time.monotonic()
    msg_id = client.execute(code)
    deadline = began + timeout
    while True:
        reply = client.get_shell_msg(timeout=max(0.1, deadline - time.monotonic()))
        if reply["parent_header"].get("msg_id") == msg_id:
            elapsed = time.monotonic() - began
            break
    result = reply["content"].get("evalue", "")
    while True:
        try:
            msg = client.get_iopub_msg(timeout=1)
        except Exception:
            break
        if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "execute_result":
            result = msg["content"]["data"].get("text/plain", "")
        if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "status" \
                and msg["content"]["execution_state"] == "idle":
            break
    return elapsed, reply["content"]["status"], result


# The runaway: four threads spinning for ever, and child JVMs that each fill their heap, together more than the
# learner's memory limit.
RUNAWAY = """
for (int i = 0; i < 4; i++) {
    Thread.ofPlatform().daemon().start(() -> { long x = 0; while (true) { x++; } });
}
try (ProcessPool hogs = ProcessPool.newPool(6)) {
    hogs.map(n -> { List<byte[]> keep = new ArrayList<>(); while (true) { keep.add(new byte[1 << 20]); } },
            List.of(1, 2, 3, 4, 5, 6));
}
"""


def runaway_does_not_stop_others(check, runaway_pid, other_pid, groups, runaway_user, other_user, rounds=10):
    """The check: the other learner's cells answer, before and while the runaway runs."""
    other = kernel_client(other_pid)
    wild = kernel_client(runaway_pid)
    try:
        run(other, "1 + 1")   # warm
        before = [run(other, "1 + 1") for _ in range(rounds)]
        wild.execute(RUNAWAY)
        time.sleep(8)          # the threads spin, the child JVMs fill their heaps
        during = [run(other, "1 + 1", timeout=120) for _ in range(rounds)]
        work = run(other, "java.util.stream.LongStream.range(0, 50_000_000L).sum()", timeout=120)
        effects = stats(groups, runaway_user)
        ok = all(s == "ok" and r == "2" for _, s, r in before + during) and work[1] == "ok"
        check(ok and os.path.exists(f"/proc/{other_pid}") and (effects.get("CPU periods throttled", 0) > 0),
              f"limits per learner (1 GB, 1 CPU, in control groups as the guide's TLJH limits): while {runaway_user}'s "
              f"kernel runs away (4 spinning threads, 6 child JVMs filling their heaps: {effects}), {other_user}'s "
              f"cells all answer: '1 + 1' median {statistics.median(t for t, _, _ in before) * 1000:.0f} ms before, "
              f"{statistics.median(t for t, _, _ in during) * 1000:.0f} ms during "
              f"(x{statistics.median(t for t, _, _ in during) / statistics.median(t for t, _, _ in before):.1f}; "
              f"{os.cpu_count()} cores), a sum of 50M numbers {work[0]:.1f} s, its kernel still the same process")
        wild.control_channel.send(wild.session.msg("interrupt_request", {}))   # the kernel's interrupt_mode is message
    finally:
        other.stop_channels()
        wild.stop_channels()
