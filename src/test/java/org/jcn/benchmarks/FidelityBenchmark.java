package org.jcn.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jcn.measure.Mechanism;
import org.jcn.measure.Platform;
import org.jcn.measure.Stats;
import org.jcn.measure.Sweep;
import org.jcn.measure.SweepResult;
import org.jcn.measure.Workloads;

/**
 * Does one worker cost the same per iteration whichever way it runs? The same sum of a range, one worker, on
 * platform threads, virtual threads, a parallel stream and child JVMs, measured side by side in one sweep.
 *
 * <p>Target: every mechanism's median cost per iteration within ±10% of the platform threads'. A lesson that
 * compares mechanisms is only honest if the loop itself costs the same in each; the per-round costs are printed
 * too, because a difference between compiled forms of the loop shows up as rounds that change cost midway.
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
        System.out.printf(Locale.ROOT, "%nsum of range(%,d), 1 worker, 1 warm-up then 9 rounds, as a lesson's sweep%n",
                N);
        SweepResult r = Sweep.of(Workloads.sumOfRange(N)).withMechanisms(MECHANISMS.toArray(Mechanism[]::new))
                .withWorkerCounts(1).withWarmups(1).withRepetitions(9).withQuickMode(false).run();
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
        System.out.println("\n   target: every mechanism within ±10% of platform threads: " + (met ? "met" : "MISSED"));
    }

    private static double nanosPerIteration(SweepResult r, Mechanism m) {
        Stats s = r.elapsedMillis(m, 1);
        return s.median() * 1e6 / N;
    }
}
