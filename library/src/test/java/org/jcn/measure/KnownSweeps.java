package org.jcn.measure;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Sweep results with made-up samples, shaped like the lessons' sweeps, for tests that draw or compare them. */
public final class KnownSweeps {

    public static final Platform TWO_CORES = new Platform("25", "V", 2, "Linux amd64", 1L << 30, "none",
            Instant.EPOCH);

    private KnownSweeps() {
    }

    /**
     * Lesson 02's sweep on 2 cores: four mechanisms at 1 to 4 workers, three rounds. One worker takes 1,650 ms
     * (child JVMs 1,100 ms), two workers half as long, more workers no less.
     */
    public static SweepResult lessonTwo() {
        Mechanism[] mechanisms = {Mechanism.PLATFORM_THREADS, Mechanism.VIRTUAL_THREADS, Mechanism.PARALLEL_STREAM,
            Mechanism.CHILD_PROCESSES};
        double[] oneWorker = {1650, 1640, 1660, 1100};
        List<SweepResult.Sample> samples = new ArrayList<>();
        for (int round = 1; round <= 3; round++) {
            for (int workers = 1; workers <= 4; workers++) {
                for (int i = 0; i < mechanisms.length; i++) {
                    double ms = oneWorker[i] / Math.min(workers, 2) * (1 + 0.02 * round) * (workers > 1 ? 1.03 : 1);
                    samples.add(new SweepResult.Sample(mechanisms[i], workers, round, (long) (ms * 1e6),
                            (long) (ms * 1e6 * Math.min(workers, 2))));
                }
            }
        }
        return new SweepResult("sum of range(2,000,000,000)", TWO_CORES, List.of(mechanisms), new int[] {1, 2, 3, 4},
                samples);
    }

    /** A sweep of one mechanism whose speedups follow Amdahl's law with the given serial fraction exactly. */
    public static SweepResult amdahl(double serial, int cores, int maxWorkers) {
        Platform platform = new Platform("25", "V", cores, "Linux amd64", 1L << 30, "none", Instant.EPOCH);
        List<SweepResult.Sample> samples = new ArrayList<>();
        int[] counts = new int[maxWorkers];
        for (int w = 1; w <= maxWorkers; w++) {
            counts[w - 1] = w;
            double ms = 1000 * (serial + (1 - serial) / Math.min(w, cores));
            samples.add(new SweepResult.Sample(Mechanism.PLATFORM_THREADS, w, 1, (long) (ms * 1e6), -1));
        }
        return new SweepResult("amdahl", platform, List.of(Mechanism.PLATFORM_THREADS), counts, samples);
    }

    /** The first {@code count} samples of lesson two's sweep: what a live chart has drawn after that many runs. */
    public static SweepResult lessonTwoSoFar(int count) {
        SweepResult all = lessonTwo();
        return new SweepResult(all.workload(), all.platform(), all.mechanisms(), all.workerCounts(),
                all.samples().subList(0, count));
    }
}
