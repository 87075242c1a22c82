"""The Docker image as a JupyterHub single-user image, and the teacher's guide's hub settings, checked by reading
them (there is no Docker engine or Kubernetes here; ./test runs a real JupyterHub on Debian's packages instead)."""
import os
import re
import unittest

import dockerfile_rules

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GUIDE = os.path.join(ROOT, "workshop", "teachers-guide.md")


def read(path):
    with open(os.path.join(ROOT, path)) as f:
        return f.read()


def blocks(markdown, language):
    """The fenced code blocks of one language in a markdown text."""
    return re.findall(rf"```{language}\n(.*?)```", markdown, re.S)


class SingleUserImageTest(unittest.TestCase):
    def setUp(self):
        self.ins = dockerfile_rules.instructions(read("Dockerfile"))

    def test_starts_from_a_docker_stacks_image_whose_start_command_hands_over_to_the_hub(self):
        image = next(args for keyword, args in self.ins if keyword == "FROM").split()[0]
        self.assertRegex(image, r"^(quay\.io/)?jupyter/[a-z-]+-notebook:", "docker-stacks images start "
                         "start-singleuser.py by themselves when JupyterHub starts them")

    def test_keeps_the_images_start_command(self):
        # Zero to JupyterHub runs the image's CMD; docker-stacks' start-notebook.py becomes start-singleuser.py
        # under a hub. A CMD or ENTRYPOINT of our own would bypass that.
        overrides = [f"{k} {a}" for k, a in self.ins if k in ("CMD", "ENTRYPOINT")]
        self.assertEqual([], overrides)

    def test_installs_the_kernel_where_a_home_volume_cannot_hide_it(self):
        command = dockerfile_rules.install_command(read("Dockerfile"))
        self.assertIn('--prefix "${CONDA_DIR}"', command)

    def test_the_lessons_sit_below_the_home_folder_that_the_guide_mounts_beside(self):
        workdir = [a for k, a in self.ins if k == "WORKDIR"][-1]
        self.assertEqual("/home/${NB_USER}/notebooks", workdir)


class TeachersGuideTest(unittest.TestCase):
    def setUp(self):
        self.guide = read(GUIDE)

    def test_the_zero_to_jupyterhub_config_uses_the_image_with_limits_and_the_class_folder(self):
        try:
            import yaml
        except ImportError:
            self.skipTest("PyYAML is not installed (Debian: python3-yaml)")
        (config,) = [yaml.safe_load(b) for b in blocks(self.guide, "yaml")]
        single = config["singleuser"]
        self.assertNotIn(single["image"]["tag"], ("latest", ""))
        self.assertNotIn("cmd", single, "the image's own start command must run")
        self.assertLessEqual(float(single["cpu"]["guarantee"]), float(single["cpu"]["limit"]))
        self.assertRegex(str(single["memory"]["limit"]), r"^\d+(\.\d+)?[MG]$")
        self.assertEqual("/srv/class", single["extraEnv"]["JCN_CLASS_DIR"])
        mount = single["storage"]["homeMountPath"]
        self.assertFalse("/home/jovyan/notebooks".startswith(mount.rstrip("/") + "/") or mount == "/home/jovyan",
                         f"a home volume at {mount} would hide the lessons in /home/jovyan/notebooks")
        mounts = {m["mountPath"] for m in single["storage"]["extraVolumeMounts"]}
        self.assertIn(single["extraEnv"]["JCN_CLASS_DIR"], mounts)

    def test_the_jupyterhub_settings_are_python_that_sets_the_class_folder(self):
        (snippet,) = blocks(self.guide, "python")
        c = type("Config", (), {})()
        c.Spawner = type("Spawner", (), {})()
        exec(compile(snippet, "teachers-guide.md", "exec"), {"c": c})
        self.assertEqual("/srv/class", c.Spawner.environment["JCN_CLASS_DIR"])

    def test_the_limits_agree_between_tljh_and_kubernetes(self):
        try:
            import yaml
        except ImportError:
            self.skipTest("PyYAML is not installed (Debian: python3-yaml)")
        single = yaml.safe_load(blocks(self.guide, "yaml")[0])["singleuser"]
        self.assertIn(f"tljh-config set limits.memory {single['memory']['limit']}", self.guide)
        self.assertIn(f"tljh-config set limits.cpu {single['cpu']['limit']}", self.guide)

    def test_quotes_the_capacity_table_of_the_benchmarks(self):
        benchmarks = read("BENCHMARKS.md")
        rows = [line for line in self.guide.splitlines() if re.match(r"\| \d+ \| (none|[\d.]+ CPU)", line)]
        self.assertTrue(rows, "the guide has no rows of the capacity table")
        for row in rows:
            self.assertIn(row, benchmarks, "a row the guide quotes is not in BENCHMARKS.md")


if __name__ == "__main__":
    unittest.main()
