package org.jcn.measure;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.jcn.display.Charts;
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

    /** Median elapsed time per worker count; points not measured yet are left out. */
    static XYChart elapsed(SweepResult r) {
        XYChart chart = create(r, r.workload() + ": elapsed time", "elapsed (ms, median)");
        List<Mechanism> mechanisms = r.mechanisms();
        for (int i = 0; i < mechanisms.size(); i++) {
            Mechanism m = mechanisms.get(i);
            int[] measured = Arrays.stream(r.workerCounts()).filter(w -> r.has(m, w)).toArray();
            if (measured.length > 0) {
                HouseStyle.paintSeries(chart.addSeries(m.label(), doubles(measured),
                        Arrays.stream(measured).mapToDouble(w -> r.elapsedMillis(m, w).median()).toArray()), i);
            }
        }
        markCores(chart, r);
        return chart;
    }

    /** Speedup per worker count, the ideal line, and Amdahl's law fitted to {@code amdahl}'s points (if not null). */
    static XYChart speedup(SweepResult r, Mechanism amdahl) {
        int[] counts = r.workerCounts();
        int base = counts[0];
        XYChart chart = create(r, r.workload() + ": speedup",
                String.format(Locale.ROOT, "speedup over %d worker%s", base, base == 1 ? "" : "s"));
        List<Mechanism> mechanisms = r.mechanisms();
        for (int i = 0; i < mechanisms.size(); i++) {
            Mechanism m = mechanisms.get(i);
            HouseStyle.paintSeries(chart.addSeries(m.label(), doubles(counts),
                    Arrays.stream(counts).mapToDouble(w -> r.speedup(m, w)).toArray()), i);
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
            model.setLineColor(HouseStyle.PALETTE[mechanisms.indexOf(amdahl) % HouseStyle.PALETTE.length]);
        }
        markCores(chart, r);
        return chart;
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
    private static XYChart create(SweepResult r, String title, String yTitle) {
        XYChart chart = Charts.createXY(title, "workers", yTitle);
        ((HouseChart) chart).setStamp(r.platform().label());
        int[] counts = r.workerCounts();
        chart.getStyler().setXAxisMin((double) counts[0]).setXAxisMax((double) counts[counts.length - 1])
                .setXAxisDecimalPattern("#,##0");
        return chart;
    }

    private static double[] doubles(int[] values) {
        return Arrays.stream(values).asDoubleStream().toArray();
    }
}
