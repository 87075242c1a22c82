package org.jcn.measure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

import org.jcn.internal.display.HouseChart;
import org.jcn.internal.measure.MachineMeter;
import org.jcn.internal.measure.Progress;
import org.jcn.internal.measure.WarmPools;

/**
 * Measures how a workload's elapsed time changes as workers are added, for each way of running it.
 *
 * <p>For every worker count and {@link Mechanism}, a sweep runs the workload's tasks, checks their results and
 * records the wall-clock time, the CPU time of the whole process tree (child JVMs and Python workers included), the
 * CPU time other processes of the machine took meanwhile, and CPU-quota throttling. Before measuring it runs every
 * mechanism {@linkplain #withWarmups warm-up} times (so the JIT has compiled the code), then it measures in rounds:
 * each round visits every worker count and every mechanism once, in an order that rotates from round to round, so
 * that a burst of outside load on a shared machine slows all of them alike rather than one series. Points whose
 * medians are not yet known well enough get {@linkplain #withExtraRounds extra rounds}. The result's
 * {@link SweepResult#verdict()} says whether its differences can be believed, and every chart shows it. On one core (or a CPU quota under 1.5) a sweep
 * of {@linkplain Workload#cpuBound() CPU-bound} work measures no more than 2 workers. A sweep longer than a couple of
 * seconds shows its progress in the
 * cell: on the project's kernel as a live chart of the elapsed times measured so far, redrawn between measurements
 * as points arrive (at most once a second), with the runs done and the time left under it, and replaced by a
 * one-line summary ending with the verdict when the sweep ends; on other kernels as a printed line. Pools of platform
 * threads ({@link Mechanism#PLATFORM_THREADS}) are started once per worker count before measuring, reused by every
 * round, and stopped when the sweep ends. Child JVMs ({@link Mechanism#CHILD_PROCESSES}) are started once, as many as
 * the largest worker count (never more), and every worker count runs on that many of them; the limit
 * {@link Mechanism#MAX_CHILD_JVMS} is checked before any is started. Defaults: platform and virtual threads, worker
 * counts 1 to twice the core count, 1 warm-up, 5 rounds; in {@link QuickMode} 1 round and worker counts up to one
 * past the core count.
 *
 * <p>A {@code Sweep} is a mutable builder, not thread safe; {@link #run()} may be called more than once.
 *
 * {@snippet :
 * SweepResult result = Sweep.of(Workloads.sumOfRange(2_000_000_000L))
 *         .withMechanisms(Mechanism.PLATFORM_THREADS, Mechanism.PARALLEL_STREAM)
 *         .run();
 * result.toSpeedupChart();
 * }
 *
 * <p>Longer than the house's ~150 lines: its API documentation is over a third of it; each mechanism's run lives in
 * Runs.
 */
public final class Sweep {

    private final Workload workload;
    private List<Mechanism> mechanisms = List.of(Mechanism.PLATFORM_THREADS, Mechanism.VIRTUAL_THREADS);
    private int[] workerCounts;
    private int warmups = 1;
    private int repetitions = 5;
    private Boolean quick;
    private boolean extraRounds = true;

    private Sweep(Workload workload) {
        this.workload = workload;
    }

    /**
     * Starts describing a sweep of the given workload.
     *
     * @param workload what to run
     * @return a new sweep with the defaults
     * @throws NullPointerException if {@code workload} is null
     */
    public static Sweep of(Workload workload) {
        return new Sweep(Objects.requireNonNull(workload, "workload must not be null"));
    }

    /**
     * Chooses the mechanisms to compare, in legend order.
     *
     * @param mechanisms at least one, no duplicates
     * @return this sweep
     * @throws IllegalArgumentException if none are given or one is repeated
     */
    public Sweep withMechanisms(Mechanism... mechanisms) {
        Objects.requireNonNull(mechanisms, "mechanisms must not be null");
        List<Mechanism> list = List.of(mechanisms);
        if (list.isEmpty() || list.stream().distinct().count() != list.size()) {
            throw new IllegalArgumentException("mechanisms must be at least one, without repeats, but were " + list);
        }
        this.mechanisms = list;
        return this;
    }

    /**
     * Measures every worker count from 1 to {@code max}.
     *
     * @param max the largest worker count, at least 1
     * @return this sweep
     * @throws IllegalArgumentException if {@code max < 1}
     */
    public Sweep withMaxWorkers(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("maxWorkers must be >= 1 but was " + max);
        }
        this.workerCounts = java.util.stream.IntStream.rangeClosed(1, max).toArray();
        return this;
    }

    /**
     * Measures exactly these worker counts (sorted, duplicates dropped). The first one is the baseline of speedups.
     *
     * @param counts worker counts, each at least 1
     * @return this sweep
     * @throws IllegalArgumentException if none are given or one is below 1
     */
    public Sweep withWorkerCounts(int... counts) {
        Objects.requireNonNull(counts, "counts must not be null");
        if (counts.length == 0) {
            throw new IllegalArgumentException("counts must not be empty");
        }
        for (int c : counts) {
            if (c < 1) {
                throw new IllegalArgumentException("worker counts must be >= 1 but one was " + c);
            }
        }
        this.workerCounts = Arrays.stream(counts).distinct().sorted().toArray();
        return this;
    }

    /**
     * Sets how many unmeasured runs each mechanism gets before measuring starts.
     *
     * @param warmups at least 0
     * @return this sweep
     * @throws IllegalArgumentException if {@code warmups < 0}
     */
    public Sweep withWarmups(int warmups) {
        if (warmups < 0) {
            throw new IllegalArgumentException("warmups must be >= 0 but was " + warmups);
        }
        this.warmups = warmups;
        return this;
    }

    /**
     * Sets how many measured rounds to run (each round measures every point once).
     *
     * @param repetitions at least 1
     * @return this sweep
     * @throws IllegalArgumentException if {@code repetitions < 1}
     */
    public Sweep withRepetitions(int repetitions) {
        if (repetitions < 1) {
            throw new IllegalArgumentException("repetitions must be >= 1 but was " + repetitions);
        }
        this.repetitions = repetitions;
        return this;
    }

    /**
     * Lets the sweep give points whose medians are not yet known to {@link Verdict#MAX_UNCERTAINTY_PERCENT}% extra
     * rounds (the default), or keeps it to exactly the rounds asked for, as a fixed-iteration benchmark does. Extra
     * rounds are run only when at least three rounds are asked for, interleaved like the others, within a quarter of
     * the time the planned rounds took, and up to five times as many again as were planned: short points, which
     * scatter most, are cheap to repeat.
     *
     * @param extraRounds whether uncertain points get extra rounds
     * @return this sweep
     */
    public Sweep withExtraRounds(boolean extraRounds) {
        this.extraRounds = extraRounds;
        return this;
    }

    /**
     * Turns quick mode on or off for this sweep, whatever {@link QuickMode#isOn()} says.
     *
     * @param quick whether to shrink the sweep
     * @return this sweep
     */
    public Sweep withQuickMode(boolean quick) {
        this.quick = quick;
        return this;
    }

    /**
     * Runs the sweep.
     *
     * @return the measurements
     * @throws SweepException       if a task threw or a workload's check failed; the message names the worker
     *                              count and the mechanism, the cause is the original exception
     * @throws IllegalArgumentException if the mechanisms include {@link Mechanism#CHILD_PROCESSES} and the largest
     *                              worker count is above {@link Mechanism#MAX_CHILD_JVMS}; nothing has been started
     * @throws InterruptedException if the calling thread is interrupted; the running tasks are cancelled
     */
    public SweepResult run() throws InterruptedException {
        boolean shrink = quick != null ? quick : QuickMode.isOn();
        int cores = Runtime.getRuntime().availableProcessors();
        int[] counts = workerCounts != null ? workerCounts
                : java.util.stream.IntStream.rangeClosed(1, 2 * cores).toArray();
        int rounds = repetitions;
        if (shrink) {
            int[] kept = Arrays.stream(counts).filter(c -> c <= cores + 1).toArray();
            counts = kept.length > 0 ? kept : new int[] {counts[0]};
            rounds = 1;
        }
        Platform platform = Platform.current();
        if (workload.cpuBound() && platform.effectiveCores() < 1.5) {
            // One core (or a quota under 1.5): past 2 workers CPU-bound work can only show the same flat line.
            int floor = Math.max(2, counts[0]);
            counts = Arrays.stream(counts).filter(c -> c <= floor).toArray();
        }
        int largest = counts[counts.length - 1];
        if (mechanisms.contains(Mechanism.CHILD_PROCESSES)) {
            Mechanism.checkChildWorkers("the largest worker count", largest); // before anything is started
        }
        List<Point> points = new ArrayList<>();
        for (int workers : counts) {
            for (Mechanism m : mechanisms) {
                points.add(new Point(m, workers));
            }
        }
        int total = mechanisms.size() * warmups + rounds * points.size();
        Progress progress = new Progress("measuring " + workload.name(), total);
        int done = 0;
        List<SweepResult.Sample> samples = new ArrayList<>();
        int[] measured = counts;
        Supplier<HouseChart> live = () -> samples.isEmpty() ? null
                : SweepCharts.elapsed(new SweepResult(workload.name(), platform, mechanisms, measured, samples));
        MachineMeter meter = MachineMeter.open();
        try (WarmPools pools = WarmPools.open(); PythonPools python = PythonPools.open(mechanisms, counts)) {
            if (mechanisms.contains(Mechanism.CHILD_PROCESSES)) {
                pools.warmChildren(largest);
            }
            for (int workers : counts) {
                if (mechanisms.contains(Mechanism.PLATFORM_THREADS)) {
                    pools.threads(workers);
                }
            }
            for (Mechanism m : mechanisms) {
                for (int w = 0; w < warmups; w++) {
                    measure(m, largest, -1, pools, python, meter);
                    progress.update(++done, "warm-up, " + m.label());
                }
            }
            long measuring = System.nanoTime();
            for (int round = 1; round <= rounds; round++) {
                for (Point p : Rounds.order(points, round, rounds)) {
                    samples.add(measure(p.mechanism(), p.workers(), round, pools, python, meter));
                    progress.update(++done, p.mechanism().label() + " with " + p.workers() + " workers, round "
                            + round, live);
                }
            }
            if (extraRounds) {
                // Points whose medians are not yet known well enough get extra rounds (see withExtraRounds).
                int[] counter = {done};
                Rounds.addUntilKnown(points, rounds, (System.nanoTime() - measuring) / 4,
                        p -> elapsedMillis(samples, p), (p, round) -> {
                            samples.add(measure(p.mechanism(), p.workers(), round, pools, python, meter));
                            progress.extend(1);
                            progress.update(++counter[0], p.mechanism().label() + " with " + p.workers()
                                    + " workers, extra round " + round, live);
                        });
            }
        }
        SweepResult result = new SweepResult(workload.name(), platform, mechanisms, counts, samples);
        progress.finish(result.verdict().sentence());
        return result;
    }

    private static Stats elapsedMillis(List<SweepResult.Sample> samples, Point p) {
        return Stats.of(samples.stream().filter(s -> s.mechanism() == p.mechanism() && s.workers() == p.workers())
                .mapToDouble(s -> s.wallNanos() / 1e6).toArray());
    }

    /** One point of a sweep: a mechanism at a worker count. */
    record Point(Mechanism mechanism, int workers) {
    }

    private SweepResult.Sample measure(Mechanism mechanism, int workers, int round, WarmPools pools,
                                       PythonPools python, MachineMeter meter) throws InterruptedException {
        List<Workload.Task> tasks = workload.tasks(workers);
        MachineMeter.Reading before = meter.read();
        long start = System.nanoTime();
        List<Object> results;
        try {
            results = mechanism.run(tasks, workers, pools, python);
        } catch (ExecutionException e) {
            throw new SweepException(workload.name(), mechanism, workers, e.getCause());
        }
        long wall = System.nanoTime() - start;
        MachineMeter.Usage usage = before.until(meter.read());
        try {
            workload.check(results, workers);
        } catch (RuntimeException e) {
            throw new SweepException(workload.name(), mechanism, workers, e);
        }
        long cpu = usage.treeNanos() >= 0 ? usage.treeNanos() : -1;
        return new SweepResult.Sample(mechanism, workers, round, wall, cpu, usage.otherNanos(),
                usage.throttledNanos(), usage.intervalNanos() > 0 ? usage.intervalNanos() : -1);
    }

}
