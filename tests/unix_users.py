"""Unix users that a check or a benchmark makes for itself and removes again: each carries a marker in its comment
(the GECOS field), and only a user with that marker is ever deleted, so a real user of the same name is never
touched. Needs root (useradd, userdel)."""
import os
import pwd
import subprocess
import time


def make_user(user, home, mark):
    """Creates the user with its own group and a home at `home`; one left by an earlier run (same marker) is removed
    first; a user of that name without the marker stops the caller with SystemExit."""
    try:
        entry = pwd.getpwnam(user)
    except KeyError:
        entry = None
    if entry is not None:
        if entry.pw_gecos != mark:
            raise SystemExit(f"a Unix user {user} exists that was not made here ({mark}); not touching it")
        delete_user(user, mark)
    subprocess.run(["useradd", "--comment", mark, "--home-dir", home, "--create-home", "--shell", "/bin/bash",
                    "--user-group", user], check=True)


def delete_user(user, mark):
    """Ends every process of the user and deletes it with its home, if it carries the marker; otherwise nothing."""
    try:
        if pwd.getpwnam(user).pw_gecos != mark:
            return
    except KeyError:
        return
    subprocess.run(["pkill", "-KILL", "-u", user], check=False)
    time.sleep(0.2)
    subprocess.run(["userdel", "--remove", user], check=False, stderr=subprocess.DEVNULL)
