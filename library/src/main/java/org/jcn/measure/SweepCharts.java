package org.jcn.measure;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.jcn.internal.display.HouseChart;
import org.jcn.internal.display.HouseStyle;
import org.jcn.internal.display.Label;
import org.jcn.internal.measure.Amdahl;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.XYChart;

/**
 * The charts of a {@link SweepResult}: elapsed time and speedup per worker count, one series per mechanism in a
 * fixed colour and marker (so a mechanism looks the same on every chart, also while a sweep is still drawing),
 * with the ideal line, Amdahl's law fitted to the points, and the core count marked.
 */
final class SweepCharts {

    private SweepCharts() {
    }

    /** Median elapsed time per worker count, with the quartiles as whiskers; points not measured yet are left out. */
    static HouseChart elapsed(SweepResult r) {
        HouseChart chart = create(r, r.workload() + ": elapsed time", "elapsed (ms, median and quartiles)");
        for (Mechanism m : r.mechanisms()) {
            medians(chart, r, m, measured(r, m), w -> r.elapsedMillis(m, w));
        }
        markCores(chart, r);
        return chart;
    }

    /**
     * Speedup per worker count with the interval the quartiles allow as whiskers, the ideal line, and Amdahl's law
     * fitted to {@code amdahl}'s points (if not null).
     */
    static XYChart speedup(SweepResult r, Mechanism amdahl) {
        int[] counts = r.workerCounts();
        int base = counts[0];
        XYChart chart = create(r, r.workload() + ": speedup",
                String.format(Locale.ROOT, "speedup over %d worker%s", base, base == 1 ? "" : "s"));
        for (Mechanism m : r.mechanisms()) {
            int[] measured = r.has(m, base) ? measured(r, m) : new int[0];
            if (measured.length == 0) {
                continue;
            }
            SweepResult.Range[] ranges = Arrays.stream(measured).mapToObj(w -> r.speedupRange(m, w))
                    .toArray(SweepResult.Range[]::new);
            HouseStyle.paintSeries(chart.addSeries(m.label(), doubles(measured),
                    Arrays.stream(ranges).mapToDouble(SweepResult.Range::estimate).toArray()), colour(m));
            whiskers(chart, r, m, measured, Arrays.stream(ranges).mapToDouble(SweepResult.Range::low).toArray(),
                    Arrays.stream(ranges).mapToDouble(SweepResult.Range::high).toArray());
        }
        HouseStyle.referenceSeries(chart.addSeries("ideal", doubles(counts),
                Arrays.stream(counts).mapToDouble(w -> (double) w / base).toArray()), HouseStyle.dashed());
        double serial = amdahl == null ? Double.NaN : r.serialFraction(amdahl);
        if (!Double.isNaN(serial)) {
            int cores = r.platform().cores();
            // Dotted, in the colour of the mechanism it was fitted to.
            var model = chart.addSeries(String.format(Locale.ROOT, "Amdahl's law, %.1f%% serial", 100 * serial),
                    doubles(counts), Arrays.stream(counts)
                            .mapToDouble(w -> Amdahl.speedup(serial, base, Math.min(w, cores))).toArray());
            HouseStyle.referenceSeries(model, HouseStyle.dotted());
            model.setLineColor(HouseStyle.PALETTE[colour(amdahl) % HouseStyle.PALETTE.length]);
        }
        markCores(chart, r);
        return chart;
    }

    /**
     * The cores each point kept busy (the process tree's CPU time over wall time; median, quartiles as whiskers),
     * with a dashed line at what the machine allows: one core per worker up to the core count.
     */
    static XYChart coresUsed(SweepResult r) {
        int[] counts = r.workerCounts();
        XYChart chart = create(r, r.workload() + ": cores kept busy", "cores used (CPU time / elapsed)");
        for (Mechanism m : r.mechanisms()) {
            medians(chart, r, m, Arrays.stream(measured(r, m)).filter(w -> !Double.isNaN(r.coresUsed(m, w).median()))
                    .toArray(), w -> r.coresUsed(m, w));
        }
        int cores = r.platform().cores();
        HouseStyle.referenceSeries(chart.addSeries("one core per worker", doubles(counts),
                Arrays.stream(counts).mapToDouble(w -> Math.min(w, cores)).toArray()), HouseStyle.dashed());
        chart.getStyler().setYAxisMin(0.0);
        markCores(chart, r);
        return chart;
    }

    /** One mechanism's medians at the given worker counts, in its colour, with the quartiles as whiskers. */
    private static void medians(XYChart chart, SweepResult r, Mechanism m, int[] workers,
                                java.util.function.IntFunction<Stats> statsAt) {
        if (workers.length == 0) {
            return;
        }
        Stats[] stats = Arrays.stream(workers).mapToObj(statsAt).toArray(Stats[]::new);
        HouseStyle.paintSeries(chart.addSeries(m.label(), doubles(workers),
                Arrays.stream(stats).mapToDouble(Stats::median).toArray()), colour(m));
        whiskers(chart, r, m, workers, Arrays.stream(stats).mapToDouble(Stats::q1).toArray(),
                Arrays.stream(stats).mapToDouble(Stats::q3).toArray());
    }

    /** A mechanism's colour and marker: the same on every chart of every lesson, whatever else is drawn beside it. */
    static int colour(Mechanism m) {
        return m.ordinal();
    }

    private static int[] measured(SweepResult r, Mechanism m) {
        return Arrays.stream(r.workerCounts()).filter(w -> r.has(m, w)).toArray();
    }

    /**
     * A vertical bar from {@code low} to {@code high} at each worker count, in the mechanism's colour, kept out of the
     * legend; a bar shorter than a marker is left out, so a quiet run's chart stays clean.
     */
    private static void whiskers(XYChart chart, SweepResult r, Mechanism m, int[] workers, double[] low,
                                 double[] high) {
        // Dodged a little to the side per mechanism, so that the bars of mechanisms at one worker count stay apart.
        int[] counts = r.workerCounts();
        double unit = (double) (counts[counts.length - 1] - counts[0]) / Math.max(1, counts.length - 1);
        double dodge = unit * 0.035 * (r.mechanisms().indexOf(m) - (r.mechanisms().size() - 1) / 2.0);
        for (int i = 0; i < workers.length; i++) {
            if (!(high[i] > low[i] * 1.02)) {
                continue;
            }
            double x = workers[i] + dodge;
            var bar = chart.addSeries(m.label() + " · spread at " + workers[i], new double[] {x, x},
                    new double[] {low[i], high[i]});
            bar.setMarker(org.knowm.xchart.style.markers.SeriesMarkers.NONE);
            bar.setLineColor(HouseStyle.PALETTE[colour(m) % HouseStyle.PALETTE.length]);
            bar.setLineStyle(new java.awt.BasicStroke(2f));
            bar.setShowInLegend(false);
        }
    }

    /** A vertical line at the core count, labelled at the top, when it lies inside the measured range. */
    private static void markCores(XYChart chart, SweepResult r) {
        int cores = r.platform().cores();
        int[] counts = r.workerCounts();
        if (cores >= counts[0] && cores <= counts[counts.length - 1]) {
            chart.addAnnotation(new AnnotationLine(cores, true, false));
            chart.addAnnotation(Label.beside(cores + (cores == 1 ? " core" : " cores"), cores, Double.NaN, 0,
                    Label.Side.RIGHT, HouseStyle.LEGEND_FONT, HouseStyle.QUIET_TEXT, true));
        }
    }

    /**
     * A chart stamped with the platform the sweep ran on (which, for a sweep read from a CSV file, need not be this
     * one), with whole numbers of workers over the whole range from the start: a chart drawn while the sweep runs
     * keeps its x axis as points arrive.
     */
    private static HouseChart create(SweepResult r, String title, String yTitle) {
        HouseChart chart = HouseChart.xy(title, "workers", yTitle, r.platform().label());
        Verdict verdict = r.verdict();
        chart.setVerdict(verdict.sentence(), !verdict.trustworthy());
        int[] counts = r.workerCounts();
        chart.getStyler().setXAxisMin((double) counts[0]).setXAxisMax((double) counts[counts.length - 1])
                .setXAxisDecimalPattern("#,##0");
        return chart;
    }

    private static double[] doubles(int[] values) {
        return Arrays.stream(values).asDoubleStream().toArray();
    }
}
