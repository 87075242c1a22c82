package org.jcn.measure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.jcn.display.Charts;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Records which thread did what, and when, so that interleaving can be seen as a picture instead of read from
 * prints.
 *
 * <p>Create one with {@link #start()}, call {@link #mark(String)} from any thread at the moments that matter, and
 * draw it with {@link #toChart()}: one lane per thread (in order of first appearance), one labelled point per mark,
 * time in milliseconds since the start. Marking is thread safe and cheap (a time stamp and a queue insertion).
 *
 * {@snippet :
 * Timeline timeline = Timeline.start();
 * Thread worker = Threads.start(() -> timeline.mark("working"));
 * timeline.mark("main continues");
 * worker.join();
 * timeline.toChart();
 * }
 */
public final class Timeline {

    /**
     * One recorded moment.
     *
     * @param thread the name of the thread that marked it
     * @param label  what happened
     * @param millis when, in milliseconds since the timeline started
     */
    public record Event(String thread, String label, double millis) {
    }

    private final long start = System.nanoTime();
    private final ConcurrentLinkedQueue<Event> events = new ConcurrentLinkedQueue<>();

    private Timeline() {
    }

    /**
     * Starts an empty timeline; time zero is now.
     *
     * @return a new timeline
     */
    public static Timeline start() {
        return new Timeline();
    }

    /**
     * Records that the calling thread did {@code label} now.
     *
     * @param label what happened, short (it is written next to the point)
     * @throws NullPointerException if {@code label} is null
     */
    public void mark(String label) {
        Objects.requireNonNull(label, "label must not be null");
        events.add(new Event(threadName(), label, (System.nanoTime() - start) / 1e6));
    }

    /**
     * The recorded moments, in time order.
     *
     * @return a new list
     */
    public List<Event> events() {
        List<Event> list = new ArrayList<>(events);
        list.sort((a, b) -> Double.compare(a.millis(), b.millis()));
        return list;
    }

    /**
     * The moments as a table: thread, what, milliseconds since the start.
     *
     * @return a new table
     */
    public Table toTable() {
        List<Event> list = events();
        return Table.create("timeline",
                StringColumn.create("thread", list.stream().map(Event::thread)),
                StringColumn.create("what", list.stream().map(Event::label)),
                DoubleColumn.create("ms", list.stream().mapToDouble(Event::millis)));
    }

    /**
     * The moments as a chart: one horizontal lane per thread, one labelled point per moment.
     *
     * @return a new chart, labelled with the platform
     * @throws IllegalStateException if nothing was marked
     */
    public XYChart toChart() {
        List<Event> list = events();
        if (list.isEmpty()) {
            throw new IllegalStateException("nothing was marked on this timeline");
        }
        Map<String, List<Event>> lanes = new LinkedHashMap<>();
        for (Event e : list) {
            lanes.computeIfAbsent(e.thread(), k -> new ArrayList<>()).add(e);
        }
        XYChart chart = Charts.createXY("which thread did what, when", "time since start (ms)", "thread");
        chart.getStyler().setYAxisMin(-0.5);
        chart.getStyler().setYAxisMax(lanes.size() - 0.5);
        chart.getStyler().setYAxisTicksVisible(false);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
        int lane = 0;
        for (Map.Entry<String, List<Event>> entry : lanes.entrySet()) {
            double y = lanes.size() - 1 - lane++;
            List<Event> marks = entry.getValue();
            double[] xs = marks.stream().mapToDouble(Event::millis).toArray();
            XYSeries series = chart.addSeries(entry.getKey(), xs, marks.stream().mapToDouble(e -> y).toArray());
            series.setMarker(org.knowm.xchart.style.markers.SeriesMarkers.CIRCLE);
            for (int i = 0; i < marks.size(); i++) {
                // Alternate above and below the lane so that labels of close marks do not overlap.
                chart.addAnnotation(new AnnotationText(marks.get(i).label(), xs[i], y + (i % 2 == 0 ? 0.22 : -0.22),
                        false));
            }
        }
        return chart;
    }

    private static String threadName() {
        Thread t = Thread.currentThread();
        String name = t.getName();
        if (name.isEmpty()) {
            name = (t.isVirtual() ? "virtual thread #" : "thread #") + t.threadId();
        }
        return name;
    }
}
