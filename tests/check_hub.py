"""A JupyterHub for a class of two and their teacher, for real: Debian's jupyterhub and configurable-http-proxy on
127.0.0.1, every user a Unix user of their own, as The Littlest JupyterHub runs a class.

Usage: check_hub.py REPO WORKDIR SCREENSHOT_PREFIX   (as root: it creates Unix users)

Creates the Unix users alice and bob (learners) and teacher, each with a home folder under WORKDIR/hub holding the
lessons (the teacher's: the class chart notebook). The hub logs them in with the DummyAuthenticator (one shared
password; the hub's names are the Unix names) and starts each one's single-user server as that Unix user
(LocalProcessSpawner). The kernel is the one ./test installed into a prefix (JUPYTER_PATH), which every user can
read. The class's folder is made as workshop/teachers-guide.md says: owned by the teacher, mode 1777.

Then, each with its expected outcome:
- squatting: before alice runs lesson 00, bob writes a sweep named alice.csv. Alice's save must still succeed,
  and the teacher's chart must leave bob's file out as not alice's;
- in headless Chromium both learners log in through the hub's login page at the same time and run lesson 00
  (tests/browser/hub-session.mjs): each must show a chart and a table and no error, and leave one file, owned by
  them, readable by everyone (rw-r--r--);
- bob plants what a learner could: a file for an invented learner (owner mismatch), a FIFO, a symbolic link to
  /dev/zero, files of his own with bad values (a date of "yesterday", an elapsed time of 0, Java 99999999999,
  2147483647 workers) and 10,000 files for invented learners;
- limits per learner: each learner's server runs in control groups of their own with the guide's TLJH limits
  (1 GB, 1 CPU; tests/hub_limits.py); alice's kernel runs away (spinning threads, child JVMs filling their heaps)
  while bob's cells must all answer, from the same kernel process;
- the teacher logs in and runs the class chart notebook (workshop/class-chart.ipynb): it must finish (the FIFO
  does not hang it), chart and list exactly alice and bob, and name every planted file with its reason;
- the teacher clears the folder with the guide's command, which must remove every learner's file;
- the hub is stopped as a teacher stops it (SIGTERM): no process it started may be left (no single-user server,
  kernel, child JVM or proxy), and no process of the three users. The users are then deleted.
Each check prints PASS or FAIL; the last line is "hub: N passed, M failed".
"""
import json
import os
import pwd
import shutil
import stat
import subprocess
import sys
import time

import hub_config
import hub_limits
import unix_users
from procs import alive, command_line, descendants, pss_kib

repo, work, prefix = sys.argv[1], os.path.abspath(sys.argv[2]), sys.argv[3]
hub_dir = os.path.join(work, "hub")
class_dir = os.path.join(hub_dir, "class")
learners = ["alice", "bob"]
teacher = "teacher"
password = "workshop"
MARK = "jcn hub check"  # the users' comment: only users this check made are ever deleted
FLOOD = 10_000
results = []


def check(ok, message):
    results.append(bool(ok))
    print(("PASS" if ok else "FAIL") + " hub: " + message, flush=True)
    return ok


def make_users():
    """Creates the three Unix users, each with a home under the hub's folder; one left by an earlier run is
    removed first, any other user of that name stops the check."""
    for user in learners + [teacher]:
        unix_users.make_user(user, os.path.join(hub_dir, "home", user), MARK)


def delete_user(user):
    unix_users.delete_user(user, MARK)


def as_user(user, *command, **kwargs):
    """Runs a command as one of the users, as they would in a terminal of their own."""
    entry = pwd.getpwnam(user)
    return subprocess.run(list(command), user=entry.pw_uid, group=entry.pw_gid, extra_groups=[],
                          env={"PATH": "/usr/bin:/bin", "HOME": entry.pw_dir, "USER": user}, cwd=entry.pw_dir,
                          **kwargs)


def share_kernel():
    """The kernel's prefix must be readable by every user: ./test's work folder is private (mktemp), so every
    folder above the prefix gets the search bit for others, as /opt/tljh/user has."""
    path = os.path.abspath(os.environ["JUPYTER_PATH"].split(os.pathsep)[0])
    while path != "/":
        mode = os.stat(path).st_mode
        if not mode & stat.S_IXOTH:
            os.chmod(path, stat.S_IMODE(mode) | stat.S_IXOTH)
        path = os.path.dirname(path)
    subprocess.run(["chmod", "-R", "a+rX", os.environ["JUPYTER_PATH"].split(os.pathsep)[0]], check=True)


def prepare_folders():
    """The class folder, exactly as workshop/teachers-guide.md makes it, and the notebooks in the users' homes."""
    subprocess.run(["install", "-d", "-o", teacher, "-g", teacher, "-m", "1777", class_dir], check=True)
    for user in learners:
        home = pwd.getpwnam(user).pw_dir
        for name in os.listdir(os.path.join(repo, "notebooks")):
            if name.endswith(".ipynb"):
                shutil.copy(os.path.join(repo, "notebooks", name), home)
                shutil.chown(os.path.join(home, name), user, user)
    home = pwd.getpwnam(teacher).pw_dir
    shutil.copy(os.path.join(repo, "workshop", "class-chart.ipynb"), home)
    shutil.chown(os.path.join(home, "class-chart.ipynb"), teacher, teacher)


# What bob plants, as bob, in the class folder: a Python script run with his uid. Argument: the folder, and a
# sweep of his to copy (for files with bad values that are his own, so that only their values are wrong).
PLANT = r"""
import csv, io, os, sys
folder, own = sys.argv[1], sys.argv[2]
with open(own, newline="") as f:
    rows = list(csv.reader(f))
good = open(own).read()
def put(name, text):
    with open(os.path.join(folder, name), "w") as f:
        f.write(text)
def changed(column, value, workers=None):
    out = io.StringIO()
    i = rows[0].index(column)
    csv.writer(out, lineterminator="\n").writerows([rows[0]] + [r[:i] + [value] + r[i + 1:]
        if workers is None or r[2] == workers else r for r in rows[1:]])
    return out.getvalue()
put("carol.csv", good)                                         # a learner who does not exist
os.mkfifo(os.path.join(folder, "pipe.csv"))                    # hangs a reader that opens it
os.symlink("/dev/zero", os.path.join(folder, "zero.csv"))      # endless
put("bob+date.csv", changed("taken_at", "yesterday"))           # bob's own files, with bad values
put("bob+nan.csv", changed("elapsed_ns", "0", workers="1"))
put("bob+java.csv", changed("java_version", "99999999999"))
put("bob+workers.csv", changed("workers", "2147483647", workers="2"))
for i in range(int(sys.argv[3])):
    put(f"zz-flood-{i:05d}.csv", good)
"""

SQUAT = r"""
import sys
open(sys.argv[1] + "/alice.csv", "w").write(sys.argv[2])
"""


def fake_sweep():
    """A sweep as lesson 00 writes it, claiming 64 cores: what bob puts under alice's name."""
    header = ("workload,mechanism,workers,round,elapsed_ns,cpu_ns,cores,host_cpus,cpu_quota,cores_limited_by,"
              "java_version,java_vendor,os,max_heap_bytes,kernel,taken_at")
    rows = [f"sum,platform threads,{w},1,{10 ** 9 // w},-1,64,64,,,25.0.1,V,Linux amd64,1000,jcn,2026-12-01T00:00:00Z"
            for w in (1, 2, 4)]
    return "\n".join([header] + rows) + "\n"


def learner_files():
    return {name: os.lstat(os.path.join(class_dir, name)) for name in os.listdir(class_dir)}


def main():
    if os.geteuid() != 0:
        print("SKIP hub: creating the learners' Unix users needs root")
        return
    os.makedirs(os.path.join(hub_dir, "home"), exist_ok=True)
    for folder in (work, hub_dir, os.path.join(hub_dir, "home")):
        os.chmod(folder, 0o711)  # the users reach their homes and the class folder, and list nothing above them
    groups, hub, log = None, None, None
    try:
        make_users()
        share_kernel()
        groups = hub_limits.make_groups(learners)
        hub, log = start_hub(groups)
        session(hub, groups)
    finally:
        for user in learners + [teacher]:
            delete_user(user)
        hub_limits.remove_groups(groups)
        if log:
            log.close()


def start_hub(groups):
    prepare_folders()
    hub = hub_config.start(hub_dir, learners + [teacher], groups, class_dir, password)
    return hub, hub.log


def session(hub, groups):
    """Everything that happens while the hub runs; stops it at the end."""
    url = hub.url
    log_path = os.path.join(hub_dir, "hub.log")
    session_js = os.path.join(repo, "tests", "browser", "hub-session.mjs")
    started = []
    try:
        if not check(hub_config.wait_for_hub(url, hub), f"the hub answers on {url}"):
            print(open(log_path).read()[-4000:])
            return
        as_user("bob", sys.executable, "-c", SQUAT, class_dir, fake_sweep(), check=True)
        session = subprocess.run(["node", session_js, url, password, "00-check-your-setup.ipynb", prefix, *learners],
                                 timeout=900)
        results.append(session.returncode == 0)
        if session.returncode != 0:
            print(open(log_path).read()[-4000:])
        files = learner_files()
        mine = {u: [n for n, s in files.items() if pwd.getpwuid(s.st_uid).pw_name == u] for u in learners}
        check(len(mine["bob"]) == 2 and "bob.csv" in mine["bob"] and "alice.csv" in mine["bob"]
              and len(mine["alice"]) == 1 and mine["alice"][0].startswith("alice+"),
              f"squatting: bob took alice.csv first, alice's save still succeeded under another name ({mine})")
        check(all(stat.S_IMODE(files[n].st_mode) == 0o644 for u in learners for n in mine[u]),
              "each learner's file is readable by the teacher: " + ", ".join(
                  f"{n} {stat.filemode(files[n].st_mode)} {pwd.getpwuid(files[n].st_uid).pw_name}"
                  for u in learners for n in mine[u]))

        kernels = {pwd.getpwuid(os.stat(f"/proc/{p}").st_uid).pw_name: p for p in descendants(hub.pid)
                   if "org.jcn.kernel" in (command_line(p) or "")}
        if groups is None:
            print("SKIP hub: limits per learner: no cgroup v1 memory and cpu controllers here")
        elif check(set(kernels) == set(learners) and all(hub_limits.in_groups(kernels[u], u) for u in learners),
                   "each learner's kernel runs in that learner's control groups (1 GB, 1 CPU)"):
            hub_limits.runaway_does_not_stop_others(check, kernels["alice"], kernels["bob"], groups, "alice", "bob")
        as_user("bob", sys.executable, "-c", PLANT, class_dir, os.path.join(class_dir, "bob.csv"), str(FLOOD),
                check=True)
        expected = {
            "owner mismatch": "carol.csv: owned by Unix user bob, not by learner carol",
            "squatting": "alice.csv: owned by Unix user bob, not by learner alice",
            "FIFO": "pipe.csv: not a regular file (a FIFO, socket or device); not opened",
            "symlink": "zero.csv: not a regular file (a symbolic link); not opened",
            "bad date": "bob+date.csv: the platform of the first sample: Text 'yesterday' could not be parsed",
            "zero time": "bob+nan.csv: elapsed_ns 0 at 1 workers is not between 1 and",
            "bad Java version": "bob+java.csv: Java version \"99999999999\" is not a version",
            "absurd workers": "bob+workers.csv: workers 2147483647 is not between 1 and 1024",
            f"{FLOOD:,} files": f"2 machines in {class_dir}; {FLOOD + 8} files left out",
        }
        began = time.monotonic()
        session = subprocess.run(["node", session_js, url, password, "class-chart.ipynb", prefix,
                                  "--expect=" + "|".join(list(expected.values()) + learners),
                                  "--print=machines in", teacher], timeout=900, capture_output=True, text=True)
        print(session.stdout, end="")
        results.append(session.returncode == 0)
        for attack, outcome in expected.items():
            check(session.returncode == 0 and f"the outputs do not show {json.dumps(outcome)}" not in session.stdout,
                  f"attack: {attack}: the teacher's chart shows {outcome!r}")
        check(session.returncode == 0, f"the teacher's class chart finished in {time.monotonic() - began:.0f} s with "
              "the FIFO in the folder, and charts exactly alice and bob (bob's 64-core alice.csv is not alice)")

        started = descendants(hub.pid)
        kinds = {"single-user servers": "jupyterhub-singleuser", "kernels": "org.jcn.kernel",
                 "proxy": "configurable-http-proxy"}
        running = {k: [p for p in started if needle in (command_line(p) or "")] for k, needle in kinds.items()}
        running["hub"] = [hub.pid]
        owners = sorted({pwd.getpwuid(os.stat(f"/proc/{p}").st_uid).pw_name for p in running["kernels"] if alive(p)})
        check(len(running["single-user servers"]) == 3 and len(running["kernels"]) == 3 and running["proxy"]
              and owners == sorted(learners + [teacher]),
              "while it runs: " + ", ".join(f"{len(v)} {k}" for k, v in running.items())
              + f", the kernels run as {owners} (memory as PSS, MiB: "
              + ", ".join(f"{k} {sum(map(pss_kib, v)) / 1024:.0f}" for k, v in running.items())
              + ")")
        # The guide's command to clear the folder, run by the teacher in a terminal of their own.
        cleared = as_user(teacher, "find", class_dir, "-mindepth", "1", "-delete", capture_output=True, text=True)
        check(cleared.returncode == 0 and not os.listdir(class_dir),
              f"the teacher clears the folder with the guide's command, every learner's file included "
              f"({len(os.listdir(class_dir))} left{'; ' + cleared.stderr.strip()[:200] if cleared.stderr else ''})")
    finally:
        left = hub_config.stop(hub, started or descendants(hub.pid))
        # A zombie has ended; only its exit status waits for a parent to read it (here PID 1, which reaps
        # orphans in its own time), so it is not a process left running.
        users_left = "\n".join(line for line in subprocess.run(
            ["pgrep", "-u", ",".join(learners + [teacher]), "-a"], capture_output=True, text=True).stdout.splitlines()
            if alive(int(line.split()[0])))
        check(not left and not users_left, "stopped with SIGTERM, it leaves no server, kernel, child JVM or proxy "
              "running, and no process of the three users"
              + "".join(f"\n    left: {p} {command_line(p)[:150]}" for p in left)
              + "".join(f"\n    left: {line[:150]}" for line in users_left.splitlines()))
        hub_config.kill(left)


main()
print(f"hub: {sum(results)} passed, {len(results) - sum(results)} failed")
sys.exit(0 if all(results) else 1)
