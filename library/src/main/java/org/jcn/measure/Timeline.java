package org.jcn.measure;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;

import org.jcn.internal.measure.Lanes;
import org.knowm.xchart.XYChart;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Records which thread did what, and when, so that interleaving can be seen as a picture instead of read from
 * prints: moments ({@link #mark}) and spans of work ({@link #begin}, {@link #run}), on one lane per thread.
 *
 * <p>Lanes are named for what they are: "the cell's thread" (the thread running a notebook cell), "virtual thread
 * #52", a thread's own name, "child JVM (pid 1234)". A span on a virtual thread also records the carrier thread it
 * ran on (at its start and at its end), and the chart colours spans by carrier, so that many virtual threads
 * taking turns on a few carriers can be seen. {@link #run} runs a workload's tasks with any {@link Mechanism},
 * child JVMs included, and draws each task as a span in its worker's lane: one timeline for every mechanism.
 * Recording is thread safe and cheap (a time stamp and a queue insertion). Time zero is {@link #start()}.
 *
 * {@snippet :
 * Timeline timeline = Timeline.start();
 * Thread worker = Threads.start(() -> timeline.mark("working"));
 * timeline.mark("main continues");
 * try (var waiting = timeline.begin("join")) {
 *     worker.join();
 * }
 * timeline.run(Mechanism.VIRTUAL_THREADS, 8, Workloads.cpuBoundTask(20_000_000));  // 8 lanes, 1 span each
 * timeline.toChart();
 * }
 *
 * <p>Longer than the house's ~150 lines: its API documentation is some 45% of it; drawing lives in TimelineChart.
 */
public final class Timeline {

    /**
     * One recorded moment.
     *
     * @param thread the lane of the thread that marked it
     * @param label  what happened
     * @param millis when, in milliseconds since the timeline started
     */
    public record Event(String thread, String label, double millis) {
    }

    /**
     * One recorded span of work.
     *
     * @param lane        the lane of the thread (or child JVM) that did it
     * @param label       what it was
     * @param startMillis when it began, in milliseconds since the timeline started
     * @param endMillis   when it ended
     * @param carrier     for a virtual thread, the carrier it ran on ({@code "A → B"} when it began on A and ended
     *                    on B); empty otherwise
     */
    public record Span(String lane, String label, double startMillis, double endMillis, String carrier) {
    }

    /** A span that has begun: {@link #close()} ends it. Close it on the thread that began it. */
    public final class Running implements AutoCloseable {
        private final String label;
        private final long start;
        private final String lane;
        private final String carrier;
        private boolean closed;

        private Running(String label) {
            this.label = label;
            this.lane = Lanes.current(pid);
            this.carrier = Lanes.carrier();
            this.start = System.nanoTime();
        }

        /** Ends the span now; a second call does nothing. */
        @Override
        public void close() {
            if (!closed) {
                closed = true;
                record(lane, label, start, System.nanoTime(), carrier, Lanes.carrier());
            }
        }
    }

    private final long start = System.nanoTime();
    private final long pid = ProcessHandle.current().pid();
    private final ConcurrentLinkedQueue<Event> events = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Span> spans = new ConcurrentLinkedQueue<>();

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
        events.add(new Event(Lanes.current(pid), label, millis(System.nanoTime())));
    }

    /**
     * Begins a span of work on the calling thread; it ends when the returned handle is closed.
     *
     * {@snippet :
     * try (var span = timeline.begin("download")) {
     *     download(uri);
     * }
     * }
     *
     * @param label what the span is, short
     * @return the running span
     * @throws NullPointerException if {@code label} is null
     */
    public Running begin(String label) {
        Objects.requireNonNull(label, "label must not be null");
        return new Running(label);
    }

    /**
     * Runs a workload's tasks for {@code workers} workers with a mechanism, as one point of a {@link Sweep} does,
     * and records each task as a span ("task 1", "task 2", ...) in the lane of whatever ran it: a thread of this
     * JVM, or a child JVM (whose clock is the machine's, shared with this JVM).
     *
     * @param mechanism how to run the tasks
     * @param workers   how many may run at once, at least 1
     * @param workload  what to run; its check is applied to the results
     * @return the tasks' results, in task order
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if {@code workers < 1}
     * @throws ExecutionException       if a task threw; its exception is the cause
     * @throws InterruptedException     if the calling thread was interrupted; the tasks are cancelled
     */
    public List<Object> run(Mechanism mechanism, int workers, Workload workload)
            throws ExecutionException, InterruptedException {
        Objects.requireNonNull(mechanism, "mechanism must not be null");
        Objects.requireNonNull(workload, "workload must not be null");
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be >= 1 but was " + workers);
        }
        List<Workload.Task> traced = workload.tasks(workers).stream()
                .map(task -> (Workload.Task) new TracedTask(task, pid)).toList();
        List<Object> results = new ArrayList<>();
        List<Object> traces = mechanism.run(traced, workers);
        for (int i = 0; i < traces.size(); i++) {
            Lanes.Trace t = (Lanes.Trace) traces.get(i);
            record(t.lane(), "task " + (i + 1), t.startNanos(), t.endNanos(), t.carrierAtStart(), t.carrierAtEnd());
            results.add(t.result());
        }
        workload.check(results, workers);
        return results;
    }

    /**
     * The recorded moments, in time order.
     *
     * @return a new list
     */
    public List<Event> events() {
        return events.stream().sorted(Comparator.comparingDouble(Event::millis)).toList();
    }

    /**
     * The recorded spans, in order of their start.
     *
     * @return a new list
     */
    public List<Span> spans() {
        return spans.stream().sorted(Comparator.comparingDouble(Span::startMillis)).toList();
    }

    /**
     * Moments and spans as a table: lane, what, start and end in milliseconds since the start (equal for a
     * moment), carrier; in order of their start.
     *
     * @return a new table
     */
    public Table toTable() {
        List<Span> rows = new ArrayList<>(spans());
        events().forEach(e -> rows.add(new Span(e.thread(), e.label(), e.millis(), e.millis(), "")));
        rows.sort(Comparator.comparingDouble(Span::startMillis));
        return Table.create("timeline",
                StringColumn.create("lane", rows.stream().map(Span::lane)),
                StringColumn.create("what", rows.stream().map(Span::label)),
                DoubleColumn.create("start ms", rows.stream().mapToDouble(Span::startMillis)),
                DoubleColumn.create("end ms", rows.stream().mapToDouble(Span::endMillis)),
                StringColumn.create("carrier", rows.stream().map(Span::carrier)));
    }

    /**
     * The timeline as a chart: one lane per thread (named on the left, in order of first appearance), spans as
     * bars coloured by what ran them (a virtual thread's carrier, a platform thread, a child JVM), moments as
     * labelled points. Labels that would run past the plot are moved inside it.
     *
     * @return a new chart, labelled with the platform
     * @throws IllegalStateException if nothing was recorded
     */
    public XYChart toChart() {
        if (events.isEmpty() && spans.isEmpty()) {
            throw new IllegalStateException("nothing was recorded on this timeline");
        }
        return TimelineChart.draw(events(), spans());
    }

    private void record(String lane, String label, long from, long to, String carrierAtStart, String carrierAtEnd) {
        String carrier = carrierAtStart.equals(carrierAtEnd) || carrierAtEnd.isEmpty() ? carrierAtStart
                : carrierAtStart + " → " + carrierAtEnd;
        spans.add(new Span(lane, label, millis(from), millis(to), carrier));
    }

    private double millis(long nanos) {
        return (nanos - start) / 1e6;
    }

    /** A task that reports where and when it ran; serializable, so that a child JVM can run it too. */
    private record TracedTask(Workload.Task task, long ownerPid) implements Workload.Task {
        @Override
        public Object call() throws Exception {
            String lane = Lanes.current(ownerPid);
            String carrier = Lanes.carrier();
            long from = System.nanoTime();
            Object result = task.call();
            long to = System.nanoTime();
            return new Lanes.Trace(result, from, to, lane, carrier, Lanes.carrier());
        }
    }
}
