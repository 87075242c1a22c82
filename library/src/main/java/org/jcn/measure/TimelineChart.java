package org.jcn.measure;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jcn.internal.display.HouseChart;
import org.jcn.internal.display.HouseStyle;
import org.jcn.internal.display.Label;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws a {@link Timeline}: lanes from top to bottom in order of first appearance, named by the y axis; each span
 * a thick bar with its label inside when it fits; each moment a point with its label, alternately above and below
 * the lane. Bars are coloured by what ran them: the carrier of a virtual thread, else the kind of lane.
 */
final class TimelineChart {

    private static final BasicStroke BAR = new BasicStroke(14f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER);

    private TimelineChart() {
    }

    static XYChart draw(List<Timeline.Event> events, List<Timeline.Span> spans) {
        List<String> lanes = lanes(events, spans);
        XYChart chart = HouseChart.xy("which thread did what, when", "time since start (ms)", "",
                Platform.current().label());
        // Lanes are named in a margin left of the plot, as wide as the longest name.
        double widest = lanes.stream().mapToDouble(l -> HouseStyle.TICK_FONT.getStringBounds(l,
                new java.awt.font.FontRenderContext(null, true, true)).getWidth()).max().orElse(0);
        chart.getStyler().setYAxisMin(-0.6).setYAxisMax(lanes.size() - 0.4).setYAxisTitleVisible(false)
                .setYAxisTicksVisible(false).setPlotGridHorizontalLinesVisible(false)
                .setYAxisLeftWidthHint((int) Math.ceil(widest) + 24);
        for (String lane : lanes) {
            chart.addAnnotation(Label.lane(lane, y(lanes, lane), HouseStyle.TICK_FONT, HouseStyle.TEXT));
        }
        Map<String, Integer> colours = new LinkedHashMap<>();
        int n = 0;
        for (Timeline.Span s : spans) {
            double y = y(lanes, s.lane());
            String key = key(s);
            boolean first = !colours.containsKey(key);
            int colour = colours.computeIfAbsent(key, k -> colour(k, colours));
            XYSeries bar = chart.addSeries(first ? key : "span " + n++, new double[] {s.startMillis(),
                Math.max(s.endMillis(), s.startMillis() + 1e-3)}, new double[] {y, y});
            bar.setLineColor(HouseStyle.PALETTE[colour % HouseStyle.PALETTE.length]);
            bar.setLineStyle(BAR);
            bar.setMarker(SeriesMarkers.NONE);
            bar.setShowInLegend(first);
            chart.addAnnotation(Label.within(s.label(), s.startMillis(), s.endMillis(), y, HouseStyle.NOTE_FONT,
                    Color.WHITE));
        }
        Map<String, List<Timeline.Event>> byLane = new LinkedHashMap<>();
        events.forEach(e -> byLane.computeIfAbsent(e.thread(), k -> new ArrayList<>()).add(e));
        boolean firstMarks = true;
        for (Map.Entry<String, List<Timeline.Event>> lane : byLane.entrySet()) {
            double y = y(lanes, lane.getKey());
            List<Timeline.Event> marks = lane.getValue();
            XYSeries points = chart.addSeries(firstMarks ? "moment marked" : "marks of " + lane.getKey(),
                    marks.stream().mapToDouble(Timeline.Event::millis).toArray(),
                    marks.stream().mapToDouble(e -> y).toArray());
            points.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            points.setMarker(SeriesMarkers.DIAMOND);
            points.setMarkerColor(HouseStyle.TEXT);
            points.setShowInLegend(firstMarks);
            firstMarks = false;
            for (int i = 0; i < marks.size(); i++) {
                // Alternate above and below the lane so that labels of close marks do not overlap.
                chart.addAnnotation(Label.beside(marks.get(i).label(), marks.get(i).millis(), y,
                        i % 2 == 0 ? -16 : 16, Label.Side.CENTRE, HouseStyle.NOTE_FONT, HouseStyle.TEXT, true));
            }
        }
        return chart;
    }

    /** Lanes in order of their first record. */
    private static List<String> lanes(List<Timeline.Event> events, List<Timeline.Span> spans) {
        List<Timeline.Span> all = new ArrayList<>(spans);
        events.forEach(e -> all.add(new Timeline.Span(e.thread(), e.label(), e.millis(), e.millis(), "")));
        all.sort(Comparator.comparingDouble(Timeline.Span::startMillis));
        return all.stream().map(Timeline.Span::lane).distinct().toList();
    }

    /** The first lane is at the top. */
    private static double y(List<String> lanes, String lane) {
        return lanes.size() - 1 - lanes.indexOf(lane);
    }

    /** What a span is coloured by: the carrier a virtual thread started on, else what kind of lane did it. */
    /**
     * A span kind's colour: a platform thread's and a child JVM's are those of their mechanisms on every sweep chart
     * ({@link SweepCharts#colour}); each carrier of virtual threads takes the next colour that no mechanism of a
     * timeline uses.
     */
    private static int colour(String key, Map<String, Integer> taken) {
        if (key.equals(ON_PLATFORM)) {
            return SweepCharts.colour(Mechanism.PLATFORM_THREADS);
        }
        if (key.equals(IN_CHILD)) {
            return SweepCharts.colour(Mechanism.CHILD_PROCESSES);
        }
        java.util.Set<Integer> reserved = java.util.Set.of(SweepCharts.colour(Mechanism.PLATFORM_THREADS),
                SweepCharts.colour(Mechanism.CHILD_PROCESSES));
        int carriers = (int) taken.keySet().stream().filter(k -> k.startsWith("on carrier")).count();
        int c = 0;
        for (int free = -1; free < carriers; c++) {
            if (!reserved.contains(c % HouseStyle.PALETTE.length)) {
                free++;
            }
        }
        return c - 1;
    }

    private static final String ON_PLATFORM = "on a platform thread";
    private static final String IN_CHILD = "in a child JVM";

    private static String key(Timeline.Span s) {
        if (!s.carrier().isEmpty()) {
            return "on carrier " + s.carrier().split(" → ")[0];
        }
        return s.lane().startsWith("child JVM") ? IN_CHILD : ON_PLATFORM;
    }
}
