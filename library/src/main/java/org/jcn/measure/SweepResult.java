package org.jcn.measure;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.knowm.xchart.XYChart;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The measurements of one {@link Sweep}: every raw sample, the platform they were taken on, and their summaries
 * as tables and charts.
 *
 * <p>Times are reported in milliseconds. The <em>speedup</em> of a point is the median time of the same mechanism
 * at the smallest worker count divided by the point's median time; <em>efficiency</em> is the speedup divided by
 * the ratio of worker counts (1.0 is perfect scaling). Immutable and thread safe.
 *
 * {@snippet :
 * SweepResult r = Sweep.of(Workloads.sumOfRange(1_000_000_000L)).run();
 * r.summary();          // a table: one row per mechanism and worker count
 * r.toChart();          // elapsed time per worker count
 * r.toSpeedupChart();   // speedup per worker count, with the ideal line and the core count
 * r.writeCsv(Path.of("sweep.csv"));   // keep the raw samples; SweepResult.readCsv reads them back
 * }
 *
 * <p>Longer than the house's ~150 lines: its API documentation is nearly half of it; charts and CSV live in
 * SweepCharts and SweepCsv.
 */
public final class SweepResult {

    /**
     * One measured run, with what the machine did meanwhile.
     *
     * @param mechanism      how the tasks ran
     * @param workers        how many workers there were
     * @param repetition     which round (1-based)
     * @param wallNanos      elapsed wall-clock time
     * @param cpuNanos       CPU time of the whole process tree meanwhile: this JVM's threads, and the child JVMs and
     *                       Python interpreters (with their pools) it started; -1 if unknown
     * @param otherCpuNanos  CPU time every other process of the machine used meanwhile (steal time included); -1 if
     *                       unknown
     * @param throttledNanos time a cgroup CPU quota held the process tree back meanwhile; -1 if unknown
     * @param meteredNanos   the time the three CPU figures cover (from one reading of the machine's counters to the
     *                       next): a little longer than {@code wallNanos}; -1 if unknown, and then {@code wallNanos}
     *                       stands in for it
     */
    public record Sample(Mechanism mechanism, int workers, int repetition, long wallNanos, long cpuNanos,
                         long otherCpuNanos, long throttledNanos, long meteredNanos) {

        /**
         * A run for which only the times of the process tree are known (a CSV file of an earlier version).
         *
         * @param mechanism  how the tasks ran
         * @param workers    how many workers there were
         * @param repetition which round (1-based)
         * @param wallNanos  elapsed wall-clock time
         * @param cpuNanos   CPU time of the process tree; -1 if unknown
         */
        public Sample(Mechanism mechanism, int workers, int repetition, long wallNanos, long cpuNanos) {
            this(mechanism, workers, repetition, wallNanos, cpuNanos, -1, -1, -1);
        }

        /** @return the time the CPU figures cover: {@code meteredNanos}, or {@code wallNanos} when that is unknown */
        public long cpuWindowNanos() {
            return meteredNanos > 0 ? meteredNanos : wallNanos;
        }
    }

    /**
     * An estimate with the interval the measurements allow.
     *
     * @param low      the smallest value the quartiles allow
     * @param estimate the value from the medians
     * @param high     the largest value the quartiles allow
     */
    public record Range(double low, double estimate, double high) {
    }

    private final String workload;
    private final Platform platform;
    private final List<Mechanism> mechanisms;
    private final int[] workerCounts;
    private final List<Sample> samples;

    SweepResult(String workload, Platform platform, List<Mechanism> mechanisms, int[] workerCounts,
                List<Sample> samples) {
        this.workload = workload;
        this.platform = platform;
        this.mechanisms = List.copyOf(mechanisms);
        this.workerCounts = workerCounts.clone();
        this.samples = List.copyOf(samples);
    }

    /** @return the workload's name */
    public String workload() {
        return workload;
    }

    /** @return the machine and JVM the sweep ran on */
    public Platform platform() {
        return platform;
    }

    /** @return the mechanisms, in the order they were given */
    public List<Mechanism> mechanisms() {
        return mechanisms;
    }

    /** @return the worker counts measured, ascending */
    public int[] workerCounts() {
        return workerCounts.clone();
    }

    /** @return every measured run, in the order they ran */
    public List<Sample> samples() {
        return samples;
    }

    /**
     * The statistics of the wall-clock times, in milliseconds, of one point.
     *
     * @param mechanism the mechanism
     * @param workers   the worker count
     * @return the statistics
     * @throws IllegalArgumentException if the sweep did not measure that point
     */
    public Stats elapsedMillis(Mechanism mechanism, int workers) {
        double[] millis = points(mechanism, workers).mapToDouble(s -> s.wallNanos() / 1e6).toArray();
        if (millis.length == 0) {
            throw new IllegalArgumentException("no measurement of " + mechanism + " with " + workers + " workers");
        }
        return Stats.of(millis);
    }

    /**
     * The speedup of one point over the same mechanism at the smallest worker count (median over median).
     *
     * @param mechanism the mechanism
     * @param workers   the worker count
     * @return the speedup; 1.0 at the smallest worker count
     * @throws IllegalArgumentException if the sweep did not measure that point
     */
    public double speedup(Mechanism mechanism, int workers) {
        return elapsedMillis(mechanism, workerCounts[0]).median() / elapsedMillis(mechanism, workers).median();
    }

    /**
     * The speedup of one point with the interval its spread allows: from the slowest quarter of the point against
     * the fastest of the baseline ({@code q1(base) / q3(point)}) to the other way round ({@code q3(base) / q1(point)}).
     * Two mechanisms whose intervals overlap cannot be told apart by this run.
     *
     * @param mechanism the mechanism
     * @param workers   the worker count
     * @return the speedup and its interval
     * @throws IllegalArgumentException if the sweep did not measure that point
     */
    public Range speedupRange(Mechanism mechanism, int workers) {
        Stats base = elapsedMillis(mechanism, workerCounts[0]);
        Stats point = elapsedMillis(mechanism, workers);
        return new Range(base.q1() / point.q3(), base.median() / point.median(), base.q3() / point.q1());
    }

    /**
     * How many cores one point kept busy: the process tree's CPU time over the time it was metered (from one reading
     * of the counters to the next, a little longer than the run), per run. Where the
     * wall clock is blurred by other load this still shows whether the work ran in parallel: a pool held by Python's
     * GIL stays near 1 whatever its elapsed time says.
     *
     * @param mechanism the mechanism
     * @param workers   the worker count
     * @return the statistics of the runs' cores used; NaN statistics when the CPU time is unknown
     * @throws IllegalArgumentException if the sweep did not measure that point
     */
    public Stats coresUsed(Mechanism mechanism, int workers) {
        double[] used = points(mechanism, workers).filter(s -> s.cpuNanos() >= 0)
                .mapToDouble(s -> (double) s.cpuNanos() / s.cpuWindowNanos()).toArray();
        return used.length == 0 ? new Stats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN)
                : Stats.of(used);
    }

    /**
     * Whether this sweep's differences can be believed: the share of the CPU other processes took while its points
     * ran, the widest spread of a point, CPU-quota throttling, and a sentence that says it plainly.
     *
     * @return the verdict
     */
    public Verdict verdict() {
        LoadTally tally = new LoadTally();
        for (Sample s : samples) {
            tally.run(s.cpuWindowNanos(), s.otherCpuNanos(), s.throttledNanos(), platform.hostCpus());
        }
        for (Mechanism m : mechanisms) {
            for (int w : workerCounts) {
                if (has(m, w)) {
                    tally.point(elapsedMillis(m, w));
                }
            }
        }
        return tally.verdict(platform);
    }

    private java.util.stream.Stream<Sample> points(Mechanism mechanism, int workers) {
        return samples.stream().filter(s -> s.mechanism() == mechanism && s.workers() == workers);
    }

    /**
     * Every raw sample as a table (mechanism, workers, round, elapsed ms, the process tree's CPU ms, other
     * processes' CPU ms, throttled ms), named after the workload and the platform.
     *
     * @return a new table
     */
    public Table toTable() {
        return Table.create(workload + " · " + platform.label(),
                StringColumn.create("mechanism", samples.stream().map(s -> s.mechanism().label())),
                IntColumn.create("workers", samples.stream().mapToInt(Sample::workers).toArray()),
                IntColumn.create("round", samples.stream().mapToInt(Sample::repetition).toArray()),
                DoubleColumn.create("elapsed ms", samples.stream().mapToDouble(s -> s.wallNanos() / 1e6)),
                DoubleColumn.create("cpu ms", samples.stream().mapToDouble(s -> millis(s.cpuNanos()))),
                DoubleColumn.create("other cpu ms", samples.stream().mapToDouble(s -> millis(s.otherCpuNanos()))),
                DoubleColumn.create("throttled ms", samples.stream().mapToDouble(s -> millis(s.throttledNanos()))));
    }

    private static double millis(long nanos) {
        return nanos < 0 ? Double.NaN : nanos / 1e6;
    }

    /**
     * One row per mechanism and worker count: median elapsed time and its quartiles (to 0.1 ms), the speedup with the
     * interval its spread allows, efficiency, the cores the process tree kept busy (CPU time over wall time, median)
     * and the number of runs, rounded to what the measurement supports (two decimals for ratios). The table's name
     * ends with the {@linkplain #verdict() verdict}'s sentence.
     *
     * @return a new table
     */
    public Table summary() {
        Table table = Table.create("summary: " + workload + " · " + platform.label() + ". " + verdict().sentence(),
                StringColumn.create("mechanism"), IntColumn.create("workers"), DoubleColumn.create("median ms"),
                DoubleColumn.create("q1 ms"), DoubleColumn.create("q3 ms"), DoubleColumn.create("speedup"),
                DoubleColumn.create("speedup low"), DoubleColumn.create("speedup high"),
                DoubleColumn.create("efficiency"), DoubleColumn.create("cores used"), IntColumn.create("runs"));
        for (Mechanism m : mechanisms) {
            for (int w : workerCounts) {
                Stats s = elapsedMillis(m, w);
                Range speedup = speedupRange(m, w);
                table.stringColumn(0).append(m.label());
                table.intColumn(1).append(w);
                table.doubleColumn(2).append(round(s.median(), 1));
                table.doubleColumn(3).append(round(s.q1(), 1));
                table.doubleColumn(4).append(round(s.q3(), 1));
                table.doubleColumn(5).append(round(speedup.estimate(), 2));
                table.doubleColumn(6).append(round(speedup.low(), 2));
                table.doubleColumn(7).append(round(speedup.high(), 2));
                table.doubleColumn(8).append(round(speedup.estimate() * workerCounts[0] / w, 2));
                table.doubleColumn(9).append(round(coresUsed(m, w).median(), 2));
                table.intColumn(10).append(s.count());
            }
        }
        return table;
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Double.isFinite(value) ? Math.round(value * scale) / scale : value;
    }

    @Override
    public String toString() {
        return "SweepResult[" + workload + ", " + mechanisms.size() + " mechanisms, " + samples.size() + " runs · "
                + platform.label() + "] " + verdict().sentence();
    }

    /**
     * Whether the sweep measured a point at least once.
     *
     * @param mechanism the mechanism
     * @param workers   the worker count
     * @return true when there is a sample of that point
     */
    public boolean has(Mechanism mechanism, int workers) {
        return samples.stream().anyMatch(s -> s.mechanism() == mechanism && s.workers() == workers);
    }

    /**
     * The serial fraction of Amdahl's law that best fits one mechanism's speedups, using the worker counts up to
     * the core count (beyond it the cores, not the serial part, limit the speedup). With a serial fraction
     * {@code s}, {@code n} workers can at best be {@code 1 / (s + (1 - s) / n)} times faster than one.
     *
     * @param mechanism the mechanism
     * @return the fraction, 0 to 1; NaN when no measured worker count lies between the first and the core count
     * @throws IllegalArgumentException if the sweep did not measure that mechanism
     */
    public double serialFraction(Mechanism mechanism) {
        if (!mechanisms.contains(mechanism)) {
            throw new IllegalArgumentException("no measurement of " + mechanism);
        }
        int[] fitted = Arrays.stream(workerCounts).filter(w -> w <= platform.cores()).toArray();
        return org.jcn.internal.measure.Amdahl.fit(workerCounts[0], fitted,
                Arrays.stream(fitted).mapToDouble(w -> speedup(mechanism, w)).toArray());
    }

    /**
     * A chart of the median elapsed time per worker count, one line per mechanism, with the core count marked.
     *
     * @return a new chart, labelled with the platform
     */
    public XYChart toChart() {
        return SweepCharts.elapsed(this);
    }

    /**
     * A chart of the speedup per worker count, one line per mechanism, with the ideal (linear) speedup and a
     * vertical line at the core count, past which CPU-bound work cannot speed up.
     *
     * @return a new chart, labelled with the platform
     */
    public XYChart toSpeedupChart() {
        return SweepCharts.speedup(this, null);
    }

    /**
     * A chart of the cores each point kept busy: the CPU time of the whole process tree (child JVMs and Python
     * workers included) over the wall-clock time, median and quartiles per worker count, beside a dashed line at one
     * core per worker up to the core count. Where other load blurs the elapsed times this still shows what ran in
     * parallel: a pool of Python threads held by the GIL stays near one core.
     *
     * @return a new chart, labelled with the platform and the verdict
     */
    public XYChart toCoresChart() {
        return SweepCharts.coresUsed(this);
    }

    /**
     * The {@linkplain #toSpeedupChart() speedup chart} with Amdahl's law beside the ideal line: the speedup a job
     * with the {@linkplain #serialFraction fitted serial fraction} of one mechanism can reach on this machine's
     * cores (the fraction is in the legend). Up to the core count the model is fitted to the points; past it, it
     * stays at its value for the core count, since there are no more cores to use.
     *
     * {@snippet :
     * r.toSpeedupChart(Mechanism.PLATFORM_THREADS)   // legend: "Amdahl's law, 2.0% serial ..."
     * }
     *
     * @param amdahl the mechanism whose points the law is fitted to
     * @return a new chart, labelled with the platform
     * @throws NullPointerException     if {@code amdahl} is null
     * @throws IllegalArgumentException if the sweep did not measure that mechanism
     */
    public XYChart toSpeedupChart(Mechanism amdahl) {
        Objects.requireNonNull(amdahl, "amdahl must not be null");
        serialFraction(amdahl);
        return SweepCharts.speedup(this, amdahl);
    }

    /**
     * Writes every raw sample to a CSV file, one row per run, with the workload and the platform on every row,
     * so that {@link #readCsv} gives back an equal result, and a spreadsheet or pandas can read it. Times are in
     * nanoseconds, exactly as measured. An existing file is replaced.
     *
     * @param file where to write
     * @return the file
     * @throws NullPointerException if {@code file} is null
     * @throws java.io.UncheckedIOException if the file cannot be written
     */
    public Path writeCsv(Path file) {
        return SweepCsv.write(this, Objects.requireNonNull(file, "file must not be null"));
    }

    /**
     * Reads a sweep's samples written by {@link #writeCsv}, to chart or compare a run kept from earlier.
     *
     * @param file the CSV file
     * @return the sweep's result, with the platform it was measured on
     * @throws NullPointerException     if {@code file} is null
     * @throws IllegalArgumentException if the file is not a sweep's CSV; the message names the line
     * @throws java.io.UncheckedIOException if the file cannot be read
     */
    public static SweepResult readCsv(Path file) {
        return SweepCsv.read(Objects.requireNonNull(file, "file must not be null"));
    }

    /**
     * Reads a sweep from the text of a CSV file written by {@link #writeCsv}, such as one read into memory.
     *
     * {@snippet :
     * SweepResult r = SweepResult.fromCsv(Files.readString(file), "ada.csv");
     * }
     *
     * @param csv    the file's text
     * @param source what to call the text in error messages, such as the file's name
     * @return the sweep's result, with the platform it was measured on
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if the text is not a sweep's CSV; the message starts with {@code source}
     *                                  and names the line
     */
    public static SweepResult fromCsv(String csv, String source) {
        Objects.requireNonNull(csv, "csv must not be null");
        return SweepCsv.parse(csv, Objects.requireNonNull(source, "source must not be null"));
    }
}
