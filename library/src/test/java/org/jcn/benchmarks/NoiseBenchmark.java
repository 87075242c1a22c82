package org.jcn.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jcn.internal.measure.MachineMeter;
import org.jcn.measure.Mechanism;
import org.jcn.measure.Platform;
import org.jcn.measure.Stats;
import org.jcn.measure.Sweep;
import org.jcn.measure.SweepResult;
import org.jcn.measure.Verdict;
import org.jcn.measure.Workloads;
import org.jcn.python.Python;
import org.jcn.testing.CompetingLoad;

/**
 * Whether a sweep's verdict can be trusted: the same CPU sweep (platform threads, child JVMs, Python threads and
 * Python processes at 1 and 2 workers) ten times on a quiet machine, with one and two busy processes per core, and
 * under a one-CPU cgroup quota (as root, cgroups v1 or v2), side by side in one run.
 *
 * <p>The quiet runs set the reference: the pairs of mechanisms whose order by speedup at 2 workers nine quiet runs in
 * ten agree on, and each mechanism's answer to "are 2 workers more than 1.3x faster than 1?" where nine in ten agree.
 * A loaded run gives a <em>wrong answer</em> when it inverts such a pair or changes such an answer; a <em>silent</em>
 * wrong answer is one whose verdict says trustworthy (target: 0 of 10 under every load). A <em>false alarm</em> is a
 * quiet run flagged untrustworthy (target: at most 1 of 10). The cost: the sweep as the lessons run it (interleaved,
 * with extra rounds for wide points) against the same points in fixed rounds, pairs run alternately (target: at most
 * 1.3x), and what the meter's two readings per point cost. Run with {@code ./bench NoiseBenchmark}; about forty minutes
 * on two quiet cores.
 */
public final class NoiseBenchmark {

    private static int RUNS = 10;
    // Lesson 06's full size: about 0.75 s per Python worker, 25 ms per Java worker.
    private static final long N = 30_000_000L;

    private NoiseBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        RUNS = args.length > 0 ? Integer.parseInt(args[0]) : RUNS;   // fewer for a quick look: java ... NoiseBenchmark 2
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.println(Platform.current().caption() + "; load average at start "
                + String.format(Locale.ROOT, "%.2f", java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                        .getSystemLoadAverage()));
        List<Mechanism> mechanisms = new ArrayList<>(List.of(Mechanism.PLATFORM_THREADS, Mechanism.CHILD_PROCESSES));
        Mechanism.python().stream().filter(m -> m != Mechanism.FREE_THREADED_PYTHON_THREADS).forEach(mechanisms::add);
        System.out.println("mechanisms: " + mechanisms + ", sum of range(" + N + "), 1 and 2 workers, 5 rounds, "
                + RUNS + " runs per condition");

        Map<String, List<SweepResult>> runs = new LinkedHashMap<>();
        runs.put("quiet", sweeps(mechanisms, RUNS));
        try (CompetingLoad load = CompetingLoad.start(cores, Duration.ofMinutes(10))) {
            runs.put("1 busy process per core", sweeps(mechanisms, RUNS));
        }
        try (CompetingLoad load = CompetingLoad.start(2 * cores, Duration.ofMinutes(10))) {
            runs.put("2 busy processes per core", sweeps(mechanisms, RUNS));
        }
        try (CpuQuota quota = CpuQuota.ofOneCpu()) {
            if (quota == null) {
                System.out.println("one-CPU quota: skipped (needs root and a writable cpu cgroup)");
            } else {
                runs.put("one-CPU cgroup quota", sweeps(mechanisms, RUNS));
            }
        }

        // The README's pair of pictures: the first quiet run's chart beside the first run with two busy processes per core.
        Files.createDirectories(Path.of("target/benchmarks"));
        org.jcn.display.Charts.save(runs.get("quiet").get(0).toSpeedupChart(), Path.of("target/benchmarks/noise-quiet.png"));
        org.jcn.display.Charts.save(runs.get("2 busy processes per core").get(0).toSpeedupChart(),
                Path.of("target/benchmarks/noise-busy.png"));

        Reference reference = Reference.of(runs.get("quiet"), mechanisms);
        System.out.println("\nreference from the quiet runs: " + reference);
        System.out.printf(Locale.ROOT, "%n| condition | runs | flagged untrustworthy | wrong answers | silent wrong answers "
                + "| other processes' CPU (median) | throttled (median) |%n|---|---|---|---|---|---|---|%n");
        for (var e : runs.entrySet()) {
            int flagged = 0, wrong = 0, silent = 0;
            List<Double> other = new ArrayList<>(), throttled = new ArrayList<>();
            for (SweepResult r : e.getValue()) {
                Verdict v = r.verdict();
                boolean isWrong = reference.wrong(r);
                flagged += v.trustworthy() ? 0 : 1;
                wrong += isWrong ? 1 : 0;
                silent += isWrong && v.trustworthy() ? 1 : 0;
                other.add(Double.isNaN(v.otherCpuShare()) ? 0 : v.otherCpuShare());
                throttled.add(Double.isNaN(v.throttledShare()) ? 0 : v.throttledShare());
            }
            System.out.printf(Locale.ROOT, "| %s | %d | %d | %d | %d | %.0f%% | %.0f%% |%n", e.getKey(), e.getValue().size(),
                    flagged, wrong, silent, 100 * median(other), 100 * median(throttled));
        }
        cost(mechanisms);
    }

    private static List<SweepResult> sweeps(List<Mechanism> mechanisms, int count) throws InterruptedException {
        List<SweepResult> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(sweep(mechanisms, true));
        }
        return out;
    }

    private static SweepResult sweep(List<Mechanism> mechanisms, boolean extraRounds) throws InterruptedException {
        return Sweep.of(Workloads.sumOfRange(N)).withMechanisms(mechanisms.toArray(Mechanism[]::new))
                .withWorkerCounts(1, 2).withWarmups(1).withRepetitions(5).withExtraRounds(extraRounds)
                .withQuickMode(false).run();
    }

    /** The sweep as lessons run it against fixed rounds, alternately; and the meter's own cost per reading. */
    private static void cost(List<Mechanism> mechanisms) throws InterruptedException {
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            long t0 = System.nanoTime();
            sweep(mechanisms, i % 2 == 0);
            long t1 = System.nanoTime();
            sweep(mechanisms, i % 2 != 0);
            long t2 = System.nanoTime();
            double withExtras = i % 2 == 0 ? t1 - t0 : t2 - t1;
            double fixed = i % 2 == 0 ? t2 - t1 : t1 - t0;
            ratios.add(withExtras / fixed);
        }
        MachineMeter meter = MachineMeter.open();
        double[] reads = new double[200];
        for (int i = 0; i < reads.length; i++) {
            long t = System.nanoTime();
            meter.read();
            reads[i] = (System.nanoTime() - t) / 1e6;
        }
        System.out.printf(Locale.ROOT, "%ncost: interleaved with extra rounds / fixed rounds, quiet machine, 5 pairs: "
                + "median %.2fx (%s); one meter reading %.2f ms (median, %d processes in the tree), two per point%n",
                median(ratios), ratios.stream().map(r -> String.format(Locale.ROOT, "%.2f", r)).toList(),
                Stats.of(reads).median(), ProcessHandle.current().descendants().count() + 1);
    }

    private static double median(List<Double> values) {
        return Stats.of(values.stream().mapToDouble(Double::doubleValue).toArray()).median();
    }

    /** What nine quiet runs in ten agree on: pairs ordered by speedup at 2 workers, and "more than 1.3x" answers. */
    private record Reference(List<Mechanism> mechanisms, Map<String, Boolean> pairs, Map<Mechanism, Boolean> fast) {

        static Reference of(List<SweepResult> quiet, List<Mechanism> mechanisms) {
            Map<String, Boolean> pairs = new LinkedHashMap<>();
            Map<Mechanism, Boolean> fast = new LinkedHashMap<>();
            int agree = (int) Math.ceil(0.9 * quiet.size());
            for (Mechanism a : mechanisms) {
                long yes = quiet.stream().filter(r -> r.speedup(a, 2) > 1.3).count();
                if (yes >= agree || quiet.size() - yes >= agree) {
                    fast.put(a, yes >= agree);
                }
                for (Mechanism b : mechanisms) {
                    if (a.ordinal() < b.ordinal()) {
                        long ahead = quiet.stream().filter(r -> r.speedup(a, 2) > r.speedup(b, 2)).count();
                        if (ahead >= agree || quiet.size() - ahead >= agree) {
                            pairs.put(a + ">" + b, ahead >= agree);
                        }
                    }
                }
            }
            return new Reference(mechanisms, pairs, fast);
        }

        boolean wrong(SweepResult r) {
            for (var e : fast.entrySet()) {
                if ((r.speedup(e.getKey(), 2) > 1.3) != e.getValue()) {
                    return true;
                }
            }
            for (Mechanism a : mechanisms) {
                for (Mechanism b : mechanisms) {
                    Boolean ahead = pairs.get(a + ">" + b);
                    if (ahead != null && (r.speedup(a, 2) > r.speedup(b, 2)) != ahead) {
                        return true;
                    }
                }
            }
            return false;
        }

        @Override
        public String toString() {
            return "more than 1.3x at 2 workers " + fast + "; stable orders " + pairs;
        }
    }

    /** A cgroup with a quota of one CPU that this JVM (and what it starts) runs in until closed; null if not allowed. */
    private static final class CpuQuota implements AutoCloseable {

        private final Path group;
        private final Path parent;

        private CpuQuota(Path group, Path parent) {
            this.group = group;
            this.parent = parent;
        }

        static CpuQuota ofOneCpu() {
            String pid = Long.toString(ProcessHandle.current().pid());
            for (Path root : List.of(Path.of("/sys/fs/cgroup/cpu"), Path.of("/sys/fs/cgroup/cpu,cpuacct"),
                    Path.of("/sys/fs/cgroup"))) {
                Path group = root.resolve("jcn-noise-" + pid);
                try {
                    boolean v2 = Files.exists(root.resolve("cgroup.controllers"));
                    Files.createDirectory(group);
                    if (v2) {
                        Files.writeString(group.resolve("cpu.max"), "100000 100000");
                    } else {
                        Files.writeString(group.resolve("cpu.cfs_period_us"), "100000");
                        Files.writeString(group.resolve("cpu.cfs_quota_us"), "100000");
                    }
                    Files.writeString(group.resolve("cgroup.procs"), pid);
                    return new CpuQuota(group, root);
                } catch (IOException | RuntimeException e) {
                    try {
                        Files.deleteIfExists(group);
                    } catch (IOException ignored) {
                        // not made, or not ours to remove
                    }
                }
            }
            return null;
        }

        @Override
        public void close() throws IOException {
            Files.writeString(parent.resolve("cgroup.procs"), Long.toString(ProcessHandle.current().pid()));
            Files.delete(group);
        }
    }
}
