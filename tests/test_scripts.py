"""Tests of the shell scripts under kernel/: JDK discovery and the installer's options.

Fake JDKs (a bin/java that prints a chosen java.specification.version) make every case independent of the
JDKs this machine has. Run: python3 -m unittest tests/test_scripts.py (./test does).
"""
import os
import stat
import subprocess
import tempfile
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def fake_jdk(parent, name, version):
    home = os.path.join(parent, name)
    os.makedirs(os.path.join(home, "bin"))
    for tool in ("java", "javac"):
        path = os.path.join(home, "bin", tool)
        with open(path, "w") as f:
            f.write(f"#!/bin/sh\necho '    java.specification.version = {version}' >&2\n")
        os.chmod(path, os.stat(path).st_mode | stat.S_IEXEC)
    return home


def find_java(dirs, java_home=None):
    env = {"PATH": "/nonexistent", "HOME": "/nonexistent", "JCN_JDK_DIRS": " ".join(dirs)}
    if java_home:
        env["JAVA_HOME"] = java_home
    script = f'. "{ROOT}/kernel/find-java.sh"; jcn_find_java && echo "$JCN_JAVA_VERSION $JCN_JAVA_HOME"'
    return subprocess.run(["/bin/bash", "-c", script], env=env, capture_output=True, text=True, timeout=30)


class FindJavaTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = self.tmp.name

    def tearDown(self):
        self.tmp.cleanup()

    def test_only_an_old_jdk_gives_an_error_naming_its_version_and_what_to_install(self):
        old = fake_jdk(self.dir, "jdk17", "17")
        result = find_java([old])
        self.assertEqual(1, result.returncode)
        self.assertIn(f"found only Java 17 at {old}", result.stderr)
        self.assertIn("JDK 21 or newer", result.stderr)
        self.assertIn("apt-get install openjdk-21-jdk", result.stderr)

    def test_no_jdk_at_all_says_so(self):
        result = find_java([os.path.join(self.dir, "missing")])
        self.assertEqual(1, result.returncode)
        self.assertIn("no JDK found", result.stderr)

    def test_the_first_jdk_21_or_newer_is_taken(self):
        old = fake_jdk(self.dir, "jdk17", "17")
        new = fake_jdk(self.dir, "jdk25", "25")
        result = find_java([old, new])
        self.assertEqual(0, result.returncode, result.stderr)
        self.assertEqual(f"25 {new}", result.stdout.strip())

    def test_java_home_wins_over_the_usual_folders(self):
        a = fake_jdk(self.dir, "jdk21", "21")
        b = fake_jdk(self.dir, "jdk25", "25")
        result = find_java([b], java_home=a)
        self.assertEqual(f"21 {a}", result.stdout.strip())

    def test_an_old_java_home_is_passed_over_for_a_newer_jdk(self):
        old = fake_jdk(self.dir, "jdk11", "11")
        new = fake_jdk(self.dir, "jdk21", "21")
        result = find_java([new], java_home=old)
        self.assertEqual(f"21 {new}", result.stdout.strip())


class InstallTest(unittest.TestCase):
    def test_unknown_options_are_named(self):
        result = subprocess.run([f"{ROOT}/kernel/install", "--frobnicate"], capture_output=True, text=True, timeout=60)
        self.assertEqual(2, result.returncode)
        self.assertIn("unknown option '--frobnicate'", result.stderr)

    # A --prefix install itself is ./test's step 3 (the Dockerfile's command), checked by tests/check_install.py.


if __name__ == "__main__":
    unittest.main()
