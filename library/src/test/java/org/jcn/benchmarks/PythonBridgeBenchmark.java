package org.jcn.benchmarks;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jcn.internal.python.Worker;
import org.jcn.measure.Mechanism;
import org.jcn.measure.Platform;
import org.jcn.measure.Stats;
import org.jcn.measure.Sweep;
import org.jcn.measure.SweepResult;
import org.jcn.measure.Workloads;
import org.jcn.python.Python;
import org.jcn.python.PythonInterpreter;
import org.jcn.python.PythonRun;

/**
 * What the Python bridge costs, and the GIL claim it exists to show, on the default interpreter.
 *
 * <ol>
 *   <li>The bridge's cost: a sweep's timing of a Python batch (the Java side's clock around the request to a warm
 *       worker, as {@code Sweep} takes it) against the worker timing the same batch itself with
 *       {@code time.perf_counter()}, for runs of about 200 ms, 500 ms and 1 s (target: at most 5% at 200 ms and
 *       above). Then, for information, a whole program run, interpreter start-up included.</li>
 *   <li>The GIL chart's two claims at 2 workers over 1, in one sweep with Java's platform threads beside them:
 *       Python threads at most 1.2x, Python processes at least 1.6x.</li>
 * </ol>
 * Run with {@code ./bench PythonBridgeBenchmark}.
 */
public final class PythonBridgeBenchmark {

    private PythonBridgeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println(Platform.current().caption());
        if (Python.find().isEmpty()) {
            System.out.println(Python.missingMessage());
            return;
        }
        PythonInterpreter python = Python.find().get();
        System.out.println(python.label() + " at " + python.path());

        double nsPerAddition;
        try (Worker worker = Worker.start(python, "threads", 1, Map.of())) {
            worker.run(1, calls(2_000_000));
            nsPerAddition = worker.run(1, calls(4_000_000)).seconds() * 1e9 / 4_000_000;
            System.out.printf(Locale.ROOT, "%n1. the bridge's cost (one warm worker, median of 9 rounds; "
                    + "Python adds one integer in %.1f ns here)%n", nsPerAddition);
            System.out.println("   target ms   harness ms   Python's own ms   difference   cost");
            for (double targetMillis : new double[] {200, 500, 1000}) {
                long n = (long) (targetMillis * 1e6 / nsPerAddition);
                int rounds = 9;
                double[] harness = new double[rounds];
                double[] own = new double[rounds];
                double[] cost = new double[rounds];
                for (int r = 0; r < rounds; r++) {
                    List<List<Object>> batch = calls(n);
                    long start = System.nanoTime();
                    Worker.Answer answer = worker.run(1, batch);
                    harness[r] = (System.nanoTime() - start) / 1e6;
                    own[r] = answer.seconds() * 1e3;
                    cost[r] = (harness[r] - own[r]) / own[r];
                }
                System.out.printf(Locale.ROOT, "   %9.0f   %10.1f   %15.1f   %7.2f ms   %.2f%% (worst round %.2f%%)%n",
                        targetMillis, Stats.of(harness).median(), Stats.of(own).median(),
                        Stats.of(harness).median() - Stats.of(own).median(), 100 * Stats.of(cost).median(),
                        100 * Arrays.stream(cost).max().orElse(0));
            }
        }

        long n = (long) (500e6 / nsPerAddition);
        double[] whole = new double[5];
        double[] own = new double[5];
        for (int r = 0; r < whole.length; r++) {
            PythonRun run = python.run("cpu_sum.py", Long.toString(n), "--ways", "sequential", "--workers", "1");
            whole[r] = run.elapsed().toNanos() / 1e6;
            own[r] = run.number("seconds", "way", "sequential") * 1e3;
        }
        System.out.printf(Locale.ROOT, "   a whole program (cpu_sum.py, ~500 ms, median of 5): %.1f ms from start "
                + "to end, %.1f ms by its own clock: %.1f ms for the interpreter's start, imports and exit%n",
                Stats.of(whole).median(), Stats.of(own).median(), Stats.of(whole).median() - Stats.of(own).median());

        long sum = (long) (800e6 / nsPerAddition);
        System.out.printf(Locale.ROOT, "%n2. the GIL chart's claims: sum of range(%,d) split over 2 workers against 1 "
                + "(median of 7 rounds)%n", sum);
        SweepResult gil = Sweep.of(Workloads.sumOfRange(sum))
                .withMechanisms(Mechanism.PYTHON_THREADS, Mechanism.PYTHON_PROCESSES, Mechanism.PLATFORM_THREADS)
                .withWorkerCounts(1, 2).withWarmups(1).withRepetitions(7).withQuickMode(false).run();
        for (Mechanism m : gil.mechanisms()) {
            double speedup = gil.speedup(m, 2);
            String target = m == Mechanism.PYTHON_THREADS ? "target <= 1.2x: " + (speedup <= 1.2 ? "met" : "missed")
                    : m == Mechanism.PYTHON_PROCESSES ? "target >= 1.6x: " + (speedup >= 1.6 ? "met" : "missed")
                    : "(for comparison)";
            System.out.printf(Locale.ROOT, "   %-17s %9.1f ms -> %9.1f ms   speedup %.2fx   %s%n", m.label(),
                    gil.elapsedMillis(m, 1).median(), gil.elapsedMillis(m, 2).median(), gil.speedup(m, 2), target);
        }
        System.out.println("   load average during the run: "
                + java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static List<List<Object>> calls(long n) {
        return List.of(List.of("sum_range", List.of(0L, n)));
    }
}
