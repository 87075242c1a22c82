"""The capacity benchmark's own logic (tests/capacity_bench.py): which lessons it runs and how it reads a sweep.
The benchmark itself runs with ./bench CapacityBenchmark (about a quarter of an hour), never in ./test."""
import os
import tempfile
import unittest

import capacity_bench

HEADER = ("workload,mechanism,workers,round,elapsed_ns,cpu_ns,cores,host_cpus,cpu_quota,cores_limited_by,"
          "java_version,java_vendor,os,max_heap_bytes,kernel,taken_at")


def sweep_csv(rows):
    """A sweep's CSV as SweepResult.writeCsv writes it, with the given (workers, elapsed ms) rows."""
    lines = [HEADER] + [f'"sum of range(1,000)",platform threads,{w},1,{int(ms * 1e6)},-1,2,2,,,25,V,Linux amd64,'
                        f"1073741824,none,2026-11-29T00:00:00Z" for w, ms in rows]
    f = tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False)
    f.write("\n".join(lines) + "\n")
    f.close()
    return f.name


class CapacityBenchTest(unittest.TestCase):
    def test_runs_lesson_00_and_then_the_first_lesson_that_measures_a_sweep(self):
        first, measuring = capacity_bench.lessons()
        self.assertTrue(os.path.basename(first).startswith("00-"))
        self.assertIn("Sweep.of", open(measuring).read())
        self.assertLess(os.path.basename(first), os.path.basename(measuring))

    def test_the_speedup_at_two_workers_is_a_ratio_of_medians(self):
        path = sweep_csv([(1, 100), (1, 120), (1, 500), (2, 60), (2, 50), (2, 70), (3, 40)])
        self.addCleanup(os.remove, path)
        self.assertAlmostEqual(120 / 60, capacity_bench.speedup_at_two(path))

    def test_a_sweep_without_two_workers_has_no_speedup_at_two(self):
        path = sweep_csv([(1, 100)])
        self.addCleanup(os.remove, path)
        self.assertNotEqual(capacity_bench.speedup_at_two(path), capacity_bench.speedup_at_two(path))  # NaN

    def test_spread_gives_the_median_and_the_range(self):
        self.assertEqual("2.0 (1.0-9.0)", capacity_bench.spread([9.0, 1.0, 2.0], "{:.1f}"))
        self.assertEqual("3", capacity_bench.spread([3.0], "{:.0f}"))
        self.assertEqual("-", capacity_bench.spread([float("nan")], "{:.0f}"))


if __name__ == "__main__":
    unittest.main()
