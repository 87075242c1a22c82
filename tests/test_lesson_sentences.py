"""The lessons' sentences about measured outcomes follow the data.

A sentence that states what a measurement showed must be computed from the measurement and speak through its
noise verdict (SweepResult.verdict(), Comparison.Result.verdict()); prose may explain what to expect, hedged, but
not state a result as fixed. Two checks, per lesson:

- FIXED lists sentences that once stated a measured outcome as fact, and were contradicted by runs on a busy machine
  (a Python-threads speedup of 1.78x under "stay near 1x", 11.2 delays under "about four rounds", ...). None may come
  back into a markdown cell.
- Every sweep and every comparison a lesson runs has its verdict read by some code cell of that lesson, so the
  learner sees whether its numbers can be believed.

Run: python3 -m unittest tests/test_lesson_sentences.py
"""
import glob
import json
import os
import re
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LESSONS = sorted(glob.glob(os.path.join(ROOT, "notebooks", "[0-9][0-9]-*.ipynb")))

# Per lesson number: fixed statements of measured outcomes (regular expressions over markdown, whitespace-insensitive).
FIXED = {
    "01": [r"Threads usually stay a little ahead",
           r"On the default Python build, the threads stay near 1 and the processes climb"],
    "02": [r"every mechanism speeds up until the workers outnumber the cores"],
    "03": [r"twelve take about four rounds",
           r"The sequential line rises by about one delay per image",
           r"on this project's (two-core )?machine",
           r"Warm, both lines lie near the floor"],
    "04": [r"All three give up at about 300 ms",
           r"Forty downloads in groups of five take about eight delays"],
    "05": [r"the whole batch takes about one delay",
           r"Both lines follow the ideal line",
           r"Up to the core count both lines rise towards the ideal",
           r"The child JVMs' line lies (well above|on or close to)"],
    "06": [r"\*\*Python threads\*\* stay near 1x",
           r"A forked Python process is the cheapest of them, a few milliseconds",
           r"The Java loop adds an integer in about a nanosecond",
           r"Up to about a hundred downloads every line stays near one server delay"],
}

MEASURED = re.compile(r"(?:SweepResult|Comparison\.Result)\s+(\w+)\s*=\s*(?:Sweep|Comparison)\.of\(")


def cells(path):
    with open(path) as f:
        return json.load(f)["cells"]


def flat(text):
    return re.sub(r"\s+", " ", text)


class LessonSentencesTest(unittest.TestCase):

    def test_every_lesson_is_checked(self):
        self.assertEqual(7, len(LESSONS), LESSONS)
        self.assertTrue(set(FIXED) <= {os.path.basename(p)[:2] for p in LESSONS})

    def test_no_fixed_statement_of_a_measured_outcome_comes_back(self):
        for path in LESSONS:
            number = os.path.basename(path)[:2]
            for i, cell in enumerate(cells(path)):
                if cell["cell_type"] != "markdown":
                    continue
                text = flat("".join(cell["source"]))
                for phrase in FIXED.get(number, []):
                    with self.subTest(lesson=number, cell=i, phrase=phrase):
                        self.assertIsNone(re.search(phrase, text),
                                          f"lesson {number} cell {i} states a measured outcome as fixed: compute it "
                                          f"from the measurement and its verdict, or hedge it")

    def test_every_sweep_and_comparison_has_its_verdict_read(self):
        for path in LESSONS:
            code = ["".join(c["source"]) for c in cells(path) if c["cell_type"] == "code"]
            names = {m.group(1) for source in code for m in MEASURED.finditer(source)}
            for name in sorted(names):
                with self.subTest(lesson=os.path.basename(path), result=name):
                    self.assertTrue(any(re.search(rf"\b{name}\.verdict\(\)", s) for s in code),
                                    f"{os.path.basename(path)}: {name} is measured but no cell reads {name}.verdict()")

    def test_the_check_sees_a_planted_fixed_sentence_and_an_unjudged_sweep(self):
        planted = flat("Three consumers keep three downloads in flight, so twelve take about four rounds.")
        self.assertTrue(any(re.search(p, planted) for p in FIXED["03"]))
        code = 'SweepResult quiet = Sweep.of(Workloads.sumOfRange(1_000)).run();\nquiet.toChart()'
        self.assertEqual({"quiet"}, {m.group(1) for m in MEASURED.finditer(code)})
        self.assertIsNone(re.search(r"\bquiet\.verdict\(\)", code))


if __name__ == "__main__":
    unittest.main()
