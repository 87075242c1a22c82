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
     * One measured run.
     *
     * @param mechanism  how the tasks ran
     * @param workers    how many workers there were
     * @param repetition which round (1-based)
     * @param wallNanos  elapsed wall-clock time
     * @param cpuNanos   CPU time used by the whole JVM meanwhile (all threads); -1 if unknown. Child JVMs' CPU
     *                   time is not included.
     */
    public record Sample(Mechanism mechanism, int workers, int repetition, long wallNanos, long cpuNanos) {
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
        double[] millis = samples.stream().filter(s -> s.mechanism() == mechanism && s.workers() == workers)
                .mapToDouble(s -> s.wallNanos() / 1e6).toArray();
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
     * Every raw sample as a table (mechanism, workers, round, elapsed ms, CPU ms), named after the workload and
     * the platform.
     *
     * @return a new table
     */
    public Table toTable() {
        return Table.create(workload + " · " + platform.label(),
                StringColumn.create("mechanism", samples.stream().map(s -> s.mechanism().label())),
                IntColumn.create("workers", samples.stream().mapToInt(Sample::workers).toArray()),
                IntColumn.create("round", samples.stream().mapToInt(Sample::repetition).toArray()),
                DoubleColumn.create("elapsed ms", samples.stream().mapToDouble(s -> s.wallNanos() / 1e6)),
                DoubleColumn.create("cpu ms", samples.stream().mapToDouble(s -> s.cpuNanos() < 0 ? Double.NaN
                        : s.cpuNanos() / 1e6)));
    }

    /**
     * One row per mechanism and worker count: median elapsed time, its quartiles, speedup and efficiency.
     *
     * @return a new table
     */
    public Table summary() {
        Table table = Table.create("summary: " + workload + " · " + platform.label(),
                StringColumn.create("mechanism"), IntColumn.create("workers"), DoubleColumn.create("median ms"),
                DoubleColumn.create("q1 ms"), DoubleColumn.create("q3 ms"), DoubleColumn.create("speedup"),
                DoubleColumn.create("efficiency"), IntColumn.create("runs"));
        for (Mechanism m : mechanisms) {
            for (int w : workerCounts) {
                Stats s = elapsedMillis(m, w);
                double speedup = speedup(m, w);
                table.stringColumn(0).append(m.label());
                table.intColumn(1).append(w);
                table.doubleColumn(2).append(s.median());
                table.doubleColumn(3).append(s.q1());
                table.doubleColumn(4).append(s.q3());
                table.doubleColumn(5).append(speedup);
                table.doubleColumn(6).append(speedup * workerCounts[0] / w);
                table.intColumn(7).append(s.count());
            }
        }
        return table;
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
        return SweepCsv.parse(csv.lines().toList(), Objects.requireNonNull(source, "source must not be null"));
    }
}
