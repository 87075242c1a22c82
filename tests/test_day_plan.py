"""The day plan (workshop/day-plan.md) against the lessons: each lesson's header gives the plan's minutes, and the
plan's counts of prose words and code lines still describe the lessons as they are (within 10%), so a lesson that
grows or shrinks without its plan being measured again fails here. Run: python3 -m unittest tests/test_day_plan.py
"""
import glob
import json
import os
import re
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PLAN = os.path.join(ROOT, "workshop", "day-plan.md")


def plan_rows():
    """lesson number -> (prose words, code lines, teaching minutes, exercise minutes), from the plan's table."""
    rows = {}
    with open(PLAN, encoding="utf-8") as f:
        for line in f:
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if len(cells) == 9 and re.fullmatch(r"\d\d", cells[0]):
                bold = [int(m) for m in re.findall(r"\*\*(\d+)\*\*", line)]
                rows[cells[0]] = (int(cells[1].replace(",", "")), int(cells[3]), bold[0], bold[1])
    return rows


def lesson(number):
    path, = glob.glob(os.path.join(ROOT, "notebooks", number + "-*.ipynb"))
    with open(path, encoding="utf-8") as f:
        return json.load(f)["cells"]


def prose_words(cells):
    """Words of the markdown cells, without fenced code blocks and the hidden solutions (<details> blocks)."""
    words = 0
    for c in cells:
        if c["cell_type"] == "markdown":
            text = "".join(c["source"])
            text = re.sub(r"```.*?```", " ", text, flags=re.S)
            text = re.sub(r"<details>.*?</details>", " ", text, flags=re.S)
            words += len(text.split())
    return words


def code_lines(cells):
    return sum(1 for c in cells if c["cell_type"] == "code" for line in "".join(c["source"]).splitlines()
               if line.strip())


class DayPlanTest(unittest.TestCase):

    def test_every_lesson_is_in_the_plan(self):
        numbers = sorted(os.path.basename(p)[:2] for p in glob.glob(os.path.join(ROOT, "notebooks", "0*.ipynb")))
        self.assertEqual(numbers, sorted(plan_rows()))

    def test_each_header_gives_the_plans_minutes(self):
        for number, (_, _, teaching, exercises) in plan_rows().items():
            header = "".join("".join(c["source"]) for c in lesson(number)[:2])
            found = re.search(r"\*\*Time\*\*: about (\d+) minutes of teaching and (\d+) minutes", header)
            self.assertIsNotNone(found, f"lesson {number} has no **Time** line")
            self.assertEqual((teaching, exercises), (int(found.group(1)), int(found.group(2))),
                             f"lesson {number}: header against workshop/day-plan.md")

    def test_the_plans_counts_still_describe_the_lessons(self):
        for number, (words, lines, _, _) in plan_rows().items():
            cells = lesson(number)
            self.assertAlmostEqual(words, prose_words(cells), delta=0.1 * words,
                                   msg=f"lesson {number}: prose words; measure the plan again")
            self.assertAlmostEqual(lines, code_lines(cells), delta=0.1 * lines,
                                   msg=f"lesson {number}: code lines; measure the plan again")


if __name__ == "__main__":
    unittest.main()
