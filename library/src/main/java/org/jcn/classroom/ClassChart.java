package org.jcn.classroom;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.jcn.internal.display.HouseChart;
import org.jcn.internal.display.HouseStyle;
import org.jcn.measure.Mechanism;
import org.jcn.measure.Stats;
import org.jcn.measure.SweepResult;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/**
 * The class's speedup chart: one marker per machine and worker count (nudged sideways so that equal machines stay
 * visible), the median per worker count as a line, and the ideal line. Machines differ in core count, so there is
 * no single core line: the stamp names the range instead.
 */
final class ClassChart {

    /** How far apart, in workers, the markers of one worker count are spread at most. */
    private static final double SPREAD = 0.3;

    private ClassChart() {
    }

    static XYChart speedup(SortedMap<String, SweepResult> sweeps) {
        TreeSet<Integer> counts = new TreeSet<>();
        sweeps.values().forEach(r -> Arrays.stream(r.workerCounts()).forEach(counts::add));
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        int machine = 0;
        for (SweepResult r : sweeps.values()) {
            double nudge = sweeps.size() == 1 ? 0 : SPREAD * ((double) machine / (sweeps.size() - 1) - 0.5);
            Mechanism m = r.mechanisms().get(0);
            for (int w : r.workerCounts()) {
                xs.add(w + nudge);
                ys.add(r.speedup(m, w));
            }
            machine++;
        }
        int[] all = counts.stream().mapToInt(Integer::intValue).toArray();
        double[] medians = Arrays.stream(all).mapToDouble(w -> Stats.of(sweeps.values().stream()
                .filter(r -> r.has(r.mechanisms().get(0), w))
                .mapToDouble(r -> r.speedup(r.mechanisms().get(0), w)).toArray()).median()).toArray();

        XYChart chart = HouseChart.xy(String.format(Locale.ROOT, "speedup across the class (%d machine%s)",
                sweeps.size(), sweeps.size() == 1 ? "" : "s"), "workers", "speedup over 1 worker", stamp(sweeps));
        chart.getStyler().setXAxisMin(all[0] - SPREAD).setXAxisMax(all[all.length - 1] + SPREAD)
                .setXAxisDecimalPattern("#,##0");
        XYSeries machines = chart.addSeries("one machine", xs, ys);
        HouseStyle.paintSeries(machines, 0);
        machines.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        HouseStyle.paintSeries(chart.addSeries("class median", Arrays.stream(all).asDoubleStream().toArray(),
                medians), 1);
        HouseStyle.referenceSeries(chart.addSeries("ideal", Arrays.stream(all).asDoubleStream().toArray(),
                Arrays.stream(all).mapToDouble(w -> (double) w / all[0]).toArray()), HouseStyle.dashed());
        return chart;
    }

    /** {@code 12 machines · 2-16 cores · Java 21, 25}. */
    private static String stamp(SortedMap<String, SweepResult> sweeps) {
        int least = sweeps.values().stream().mapToInt(r -> r.platform().cores()).min().orElseThrow();
        int most = sweeps.values().stream().mapToInt(r -> r.platform().cores()).max().orElseThrow();
        String javas = sweeps.values().stream().map(r -> ClassResults.feature(r.platform().javaVersion()))
                .distinct().sorted().map(String::valueOf).collect(Collectors.joining(", "));
        return String.format(Locale.ROOT, "%d machine%s · %s cores · Java %s", sweeps.size(),
                sweeps.size() == 1 ? "" : "s", least == most ? least : least + "-" + most, javas);
    }
}
