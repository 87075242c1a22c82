package org.jcn.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.jcn.internal.measure.Loops;

import org.jcn.measure.Mechanism;
import org.jcn.measure.Platform;
import org.jcn.measure.Stats;
import org.jcn.measure.Sweep;
import org.jcn.measure.SweepResult;
import org.jcn.measure.Workloads;
import org.jcn.processes.ChildProcess;

/**
 * Does one worker cost the same per iteration whichever way it runs? The same sum of a range, one worker, on
 * platform threads, virtual threads, a parallel stream and child JVMs, measured side by side in one sweep.
 *
 * <p>Target: every mechanism's median cost per iteration within ±10% of the platform threads'. A lesson that
 * compares mechanisms is only honest if the loop itself costs the same in each; the per-round costs are printed
 * too, because a difference between compiled forms of the loop shows up as rounds that change cost midway. First,
 * the reason it once differed: with the inner loop inline (as the library had it), a JVM that calls the sum only
 * once or twice runs it as on-stack-replacement code, which the JIT compiler does not unroll and which ran faster
 * here than the fully compiled method that a JVM calling it often (the kernel's) ends up with; so each form of the
 * loop is timed over its first calls in a fresh child JVM.
 * Run with {@code ./bench FidelityBenchmark}.
 */
public final class FidelityBenchmark {

    private static final long N = 1_000_000_000L;
    private static final List<Mechanism> MECHANISMS = List.of(Mechanism.PLATFORM_THREADS,
            Mechanism.VIRTUAL_THREADS, Mechanism.PARALLEL_STREAM, Mechanism.CHILD_PROCESSES);

    private FidelityBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println(Platform.current().caption());
        System.out.printf(Locale.ROOT, "%n1. why: ns per iteration of the first calls in a fresh JVM, sum of range(%,d)%n",
                N);
        for (String form : List.of("inline", "library")) {
            try (ChildProcess<double[]> child = ChildProcess.start(FidelityBenchmark::firstCalls, form)) {
                System.out.printf(Locale.ROOT, "   %-36s %s%n", form.equals("inline")
                        ? "inner loop inline (as it was)" : "inner loop a method (the library's)",
                        Arrays.stream(child.join()).mapToObj(c -> String.format(Locale.ROOT, "%.3f", c))
                                .collect(Collectors.joining("  ")));
            }
        }
        System.out.printf(Locale.ROOT, "%n2. the library's loop, sum of range(%,d), 1 worker, 1 warm-up then 9 "
                + "rounds, as a lesson's sweep%n", N);
        boolean met = report(Sweep.of(Workloads.sumOfRange(N)).withMechanisms(MECHANISMS.toArray(Mechanism[]::new))
                .withWorkerCounts(1).withWarmups(1).withRepetitions(9).withQuickMode(false).run());
        System.out.println("\ntarget (every mechanism's median within ±10% of platform threads'): "
                + (met ? "met" : "MISSED"));
    }

    /** Runs in a fresh child JVM: the cost per iteration of the first five calls of one form of the loop. */
    private static double[] firstCalls(String form) {
        double[] costs = new double[5];
        for (int i = 0; i < costs.length; i++) {
            long start = System.nanoTime();
            long sum = form.equals("inline") ? InlineLoop.sum(0, N) : Loops.sumOfRange(0, N);
            costs[i] = (System.nanoTime() - start) / (double) N;
            if (sum != N * (N - 1) / 2) {
                throw new IllegalStateException(form + ": wrong sum " + sum);
            }
        }
        return costs;
    }

    /** Prints the cost per iteration of each mechanism; true when all are within ±10% of platform threads. */
    private static boolean report(SweepResult r) {
        double reference = nanosPerIteration(r, Mechanism.PLATFORM_THREADS);
        boolean met = true;
        System.out.println("   mechanism          ns/iteration  vs platform threads   per round (ns/iteration)");
        for (Mechanism m : MECHANISMS) {
            double perIteration = nanosPerIteration(r, m);
            double ratio = perIteration / reference;
            met &= Math.abs(ratio - 1) <= 0.10;
            List<String> rounds = new ArrayList<>();
            r.samples().stream().filter(s -> s.mechanism() == m)
                    .forEach(s -> rounds.add(String.format(Locale.ROOT, "%.2f", s.wallNanos() / (double) N)));
            System.out.printf(Locale.ROOT, "   %-17s  %12.3f  %18.2fx   %s%n", m.label(), perIteration, ratio,
                    String.join(" ", rounds));
        }
        System.out.println("   every mechanism within ±10% of platform threads: " + (met ? "yes" : "no"));
        return met;
    }

    private static double nanosPerIteration(SweepResult r, Mechanism m) {
        Stats s = r.elapsedMillis(m, 1);
        return s.median() * 1e6 / N;
    }
}
