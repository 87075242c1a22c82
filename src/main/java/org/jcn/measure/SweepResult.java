package org.jcn.measure;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.jcn.display.Charts;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

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
 * }
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
     * A chart of the median elapsed time per worker count, one line per mechanism.
     *
     * @return a new chart, labelled with the platform
     */
    public XYChart toChart() {
        XYChart chart = Charts.createXY(workload + ": elapsed time", "workers", "elapsed (ms, median)");
        for (Mechanism m : mechanisms) {
            chart.addSeries(m.label(), xs(), Arrays.stream(workerCounts)
                    .mapToDouble(w -> elapsedMillis(m, w).median()).toArray());
        }
        markCores(chart);
        return chart;
    }

    /**
     * A chart of the speedup per worker count, one line per mechanism, with the ideal (linear) speedup and a
     * vertical line at the core count, past which CPU-bound work cannot speed up.
     *
     * @return a new chart, labelled with the platform
     */
    public XYChart toSpeedupChart() {
        XYChart chart = Charts.createXY(workload + ": speedup", "workers",
                String.format(Locale.ROOT, "speedup over %d worker%s", workerCounts[0], workerCounts[0] == 1 ? "" : "s"));
        for (Mechanism m : mechanisms) {
            chart.addSeries(m.label(), xs(), Arrays.stream(workerCounts).mapToDouble(w -> speedup(m, w)).toArray());
        }
        XYSeries ideal = chart.addSeries("ideal", xs(),
                Arrays.stream(workerCounts).mapToDouble(w -> (double) w / workerCounts[0]).toArray());
        ideal.setLineStyle(org.knowm.xchart.style.lines.SeriesLines.DASH_DASH);
        ideal.setMarker(org.knowm.xchart.style.markers.SeriesMarkers.NONE);
        ideal.setLineColor(java.awt.Color.GRAY);
        markCores(chart);
        return chart;
    }

    private double[] xs() {
        return Arrays.stream(workerCounts).asDoubleStream().toArray();
    }

    /** A vertical line at the core count, labelled, when the core count lies inside the measured range. */
    private void markCores(XYChart chart) {
        int cores = platform.cores();
        if (cores >= workerCounts[0] && cores <= workerCounts[workerCounts.length - 1]) {
            chart.addAnnotation(new AnnotationLine(cores, true, false));
            String label = cores + (cores == 1 ? " core" : " cores");
            chart.addAnnotation(new AnnotationText(label, cores, 0, false));
        }
    }
}
