package org.jcn.benchmarks;

import java.util.Locale;

import org.jcn.measure.Mechanism;
import org.jcn.measure.Platform;
import org.jcn.measure.Sweep;
import org.jcn.measure.SweepResult;
import org.jcn.measure.Workloads;

/**
 * How close CPU-bound work gets to the core count's limit, measured with the project's own harness.
 *
 * <ol>
 *   <li>The loops really run: nanoseconds per iteration stay the same from 10 million to 1 billion iterations
 *       (a loop the JIT folded or vectorised would get cheaper per iteration as it grows).</li>
 *   <li>The sum of a range split over 2 workers, against 1 worker, for virtual threads and a parallel stream
 *       (target: at least 1.9x on 2 cores).</li>
 *   <li>The same for platform threads, as the task grows from 5 ms to 200 ms: when does the cost of starting
 *       threads stop mattering (target: 1.9x once each task runs 50 ms or more)?</li>
 *   <li>A full sweep from 1 to twice the core count, saved as the README's example chart.</li>
 * </ol>
 * Run with {@code ./bench ScalingBenchmark}.
 */
public final class ScalingBenchmark {

    /** Where section 4 saves its chart: the README shows this picture. */
    static final java.nio.file.Path CHART = java.nio.file.Path.of("target", "benchmarks", "sum-of-range-speedup.png");

    private ScalingBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println(Platform.current().caption());

        System.out.println("\n1. cost per loop iteration (sum of range, 1 worker, median of 5)");
        for (long n : new long[] {10_000_000L, 100_000_000L, 1_000_000_000L}) {
            SweepResult r = Sweep.of(Workloads.sumOfRange(n)).withMechanisms(Mechanism.PLATFORM_THREADS)
                    .withWorkerCounts(1).withWarmups(2).withRepetitions(5).withQuickMode(false).run();
            double ms = r.elapsedMillis(Mechanism.PLATFORM_THREADS, 1).median();
            System.out.printf(Locale.ROOT, "   n = %,15d   %9.1f ms   %.3f ns per iteration%n", n, ms, ms * 1e6 / n);
        }

        System.out.println("\n2. speedup of the sum of 1,000,000,000 on 2 workers over 1 (median of 7 rounds)");
        SweepResult big = Sweep.of(Workloads.sumOfRange(1_000_000_000L))
                .withMechanisms(Mechanism.VIRTUAL_THREADS, Mechanism.PARALLEL_STREAM, Mechanism.PLATFORM_THREADS)
                .withWorkerCounts(1, 2).withWarmups(2).withRepetitions(7).withQuickMode(false).run();
        for (Mechanism m : big.mechanisms()) {
            System.out.printf(Locale.ROOT, "   %-17s %8.1f ms -> %8.1f ms   speedup %.2fx%n", m.label(),
                    big.elapsedMillis(m, 1).median(), big.elapsedMillis(m, 2).median(), big.speedup(m, 2));
        }

        System.out.println("\n4. the example chart of the README: a full sweep, saved as " + CHART);
        SweepResult sweep = Sweep.of(Workloads.sumOfRange(1_000_000_000L))
                .withMechanisms(Mechanism.PLATFORM_THREADS, Mechanism.VIRTUAL_THREADS, Mechanism.PARALLEL_STREAM)
                .withWarmups(1).withRepetitions(3).withQuickMode(false).run();
        java.nio.file.Files.createDirectories(CHART.getParent());
        org.jcn.display.Charts.save(sweep.toSpeedupChart(Mechanism.PLATFORM_THREADS), CHART);
        System.out.println(sweep.summary().print());

        System.out.println("\n3. platform threads: speedup on 2 workers by task length (each task is half the sum)");
        for (double taskMillis : new double[] {5, 20, 50, 200}) {
            long n = (long) (2 * taskMillis * 1e6 / 0.95);  // about 0.95 ns per iteration here, see 1.
            SweepResult r = Sweep.of(Workloads.sumOfRange(n)).withMechanisms(Mechanism.PLATFORM_THREADS)
                    .withWorkerCounts(1, 2).withWarmups(3).withRepetitions(9).withQuickMode(false).run();
            System.out.printf(Locale.ROOT, "   ~%3.0f ms per task   1 worker %7.1f ms   2 workers %7.1f ms   speedup %.2fx%n",
                    taskMillis, r.elapsedMillis(Mechanism.PLATFORM_THREADS, 1).median(),
                    r.elapsedMillis(Mechanism.PLATFORM_THREADS, 2).median(), r.speedup(Mechanism.PLATFORM_THREADS, 2));
        }
    }
}
