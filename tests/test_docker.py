"""Checks of what can be checked here of the Docker, Binder and conda set-ups (no Docker engine here)."""
import os
import re
import shutil
import subprocess
import unittest

import dockerfile_rules

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def read(name):
    with open(os.path.join(ROOT, name)) as f:
        return f.read()


class DockerfileTest(unittest.TestCase):
    def test_follows_the_binder_and_docker_stacks_rules(self):
        self.assertEqual([], dockerfile_rules.problems(read("Dockerfile"), read(".dockerignore")))

    def test_the_rules_catch_a_dockerfile_that_breaks_them(self):
        bad = "FROM quay.io/jupyter/base-notebook:latest\nENV JUPYTER_TOKEN=abc\nCOPY . /srv\n" \
              "RUN start-notebook.py --IdentityProvider.token=''\nUSER root\n"
        found = "\n".join(dockerfile_rules.problems(bad, ""))
        for expected in ("moving tag 'latest'", "final USER", "token authentication must stay on",
                         "never baked into the image", "no RUN calls kernel/install", "--chown",
                         "notebook user's home", "leave out .git"):
            self.assertIn(expected, found)

    def test_installs_the_kernel_with_the_tested_script_into_the_prefix(self):
        self.assertEqual('kernel/install --prefix "${CONDA_DIR}"', dockerfile_rules.install_command(read("Dockerfile")))

    def test_lints_clean(self):
        tool = os.path.join(ROOT, "tests", "browser", "node_modules", ".bin", "dockerfile-utils")
        if not os.path.exists(tool):
            self.skipTest("dockerfile-utils is not installed (./test installs it with npm)")
        result = subprocess.run([tool, "lint", os.path.join(ROOT, "Dockerfile")], capture_output=True, text=True,
                                timeout=60)
        self.assertEqual("", result.stdout.strip(), "dockerfile-utils found problems")


class EnvironmentTest(unittest.TestCase):
    def setUp(self):
        import yaml
        self.env = yaml.safe_load(read("environment.yml"))
        self.deps = {re.split(r"[=<> ]", d)[0]: d for d in self.env["dependencies"] if isinstance(d, str)}

    def test_names_what_the_dockerfile_and_lab_rely_on(self):
        self.assertEqual(["conda-forge"], self.env["channels"])
        for package in ("openjdk", "maven", "jupyterlab", "nbclient", "nbformat"):
            self.assertIn(package, self.deps)
        self.assertIn("environment.yml", read("Dockerfile"))

    def test_the_jdk_is_21_or_newer_and_python_is_not_pinned(self):
        version = re.search(r"openjdk[=>]+(\d+)", self.deps["openjdk"])
        self.assertTrue(version and int(version.group(1)) >= 21, self.deps["openjdk"])
        self.assertNotIn("python", self.deps, "a pinned python would fight the docker-stacks image's own")

    def test_lints_clean(self):
        if not shutil.which("yamllint"):
            self.skipTest("yamllint is not installed (./test installs it on Debian)")
        result = subprocess.run(["yamllint", "-d", "{extends: default, rules: {document-start: disable}}",
                                 os.path.join(ROOT, "environment.yml")], capture_output=True, text=True, timeout=60)
        self.assertEqual(0, result.returncode, result.stdout)


class ShellScriptsTest(unittest.TestCase):
    SCRIPTS = ["test", "lab", "site", "bench", ".ci/run", "kernel/install", "kernel/find-java.sh", "kernel/prerequisites.sh"]

    def test_shellcheck_finds_nothing(self):
        if not shutil.which("shellcheck"):
            self.skipTest("shellcheck is not installed (./test installs it on Debian)")
        result = subprocess.run(["shellcheck", "-x", "-s", "bash"] + self.SCRIPTS, cwd=ROOT, capture_output=True,
                                text=True, timeout=120)
        self.assertEqual(0, result.returncode, result.stdout)


if __name__ == "__main__":
    unittest.main()
